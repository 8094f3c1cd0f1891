"""Admins: the people of the deployment, its figures, (de)activating people."""

from __future__ import annotations

from repositories import models
from repositories.audit import AuditAction
from resolvers.audit import record_admin_action
from resolvers.paging import page_size
from resolvers.people import user_of
from schema.admin import Stats
from schema.context import Context
from schema.enums import ParticipationStatus
from schema.people import User, UserPage
from vcoffee.errors import BadUserInput, NotFound


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


async def _require_user(context: Context, user_id: str) -> None:
    if await context.repositories.users.get(user_id=user_id) is None:
        raise NotFound("no such person", fields=("userId",))


async def deactivate_person(context: Context, *, user_id: str) -> User:
    admin = context.require_admin()
    if user_id == admin.user_id:
        raise BadUserInput("admins cannot deactivate themselves", fields=("userId",))
    await _require_user(context, user_id)
    user = await context.repositories.users.deactivate(user_id=user_id)
    await record_admin_action(
        context, admin=admin, action=AuditAction.PERSON_DEACTIVATED, target=user_id
    )
    return user_of(user)


async def reactivate_person(context: Context, *, user_id: str) -> User:
    admin = context.require_admin()
    await _require_user(context, user_id)
    user = await context.repositories.users.reactivate(user_id=user_id)
    await record_admin_action(
        context, admin=admin, action=AuditAction.PERSON_REACTIVATED, target=user_id
    )
    return user_of(user)
