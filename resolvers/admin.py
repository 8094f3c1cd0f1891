"""Admins: the people of the deployment, its figures, (de)activating people, the admin role."""

from __future__ import annotations

from core.errors import BadUserInput, Conflict, NotFound
from repositories import models
from repositories.audit import AuditAction
from resolvers.audit import record_admin_action
from resolvers.paging import page_size
from resolvers.people import user_of
from schema.admin import Stats
from schema.context import Context
from schema.enums import ParticipationStatus
from schema.people import User, UserPage

# People read per query while looking for another admin.
ADMIN_SCAN_PAGE = 100


async def users(
    context: Context, *, status: ParticipationStatus | None, first: int, after: str | None
) -> UserPage:
    context.require_admin()
    page = await context.services.repositories.users.list_users(
        status=status,
        limit=page_size(first),
        cursor=after,
    )
    return UserPage(items=[user_of(user) for user in page.items], next_cursor=page.cursor)


async def stats(context: Context) -> Stats:
    context.require_admin()
    figures = await context.services.repositories.stats.compute()
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


async def _require_user(context: Context, user_id: str) -> models.User:
    user = await context.services.repositories.users.get(user_id=user_id)
    if user is None:
        raise NotFound("no such person", fields=("userId",))
    return user


async def deactivate_person(context: Context, *, user_id: str) -> User:
    admin = context.require_admin()
    if user_id == admin.user_id:
        raise BadUserInput("admins cannot deactivate themselves", fields=("userId",))
    await _require_user(context, user_id)
    user = await context.services.repositories.users.deactivate(user_id=user_id)
    await record_admin_action(
        context, admin=admin, action=AuditAction.PERSON_DEACTIVATED, target=user_id
    )
    return user_of(user)


async def reactivate_person(context: Context, *, user_id: str) -> User:
    admin = context.require_admin()
    await _require_user(context, user_id)
    user = await context.services.repositories.users.reactivate(user_id=user_id)
    await record_admin_action(
        context, admin=admin, action=AuditAction.PERSON_REACTIVATED, target=user_id
    )
    return user_of(user)


async def grant_admin(context: Context, *, user_id: str) -> User:
    admin = context.require_admin()
    current = await _require_user(context, user_id)
    if current.role is models.Role.ADMIN:
        return user_of(current)  # nothing changes, so nothing is logged
    user = await context.services.repositories.users.set_role(
        user_id=user_id, role=models.Role.ADMIN
    )
    await record_admin_action(
        context, admin=admin, action=AuditAction.ADMIN_GRANTED, target=user_id
    )
    return user_of(user)


async def revoke_admin(context: Context, *, user_id: str) -> User:
    """Refused for the last active person with the admin role, so someone can still manage."""
    admin = context.require_admin()
    current = await _require_user(context, user_id)
    if current.role is not models.Role.ADMIN:
        return user_of(current)
    if not await _another_admin(context, besides=user_id):
        raise _last_admin()
    users = context.services.repositories.users
    user = await users.set_role(user_id=user_id, role=models.Role.MEMBER)
    # Two admins revoking each other at once both pass the check above; the one that finds
    # nobody left afterwards gives the role back, so the deployment keeps an admin.
    if not await _another_admin(context, besides=user_id):
        await users.set_role(user_id=user_id, role=models.Role.ADMIN)
        raise _last_admin()
    await record_admin_action(
        context, admin=admin, action=AuditAction.ADMIN_REVOKED, target=user_id
    )
    return user_of(user)


def _last_admin() -> Conflict:
    return Conflict(
        "this is the last active admin of the deployment; make someone else an admin first",
        fields=("userId",),
    )


async def _another_admin(context: Context, *, besides: str) -> bool:
    """Whether an active person other than `besides` holds the admin role now."""
    users = context.services.repositories.users
    cursor: str | None = None
    while True:
        page = await users.list_users(limit=ADMIN_SCAN_PAGE, cursor=cursor)
        for listed in page.items:
            if listed.id == besides or listed.role is not models.Role.ADMIN:
                continue
            # The listing is an index that may lag; the person's own item is read consistently.
            current = await users.get(user_id=listed.id)
            if (
                current is not None
                and current.role is models.Role.ADMIN
                and not current.participation.deactivated
            ):
                return True
        if page.cursor is None:
            return False
        cursor = page.cursor
