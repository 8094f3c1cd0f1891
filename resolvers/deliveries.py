"""Admins: the notifications given up on, and sending one again without ever doubling it."""

from __future__ import annotations

import strawberry
from redis.exceptions import RedisError

from core.errors import Conflict, ServiceUnavailable
from notifications.service import NOTIFY_JOB, resend_job_id
from repositories.audit import AuditAction
from repositories.models.matches import parse_match_id
from repositories.models.outbox import DeliveryStatus
from resolvers.audit import record_admin_action
from resolvers.paging import page_size
from resolvers.people import person_of
from runtime.services import queue_name
from schema.context import Context
from schema.deliveries import (
    AlreadyDelivered,
    ResendQueued,
    UndeliverableNotification,
    UndeliverablePage,
)


async def undeliverable_notifications(
    context: Context, *, first: int, after: str | None
) -> UndeliverablePage:
    context.require_admin()
    page = await context.services.repositories.outbox.undeliverable(
        limit=page_size(first), cursor=after
    )
    cards = await context.loaders.cards.load_many([record.user_id for record in page.items])
    return UndeliverablePage(
        items=[
            UndeliverableNotification(
                match_id=strawberry.ID(record.match_id),
                user_id=strawberry.ID(record.user_id),
                person=None if card is None else person_of(card),
                attempts=record.attempts,
                given_up_at=record.at,
            )
            for record, card in zip(page.items, cards, strict=True)
        ],
        next_cursor=page.cursor,
    )


async def resend_notification(
    context: Context, *, match_id: str, user_id: str
) -> ResendQueued | AlreadyDelivered:
    """Queues the member's notification again on all their channels.

    The send claims stay as they are, so a message that did go out after all is not sent a
    second time: the job then only reports the person as told. While the queue's Redis is
    down it answers SERVICE_UNAVAILABLE and changes nothing.
    """
    admin = context.require_admin()
    parse_match_id(match_id)
    outbox = context.services.repositories.outbox
    record = await outbox.delivery(match_id=match_id, user_id=user_id)
    ids = {"match_id": strawberry.ID(match_id), "user_id": strawberry.ID(user_id)}
    if record is not None and record.status is DeliveryStatus.SENT:
        return AlreadyDelivered(**ids)
    if record is None or record.status is not DeliveryStatus.UNDELIVERABLE:
        raise Conflict(
            "this notification was not given up on; it is still being tried",
            fields=("match_id", "user_id"),
        )
    asked_at = context.services.repositories.gateway.now()
    try:
        await context.services.queue.enqueue_job(
            NOTIFY_JOB,
            deployment_id=context.services.settings.deployment_id,
            match_id=match_id,
            user_id=user_id,
            since=asked_at.isoformat(),
            _job_id=resend_job_id(match_id=match_id, user_id=user_id, asked_at=asked_at),
            _queue_name=queue_name(context.services.settings),
        )
    except (RedisError, OSError):
        # Queued first and audited after, so a refusal here leaves no event claiming a resend.
        raise ServiceUnavailable(
            "the resend was not queued: the job queue is not answering; nothing was changed, "
            "try again shortly"
        ) from None
    await record_admin_action(
        context,
        admin=admin,
        action=AuditAction.NOTIFICATION_RESENT,
        target=user_id,
        detail={"match_id": match_id},
    )
    return ResendQueued(**ids)
