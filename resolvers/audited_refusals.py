"""Audits members' calls of admin-only fields, so probing by a member shows in the audit log."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from auth.rate_limits import Budget, try_spend
from core.errors import AdminRequired
from repositories.audit import AuditAction, AuditEvent, AuditRepository
from runtime.outages import is_redis_outage
from schema.context import Context

logger = logging.getLogger(__name__)

# Past this many audited refusals a person's further ones are only logged, so a member's
# script cannot fill the audit log.
AUDITED_ADMIN_REFUSALS = Budget(name="audited-admin-refusals", calls=10, seconds=600)


def refused_fields(errors: list[GraphQLError]) -> list[str]:
    return [
        ".".join(str(part) for part in error.path or ())
        for error in errors
        if isinstance(error.original_error, AdminRequired)
    ]


class AuditedRefusals(SchemaExtension):
    """One audit event per operation in which admin-only fields were refused to a member."""

    async def on_execute(self) -> AsyncIterator[None]:
        yield
        context = self.execution_context.context
        errors = getattr(self.execution_context.result, "errors", None) or []
        fields = refused_fields(errors)
        if not fields or not isinstance(context, Context) or context.principal is None:
            return
        principal = context.principal
        gateway = context.services.repositories.gateway
        try:
            audited = await try_spend(
                redis=context.services.redis,
                deployment_id=gateway.keys.deployment_id,
                budget=AUDITED_ADMIN_REFUSALS,
                subject=principal.user_id,
            )
        except Exception as error:
            if not is_redis_outage(error):
                raise
            # The refusal stands without its audit event: the answer must not turn into an
            # outage, and without the cap an event each would let a member fill the log.
            logger.warning("refused admin call not audited: Redis is unavailable")
            return
        if not audited:
            return
        await AuditRepository(gateway=gateway).record(
            AuditEvent(
                at=gateway.now(),
                action=AuditAction.ADMIN_CALL_REFUSED,
                actor=principal.user_id,
                deployment_id=gateway.keys.deployment_id,
                target=fields[0][:200],
                detail={"fields": ",".join(fields)[:500]},
            )
        )
