"""The `run_round` job: claim the slot, match the active people, write groups, tell everyone."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from matching.engine import match
from matching.instance import InstanceError, MatchResult
from notifications.service import notification_job_id
from repositories.bundle import Repositories
from repositories.models.matches import match_id_of
from repositories.models.rounds import PlannedGroup, RoundQuality, slot_date
from runtime.events import MatchEvent, RoundProgress, publish_matches, publish_round_progress
from runtime.services import Services
from workers.metrics import record_round
from workers.round_input import read_instance, seed_for

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RoundOutcome:
    slot: str
    status: str
    groups: int = 0
    detail: str = ""


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
    members = [
        (match_id_of(slot, index), member)
        for index, group in enumerate(result.groups)
        for member in group
    ]
    # Live events first, in pipelines: everyone's app learns of the round within a moment.
    await publish_matches(
        services.redis,
        [
            MatchEvent(deployment_id=deployment, user_id=member, match_id=match_id, slot=slot)
            for match_id, member in members
        ],
    )
    for match_id, member in members:
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
    day = slot_date(slot)
    await repos.users.resume_ended_pauses(on=day)
    try:
        instance = await read_instance(repositories=repos, slot=slot, seed=claimed.seed)
        if len(instance.participants) < 2:
            await repos.rounds.skip(slot=slot, owner=owner, reason="fewer than two participants")
            return RoundOutcome(slot=slot, status="skipped", detail="fewer than two participants")
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
        input_size=len(instance.participants),
        on_progress=progress,
    )
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
    # Announced once completed, so whoever opens the app on the event sees the match. A crash
    # right here leaves members pending; the resend cron (workers/notify.py) enqueues them.
    await _announce(services, slot=slot, result=result)
    return RoundOutcome(slot=slot, status="completed", groups=count)


async def run_round(
    ctx: dict[str, Any], *, deployment_id: str, slot: str, requested_by: str | None = None
) -> str:
    services: Services = ctx["services"]
    if deployment_id != services.settings.deployment_id:
        log.warning("refused a round job of another deployment", extra={"slot": slot})
        return "refused: another deployment"
    owner = f"job:{ctx.get('job_id', 'direct')}"
    started = time.perf_counter()
    outcome = await execute_round(services, slot=slot, owner=owner)
    await record_round(
        services, slot=slot, status=outcome.status, seconds=time.perf_counter() - started
    )
    log.info(
        "round finished",
        extra={"slot": slot, "status": outcome.status, "groups": outcome.groups},
    )
    return outcome.status
