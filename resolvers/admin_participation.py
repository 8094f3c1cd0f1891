"""Admins: pausing a person's participation on their behalf, and resuming it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from core.errors import BadUserInput, Conflict, NotFound
from repositories import models
from repositories.audit import AuditAction
from resolvers.audit import record_admin_action
from resolvers.people import user_of
from schema.context import Context
from schema.people import User


async def _require_user(context: Context, user_id: str) -> models.User:
    user = await context.services.repositories.users.get(user_id=user_id)
    if user is None:
        raise NotFound("no such person", fields=("userId",))
    return user


async def pause_person(context: Context, *, user_id: str, until: date | None) -> User:
    """Pauses until resumed, or through `until`; only people who take part can be paused."""
    admin = context.require_admin()
    if until is not None and until < datetime.now(UTC).date():
        raise BadUserInput(f"until {until} is in the past", fields=("until",))
    current = await _require_user(context, user_id)
    status = current.participation.stored_status()
    if status is models.ParticipationStatus.DEACTIVATED:
        raise Conflict("this person is deactivated; reactivate them first", fields=("userId",))
    if status is models.ParticipationStatus.NOT_JOINED:
        raise Conflict(
            "this person has not joined, so there is nothing to pause", fields=("userId",)
        )
    if status is models.ParticipationStatus.PAUSED and current.participation.paused_until == until:
        return user_of(current)  # nothing changes, so nothing is logged
    user = await context.services.repositories.users.pause(user_id=user_id, until=until)
    await record_admin_action(
        context,
        admin=admin,
        action=AuditAction.PERSON_PAUSED,
        target=user_id,
        detail={"until": until.isoformat()} if until else None,
    )
    return user_of(user)


async def resume_person(context: Context, *, user_id: str) -> User:
    admin = context.require_admin()
    current = await _require_user(context, user_id)
    if current.participation.stored_status() is not models.ParticipationStatus.PAUSED:
        return user_of(current)
    user = await context.services.repositories.users.resume(user_id=user_id)
    await record_admin_action(
        context, admin=admin, action=AuditAction.PERSON_RESUMED, target=user_id
    )
    return user_of(user)
