"""What admins do, written to the audit log: their user id, the action, its target and when."""

from __future__ import annotations

import json
from collections.abc import Mapping

import strawberry

from auth.principal import Principal
from repositories.audit import AuditAction, AuditEvent, AuditLog, AuditRepository
from repositories.cursor import CursorCodec
from resolvers.paging import page_size
from runtime.services import cursor_secret
from schema import admin as types
from schema.context import Context


async def record_admin_action(
    context: Context,
    *,
    admin: Principal,
    action: AuditAction,
    target: str,
    detail: Mapping[str, str] | None = None,
) -> None:
    """Called once the action has taken effect, so a refused action leaves no event."""
    gateway = context.services.repositories.gateway
    await AuditRepository(gateway=gateway).record(
        AuditEvent(
            at=gateway.now(),
            action=action,
            # A user id, never an email or a name: the log outlives people's accounts.
            actor=admin.user_id,
            deployment_id=gateway.keys.deployment_id,
            target=target,
            detail=dict(detail or {}),
        )
    )


def event_of(event: AuditEvent) -> types.AuditEvent:
    return types.AuditEvent(
        id=strawberry.ID(event.event_id),
        at=event.at,
        actor_id=strawberry.ID(event.actor),
        action=event.action.value,
        target=event.target or event.target_deployment,
        detail=json.dumps(event.detail, sort_keys=True) if event.detail else None,
    )


async def audit_log(context: Context, *, first: int, after: str | None) -> types.AuditPage:
    context.require_admin()
    gateway = context.services.repositories.gateway
    log = AuditLog(
        gateway=gateway,
        cursors=CursorCodec(secret=cursor_secret(context.services.settings), keys=gateway.keys),
    )
    page = await log.page(limit=page_size(first), cursor=after)
    return types.AuditPage(items=[event_of(event) for event in page.items], next_cursor=page.cursor)
