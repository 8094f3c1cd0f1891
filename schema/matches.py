"""Types of matches: the group a person meets, its suggested time and their feedback."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

import strawberry

from repositories import models
from schema.context import Context
from schema.enums import FeedbackOutcome, MatchStatus
from schema.fields import field
from schema.people import Person, people, person_of


@strawberry.type(description="A window every member of a group is available in.")
class SuggestedTime:
    start: datetime
    end: datetime


@strawberry.type(description="One member's account of a match.")
class Feedback:
    match_id: strawberry.ID
    outcome: FeedbackOutcome
    rating: int | None = strawberry.field(description="1 (poor) to 5 (great).")
    comment: str | None
    submitted_at: datetime


@strawberry.type(description="A group of people matched in one round.")
class Match:
    id: strawberry.ID
    slot: str = strawberry.field(description="The round: YYYY-MM-DD or YYYY-MM-DDTHH:MMZ.")
    scheduled_date: date
    status: MatchStatus
    suggested_time: SuggestedTime | None
    created_at: datetime
    participant_ids: strawberry.Private[list[str]]
    viewer_id: strawberry.Private[str | None]

    # Resolved at once when the request has read what they show (a page reads it ahead), which
    # spares graphql-core a coroutine per field and item; otherwise they return an awaitable,
    # which graphql-core awaits whatever a resolver's annotation says.
    @strawberry.field
    def participants(self, info: strawberry.Info[Context, None]) -> list[Person]:
        known = info.context.loaders.known_cards(self.participant_ids)
        if known is not None:
            return [person_of(card) for card in known if card is not None]
        return cast("list[Person]", people(info.context, self.participant_ids))

    @field(description="The feedback I gave on this match.")
    def my_feedback(self, info: strawberry.Info[Context, None]) -> Feedback | None:
        if self.viewer_id is None:
            return None
        known = info.context.loaders.known_feedback(self.viewer_id)
        if known is not None:
            return _mine(known, str(self.id))
        return cast("Feedback | None", self._my_feedback_later(info.context, self.viewer_id))

    async def _my_feedback_later(self, context: Context, viewer_id: str) -> Feedback | None:
        return _mine(await context.loaders.feedback_by.load(viewer_id), str(self.id))


def _mine(given: dict[str, models.Feedback], match_id: str) -> Feedback | None:
    found = given.get(match_id)
    return None if found is None else feedback_of(found)


def feedback_of(feedback: models.Feedback) -> Feedback:
    return Feedback(
        match_id=strawberry.ID(feedback.match_id),
        outcome=FeedbackOutcome(feedback.outcome.value),
        rating=feedback.rating,
        comment=feedback.comment,
        submitted_at=feedback.submitted_at,
    )


def match_of(match: models.Match, *, viewer_id: str | None) -> Match:
    suggested = None
    if match.suggested_start is not None and match.suggested_end is not None:
        suggested = SuggestedTime(start=match.suggested_start, end=match.suggested_end)
    return Match(
        id=strawberry.ID(match.id),
        slot=match.slot,
        scheduled_date=match.scheduled_date,
        status=MatchStatus(match.status.value),
        suggested_time=suggested,
        created_at=match.created_at,
        participant_ids=list(match.participants),
        viewer_id=viewer_id,
    )


@strawberry.type(description="One page of matches, newest first.")
class MatchPage:
    items: list[Match]
    next_cursor: str | None
