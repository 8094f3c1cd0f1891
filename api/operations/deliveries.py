"""Admins: notifications that could not be delivered, and resending them."""

from __future__ import annotations

import strawberry

from resolvers import deliveries as ops
from schema.context import Context
from schema.deliveries import ResendResult, UndeliverablePage
from schema.fields import field, mutation
from schema.rate_limit import limited

Info = strawberry.Info[Context, None]


@strawberry.type
class DeliveryQuery:
    @field(
        description="Admins: members who could not be told of a match on any channel, after "
        "a day of retries; oldest first."
    )
    async def undeliverable_notifications(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> UndeliverablePage:
        return await ops.undeliverable_notifications(info.context, first=first, after=after)


@strawberry.type
class DeliveryMutation:
    @mutation(
        extensions=limited(),
        description="Admins: try an undeliverable notification again on every channel of the "
        "person; never sends a message twice. CONFLICT while it is still being tried.",
    )
    async def resend_notification(
        self, info: Info, match_id: strawberry.ID, user_id: strawberry.ID
    ) -> ResendResult:
        return await ops.resend_notification(
            info.context, match_id=str(match_id), user_id=str(user_id)
        )
