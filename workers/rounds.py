"""The `run_round` job: claim the slot, match the active people, write groups, tell everyone."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

from arq import Retry
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from core.errors import AppError, ServiceUnavailable
from matching.engine import match
from matching.instance import InstanceError, MatchResult
from repositories.bundle import Repositories
from repositories.gateway import ConditionFailed
from repositories.models.matches import Match
from repositories.models.rounds import PlannedGroup, RoundQuality, slot_date
from repositories.models.users import PersonCard
from rounds.instance import read_round_input, seed_for
from runtime.events import (
    MatchEvent,
    MatchSnapshot,
    RoundProgress,
    encoded_matches,
    publish_encoded,
    publish_round_progress,
)
from runtime.services import Services
from workers.bulk_enqueue import enqueue_many
from workers.metrics import record_round
from workers.notify import notification_job

log = logging.getLogger(__name__)

# A round that finds the table unavailable tries again soon: an outage of any length is
# followed by the round within half a minute of recovery.
RETRY_DEFERS = (2, 5, 10, 20, 30)
# Enough tries for about an hour and a half; after that the resume cron takes over.
MAX_TRIES = 200
# A round that stops on an error of ours (not an outage) is tried this many times in all, a
# few seconds apart, then marked failed with the error's kind, for admins to see.
ERROR_TRIES = 3


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


def _snapshot(stored: Match, cards: dict[str, PersonCard]) -> MatchSnapshot | None:
    """The match with its members' cards; None if a card is missing (subscribers read it)."""
    members = [cards.get(member) for member in stored.participants]
    known = [card for card in members if card is not None]
    if len(known) != len(members):
        return None
    return MatchSnapshot(match=stored, members=known)


@dataclass(frozen=True)
class Announcement:
    """A completed round's live events, encoded, and the members to notify."""

    messages: list[tuple[str, str]]
    members: list[tuple[str, str]]  # (match id, user id)


def _announcement(
    services: Services, *, matches: list[Match], cards: dict[str, PersonCard]
) -> Announcement:
    deployment = services.settings.deployment_id
    # Each event carries the match and its members, so the API reads nothing to show it.
    events = []
    for stored in matches:
        snapshot = _snapshot(stored, cards)
        for member in stored.participants:
            events.append(
                MatchEvent(
                    deployment_id=deployment,
                    user_id=member,
                    match_id=stored.id,
                    slot=stored.slot,
                    snapshot=snapshot,
                )
            )
    members = [(stored.id, member) for stored in matches for member in stored.participants]
    return Announcement(messages=encoded_matches(events), members=members)


async def _notify(services: Services, announcement: Announcement) -> None:
    deployment = services.settings.deployment_id
    jobs = [
        notification_job(deployment_id=deployment, match_id=match_id, user_id=member)
        for match_id, member in announcement.members
    ]
    await enqueue_many(services.queue, jobs)


async def _announce_end(services: Services, *, slot: str, status: str) -> None:
    """Tells admins watching the rounds page that a round ended without groups."""
    await publish_round_progress(
        services.redis,
        RoundProgress(
            deployment_id=services.settings.deployment_id,
            slot=slot,
            status=status,
            groups_written=0,
            groups_total=0,
        ),
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
    async with repos.rounds.kept(slot=slot, owner=owner):
        return await _run_claimed(services, repos=repos, slot=slot, owner=owner, seed=claimed.seed)


async def _run_claimed(
    services: Services, *, repos: Repositories, slot: str, owner: str, seed: int
) -> RoundOutcome:
    deployment = services.settings.deployment_id
    day = slot_date(slot)
    await repos.users.resume_ended_pauses(on=day)
    try:
        read = await read_round_input(repositories=repos, slot=slot, seed=seed, plan_ahead=True)
        instance = read.instance
        if len(instance.participants) < 2:
            await repos.rounds.skip(slot=slot, owner=owner, reason="fewer than two participants")
            await _announce_end(services, slot=slot, status="skipped")
            return RoundOutcome(slot=slot, status="skipped", detail="fewer than two participants")
        # In a thread: the worker keeps renewing its leases while a large round is matched.
        result = await asyncio.to_thread(match, instance)
    except InstanceError as error:
        await repos.rounds.fail(slot=slot, owner=owner, error=str(error))
        await _announce_end(services, slot=slot, status="failed")
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

    if result.plan is not None:
        await repos.round_plans.save(slot=slot, plan_json=result.plan.model_dump_json())
    count = await repos.rounds.write_groups(
        slot=slot,
        owner=owner,
        groups=planned_groups(result),
        input_size=len(instance.participants),
        on_progress=progress,
    )
    # Read back and encoded before completing, so that members hear of the round the moment
    # it completes.
    stored = sorted(await repos.rounds.groups_of(slot=slot), key=lambda group: group.index)
    cards = {person.id: PersonCard.of(person) for person in read.people}
    announcement = _announcement(services, matches=stored, cards=cards)
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
    # Announced once completed, so whoever opens the app on the event sees the match. A crash
    # right here leaves members pending; the resend cron (workers/notify.py) enqueues them.
    # Live events first, in pipelines: everyone's app learns of the round within a moment.
    await publish_encoded(services.redis, announcement.messages)
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
    await _notify(services, announcement)
    return RoundOutcome(slot=slot, status="completed", groups=count)


async def _give_up(services: Services, *, slot: str, owner: str, error: Exception) -> RoundOutcome:
    detail = f"stopped by an error ({type(error).__name__}) {ERROR_TRIES} times"
    try:
        await services.repositories.rounds.fail(slot=slot, owner=owner, error=detail)
        await _announce_end(services, slot=slot, status="failed")
    except (AppError, ConditionFailed, RedisConnectionError, RedisTimeoutError) as lost:
        # The lease went to another holder, or the table is away: the resume cron decides.
        log.warning("could not mark the round failed: %s", lost, extra={"slot": slot})
    return RoundOutcome(slot=slot, status="failed", detail=detail)


async def run_round(
    ctx: dict[str, Any], *, deployment_id: str, slot: str, requested_by: str | None = None
) -> str:
    services: Services = ctx["services"]
    if deployment_id != services.settings.deployment_id:
        log.warning("refused a round job of another deployment", extra={"slot": slot})
        return "refused: another deployment"
    owner = f"job:{ctx.get('job_id', 'direct')}"
    started = time.perf_counter()
    try:
        outcome = await execute_round(services, slot=slot, owner=owner)
    except (ServiceUnavailable, RedisConnectionError, RedisTimeoutError) as error:
        # An outage: retried by the same job (the same owner), so the round continues where
        # it stopped.
        attempt = int(ctx.get("job_try", 1))
        defer = RETRY_DEFERS[min(attempt, len(RETRY_DEFERS)) - 1]
        log.warning("round deferred: %s", error, extra={"slot": slot, "defer": defer})
        raise Retry(defer=defer) from error
    except Exception as error:
        attempt = int(ctx.get("job_try", 1))
        if attempt < ERROR_TRIES:
            log.exception("round stopped by an error; trying again", extra={"slot": slot})
            raise Retry(defer=RETRY_DEFERS[attempt - 1]) from error
        log.exception("round stopped by an error; marked failed", extra={"slot": slot})
        outcome = await _give_up(services, slot=slot, owner=owner, error=error)
    await record_round(
        services, slot=slot, status=outcome.status, seconds=time.perf_counter() - started
    )
    log.info(
        "round finished",
        extra={"slot": slot, "status": outcome.status, "groups": outcome.groups},
    )
    return outcome.status
