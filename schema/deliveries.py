"""Types of the notifications that could not be delivered, and of resending one."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from schema.people import Person


@strawberry.type(description="A member who could not be told of a match on any channel.")
class UndeliverableNotification:
    match_id: strawberry.ID
    user_id: strawberry.ID
    person: Person | None = strawberry.field(description="Null when the person was deleted.")
    attempts: int = strawberry.field(description="Attempts made before giving up.")
    given_up_at: datetime


@strawberry.type(description="One page of undeliverable notifications, oldest first.")
class UndeliverablePage:
    items: list[UndeliverableNotification]
    next_cursor: str | None


@strawberry.type(description="The notification was queued again on every channel of the person.")
class ResendQueued:
    match_id: strawberry.ID
    user_id: strawberry.ID


@strawberry.type(description="The person has been told of this match already; nothing was sent.")
class AlreadyDelivered:
    match_id: strawberry.ID
    user_id: strawberry.ID


ResendResult = Annotated[ResendQueued | AlreadyDelivered, strawberry.union("ResendResult")]
