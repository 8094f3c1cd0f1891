"""Types of matches: the group a person meets, its suggested time and their feedback."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import TypeAlias, cast

import strawberry

from notifications.ics import build_event
from schema.context import Context
from schema.enums import FeedbackOutcome, MatchStatus
from schema.fields import field
from schema.people import Person


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


# How a match's members and the viewer's feedback are read; the resolver building `Match`
# provides them. Each returns the value when the request has read it already, else an awaitable.
Members: TypeAlias = Callable[[Context], "list[Person] | Awaitable[list[Person]]"]
MyFeedback: TypeAlias = Callable[[Context], "Feedback | Awaitable[Feedback | None] | None"]


@strawberry.type(description="A group of people matched in one round.")
class Match:
    id: strawberry.ID
    slot: str = strawberry.field(description="The round: YYYY-MM-DD or YYYY-MM-DDTHH:MMZ.")
    scheduled_date: date
    status: MatchStatus
    suggested_time: SuggestedTime | None
    created_at: datetime
    members: strawberry.Private[Members]
    mine: strawberry.Private[MyFeedback]

    # Resolved at once when the request has read what they show (a page reads it ahead), which
    # spares graphql-core a coroutine per field and item; otherwise they return an awaitable,
    # which graphql-core awaits whatever a resolver's annotation says.
    @strawberry.field
    def participants(self, info: strawberry.Info[Context, None]) -> list[Person]:
        return cast("list[Person]", self.members(info.context))

    @field(description="The feedback I gave on this match.")
    def my_feedback(self, info: strawberry.Info[Context, None]) -> Feedback | None:
        return cast("Feedback | None", self.mine(info.context))

    @field(
        description=(
            "The suggested time as an iCalendar (.ics) event listing every member;"
            " null without a suggested time."
        )
    )
    async def calendar_file(self, info: strawberry.Info[Context, None]) -> str | None:
        if self.suggested_time is None:
            return None
        found = self.members(info.context)
        members = await found if inspect.isawaitable(found) else found
        viewer = info.context.principal
        others = [m.name for m in members if viewer is None or str(m.id) != viewer.user_id]
        url = info.context.services.settings.public_url.rstrip("/") + "/match"
        start, end = self.suggested_time.start, self.suggested_time.end
        data = build_event(
            uid=f"{self.id}@virtual-coffee",
            start=start,
            duration=end - start,
            summary=f"Virtual Coffee with {', '.join(others) or 'your group'}",
            description=f"Your coffee chat from Virtual Coffee.\n\n{url}",
            url=url,
            stamp=self.created_at,
            attendees=[(member.name, member.email) for member in members],
        )
        return data.decode("utf-8")


@strawberry.type(description="One page of matches, newest first.")
class MatchPage:
    items: list[Match]
    next_cursor: str | None
