"""Admins: the people of the deployment, its figures, its audit log, (de)activating people."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import strawberry

from repositories import models
from repositories.audit import RETENTION, AuditRepository
from resolvers.paging import page_size
from resolvers.people import user_of
from schema.admin import AuditEvent, AuditPage, Stats
from schema.context import Context
from schema.enums import ParticipationStatus
from schema.people import User, UserPage
from vcoffee.errors import BadUserInput, NotFound

MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


async def users(
    context: Context, *, status: ParticipationStatus | None, first: int, after: str | None
) -> UserPage:
    context.require_admin()
    page = await context.repositories.users.list_users(
        status=None if status is None else models.ParticipationStatus(status.value),
        limit=page_size(first),
        cursor=after,
    )
    return UserPage(items=[user_of(user) for user in page.items], next_cursor=page.cursor)


async def stats(context: Context) -> Stats:
    context.require_admin()
    figures = await context.repositories.stats.compute()
    return Stats(
        active_people=figures.active,
        paused_people=figures.paused,
        not_joined_people=figures.not_joined,
        deactivated_people=figures.deactivated,
        rounds=figures.rounds,
        completed_rounds=figures.completed_rounds,
        groups=figures.groups,
        feedback=figures.feedback,
        met_share=figures.met_share,
        repeat_rate=figures.repeat_rate,
        notification_failures=figures.notification_failures,
        undeliverable=figures.undeliverable,
    )


def _month_before(month: datetime) -> datetime:
    return (
        month.replace(year=month.year - 1, month=12)
        if month.month == 1
        else month.replace(month=month.month - 1)
    )


def _month_of(cursor: str | None, *, now: datetime) -> datetime:
    this_month = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if cursor is None:
        return this_month
    found = MONTH.fullmatch(cursor)
    if found is None:
        raise BadUserInput("the cursor is not valid for this list", fields=("after",))
    month = datetime(int(found.group(1)), int(found.group(2)), 1, tzinfo=UTC)
    if month > this_month:
        raise BadUserInput("the cursor is not valid for this list", fields=("after",))
    return month


async def audit_log(context: Context, *, first: int, after: str | None) -> AuditPage:
    """One calendar month (UTC) per page, newest first; the cursor names the next older month."""
    context.require_admin()
    now = datetime.now(UTC)
    month = _month_of(after, now=now)
    audit = AuditRepository(gateway=context.repositories.gateway)
    events = await audit.month(moment=month, limit=page_size(first))
    older = _month_before(month)
    next_cursor = older.strftime("%Y-%m") if now - older <= RETENTION else None
    return AuditPage(
        items=[
            AuditEvent(
                id=strawberry.ID(event.event_id),
                at=event.at,
                actor_id=strawberry.ID(event.actor),
                action=event.action.value,
                target=event.target_deployment,
                detail=json.dumps(event.detail, sort_keys=True) if event.detail else None,
            )
            for event in events
        ],
        next_cursor=next_cursor,
    )


async def _require_user(context: Context, user_id: str) -> None:
    if await context.repositories.users.get(user_id=user_id) is None:
        raise NotFound("no such person", fields=("userId",))


async def deactivate_person(context: Context, *, user_id: str) -> User:
    admin = context.require_admin()
    if user_id == admin.user_id:
        raise BadUserInput("admins cannot deactivate themselves", fields=("userId",))
    await _require_user(context, user_id)
    return user_of(await context.repositories.users.deactivate(user_id=user_id))


async def reactivate_person(context: Context, *, user_id: str) -> User:
    context.require_admin()
    await _require_user(context, user_id)
    return user_of(await context.repositories.users.reactivate(user_id=user_id))
