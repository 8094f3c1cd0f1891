"""Types only admins read: the deployment's figures and its audit log."""

from __future__ import annotations

from datetime import datetime

import strawberry


@strawberry.type(description="Figures of the deployment.")
class Stats:
    active_people: int
    paused_people: int
    not_joined_people: int
    deactivated_people: int
    rounds: int
    completed_rounds: int
    groups: int
    feedback: int
    met_share: float | None = strawberry.field(
        description="Share of matches with feedback whose members met; null without feedback."
    )
    ratings: int = strawberry.field(description="Feedback answers that carry a rating.")
    average_rating: float | None = strawberry.field(
        description="Mean rating, 1 (poor) to 5 (great), of the rated answers; null without one."
    )
    repeat_rate: float | None = strawberry.field(
        description="Share of pairs, over all rounds, who had already met; null before a round."
    )
    notification_failures: int = strawberry.field(description="Failed delivery attempts.")
    undeliverable: int = strawberry.field(description="People a match could not reach at all.")


@strawberry.type(description="Something someone did that changed the deployment.")
class AuditEvent:
    id: strawberry.ID
    at: datetime
    actor_id: strawberry.ID | None
    action: str
    target: str | None
    detail: str | None


@strawberry.type(description="One page of audit events, newest first.")
class AuditPage:
    items: list[AuditEvent]
    next_cursor: str | None
