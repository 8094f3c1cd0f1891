"""The `run_round` job: claim the slot, match the active people, write groups, tell everyone."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from matching.engine import match
from matching.instance import HistoryRound, Instance, InstanceError, MatchResult, Participant
from notifications.service import notification_job_id
from repositories.bundle import Repositories
from repositories.models.config import DeploymentConfig
from repositories.models.matches import match_id_of
from repositories.models.rounds import PlannedGroup, RoundQuality, slot_date
from repositories.models.users import User
from vcoffee.events import MatchEvent, RoundProgress, publish_match, publish_round_progress
from vcoffee.services import Services

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RoundOutcome:
    slot: str
    status: str
    groups: int = 0
    detail: str = ""


def seed_for(*, deployment_id: str, slot: str) -> int:
    """A stable seed per round, recorded on it, so anyone can reproduce the groups."""
    digest = hashlib.sha256(f"{deployment_id}\0{slot}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def build_instance(
    *,
    slot: str,
    seed: int,
    config: DeploymentConfig,
    people: list[User],
    history: list[tuple[str, list[list[str]]]],
    blocks: list[tuple[str, str]],
) -> Instance:
    present = {person.id for person in people}
    return Instance(
        round=slot_date(slot),
        group_size=config.group_size,
        seed=seed,
        repeat_window=config.repeat_window,
        prefer_cross_team=config.prefer_cross_team,
        participants=tuple(
            Participant(
                id=person.id,
                timezone=person.preferences.timezone,
                availability=tuple(person.preferences.availability),
                topics=tuple(person.preferences.topics),
                team=person.profile.team,
            )
            for person in people
        ),
        history=tuple(
            HistoryRound(round=slot_date(past), groups=tuple(tuple(g) for g in groups))
            for past, groups in history
        ),
        blocks=tuple(
            (blocker, blocked)
            for blocker, blocked in blocks
            if blocker in present and blocked in present
        ),
    )


def planned_groups(result: MatchResult) -> list[PlannedGroup]:
    planned = []
    for members, suggestion in zip(result.groups, result.suggested_times, strict=True):
        planned.append(
            PlannedGroup(
                members=members,
                suggested_start=suggestion.start if suggestion else None,
                suggested_end=suggestion.end if suggestion else None,
            )
        )
    return planned


async def _announce(services: Services, *, slot: str, result: MatchResult) -> None:
    deployment = services.settings.deployment_id
    for index, members in enumerate(result.groups):
        match_id = match_id_of(slot, index)
        for member in members:
            await publish_match(
                services.redis,
                MatchEvent(deployment_id=deployment, user_id=member, match_id=match_id, slot=slot),
            )
            await services.queue.enqueue_job(
                "notify_member",
                deployment_id=deployment,
                match_id=match_id,
                user_id=member,
                _job_id=notification_job_id(match_id=match_id, user_id=member),
            )


async def execute_round(
    services: Services, *, slot: str, owner: str, repositories: Repositories | None = None
) -> RoundOutcome:
    """Runs one round to completion; safe to call again for the same slot after any crash."""
    repos = repositories or services.repositories
    deployment = services.settings.deployment_id
    claimed = await repos.rounds.claim(
        slot=slot, owner=owner, seed=seed_for(deployment_id=deployment, slot=slot)
    )
    if claimed is None:
        return RoundOutcome(slot=slot, status="already-handled")
    config = await repos.config.get()
    day = slot_date(slot)
    await repos.users.resume_ended_pauses(on=day)
    people = await repos.users.participants(on=day)
    if len(people) < 2:
        await repos.rounds.skip(slot=slot, owner=owner, reason="fewer than two participants")
        return RoundOutcome(slot=slot, status="skipped", detail="fewer than two participants")
    history = [
        (past.slot, past.groups)
        for past in await repos.rounds.recent_groups(rounds=config.repeat_window)
        if past.slot != slot
    ]
    try:
        instance = build_instance(
            slot=slot,
            seed=claimed.seed,
            config=config,
            people=people,
            history=history,
            blocks=await repos.blocks.all_pairs(),
        )
        result = match(instance)
    except InstanceError as error:
        await repos.rounds.fail(slot=slot, owner=owner, error=str(error))
        return RoundOutcome(slot=slot, status="failed", detail=str(error))

    async def progress(written: int, total: int) -> None:
        await publish_round_progress(
            services.redis,
            RoundProgress(
                deployment_id=deployment,
                slot=slot,
                status="running",
                groups_written=written,
                groups_total=total,
            ),
        )

    count = await repos.rounds.write_groups(
        slot=slot,
        owner=owner,
        groups=planned_groups(result),
        input_size=len(people),
        on_progress=progress,
    )
    # Announce before completing: a crash in between reruns the (idempotent) announcement
    # instead of leaving a completed round whose members never heard of it.
    await _announce(services, slot=slot, result=result)
    quality = result.quality
    await repos.rounds.complete(
        slot=slot,
        owner=owner,
        quality=RoundQuality(
            repeats=quality.repeats,
            groups_without_common_window=quality.groups_without_common_window,
            cross_team_share=quality.cross_team_share,
            unmatched=quality.unmatched,
        ),
    )
    await publish_round_progress(
        services.redis,
        RoundProgress(
            deployment_id=deployment,
            slot=slot,
            status="completed",
            groups_written=count,
            groups_total=count,
        ),
    )
    return RoundOutcome(slot=slot, status="completed", groups=count)


async def run_round(
    ctx: dict[str, Any], *, deployment_id: str, slot: str, requested_by: str | None = None
) -> str:
    services: Services = ctx["services"]
    if deployment_id != services.settings.deployment_id:
        log.warning("refused a round job of another deployment", extra={"slot": slot})
        return "refused: another deployment"
    owner = f"job:{ctx.get('job_id', 'direct')}"
    outcome = await execute_round(services, slot=slot, owner=owner)
    log.info(
        "round finished",
        extra={"slot": slot, "status": outcome.status, "groups": outcome.groups},
    )
    return outcome.status
