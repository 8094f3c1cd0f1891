"""Admins: rounds and their quality, a dry run, running a round now, and live progress."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime

from core.errors import Conflict
from matching.instance import InstanceError
from repositories import models
from repositories.audit import AuditAction
from repositories.models.rounds import require_slot
from resolvers.audit import record_admin_action
from resolvers.live import listening, next_or_hold
from resolvers.matches import ANNOUNCING
from resolvers.paging import page_size
from resolvers.people import people
from rounds.service import RunRequest, preview, request_round
from runtime.events import MalformedEvent, round_progress_channel, round_progress_of
from runtime.live import Gap
from schema.context import Context
from schema.enums import RoundStatus
from schema.matches import SuggestedTime
from schema.results import RoundAlreadyQueued, RoundQueued
from schema.rounds import (
    PreviewGroup,
    Round,
    RoundPage,
    RoundPreview,
    RoundProgress,
    RoundQuality,
)

logger = logging.getLogger(__name__)


def quality_of(quality: models.RoundQuality) -> RoundQuality:
    return RoundQuality(
        repeats=quality.repeats,
        groups_without_common_window=quality.groups_without_common_window,
        cross_team_share=quality.cross_team_share,
        unmatched=quality.unmatched,
    )


def round_status(value: str) -> RoundStatus:
    try:
        return RoundStatus(value)
    except ValueError:
        return RoundStatus.RUNNING


def round_of(found: models.MatchRound) -> Round:
    return Round(
        slot=found.slot,
        status=found.status,
        participants=found.input_size,
        groups=found.group_count,
        quality=None if found.quality is None else quality_of(found.quality),
        started_at=found.claimed_at,
        finished_at=found.finished_at,
    )


async def rounds(context: Context, *, first: int, after: str | None) -> RoundPage:
    context.require_admin()
    page = await context.services.repositories.rounds.list_rounds(
        limit=page_size(first), cursor=after
    )
    return RoundPage(items=[round_of(found) for found in page.items], next_cursor=page.cursor)


async def preview_round(context: Context, *, slot: str) -> RoundPreview:
    admin = context.require_admin()
    slot = require_slot(slot)
    try:
        result = await preview(
            repositories=context.services.repositories,
            deployment_id=context.services.settings.deployment_id,
            slot=slot,
        )
    except InstanceError as error:
        raise Conflict(f"no grouping keeps everyone's blocks: {error.detail}") from None
    groups = []
    for members, suggested in zip(result.groups, result.suggested_times, strict=True):
        groups.append(
            PreviewGroup(
                members=await people(context, members),
                suggested_time=None
                if suggested is None
                else SuggestedTime(start=suggested.start, end=suggested.end),
            )
        )
    await record_admin_action(
        context,
        admin=admin,
        action=AuditAction.ROUND_PREVIEWED,
        target=slot,
        detail={"groups": str(len(groups))},
    )
    return RoundPreview(
        slot=slot,
        groups=groups,
        unmatched=await people(context, result.unmatched),
        quality=quality_of(models.RoundQuality.model_validate(result.quality.model_dump())),
    )


async def run_round_now(context: Context, *, slot: str) -> RoundQueued | RoundAlreadyQueued:
    principal = context.require_admin()
    slot = require_slot(slot)
    requested = await request_round(
        repositories=context.services.repositories,
        queue=context.services.queue,
        deployment_id=principal.deployment_id,
        slot=slot,
        requested_by=principal.user_id,
        now=datetime.now(UTC),
    )
    await record_admin_action(
        context,
        admin=principal,
        action=AuditAction.ROUND_RUN_REQUESTED,
        target=slot,
        detail={"outcome": requested.outcome.value},
    )
    if requested.outcome is RunRequest.QUEUED:
        return RoundQueued(slot=slot, job_id=requested.job_id)
    return RoundAlreadyQueued(slot=slot, job_id=requested.job_id)


async def round_progress(context: Context) -> AsyncIterator[RoundProgress]:
    principal = context.require_admin()
    channel = round_progress_channel(principal.deployment_id)
    async with listening(context, channel) as listener:
        while True:
            item = await next_or_hold(listener)
            if isinstance(item, Gap):
                progress = await _progress_since(context, since=item.lost_at)
            else:
                progress = _progress_event(item, deployment_id=principal.deployment_id)
            if progress is not None:
                yield progress


def _progress_event(data: bytes, *, deployment_id: str) -> RoundProgress | None:
    try:
        event = round_progress_of(data)
    except MalformedEvent as error:
        logger.warning("ignored a malformed round progress event: %s", error)
        return None
    if event.deployment_id != deployment_id:
        return None
    return RoundProgress(
        slot=event.slot,
        status=round_status(event.status),
        groups_written=event.groups_written,
        groups_total=event.groups_total,
    )


async def _progress_since(context: Context, *, since: datetime) -> RoundProgress | None:
    """The newest round's state, if it ran while events may have been lost."""
    page = await context.services.repositories.rounds.list_rounds(limit=1)
    if not page.items:
        return None
    newest = page.items[0]
    changed = newest.finished_at or newest.claimed_at
    if changed < since - ANNOUNCING:
        return None
    groups = newest.group_count or 0
    return RoundProgress(
        slot=newest.slot,
        status=round_status(newest.status.value),
        groups_written=groups,
        groups_total=groups,
    )
