"""Types of matches: the group a person meets, its suggested time and their feedback."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import TypeAlias, cast

import strawberry

from schema.context import Context
from schema.enums import FeedbackOutcome, MatchStatus
from schema.fields import field
from schema.introductions import Introduction
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
Introduce: TypeAlias = Callable[[Context], "Awaitable[Introduction | None]"]


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
    introduce: strawberry.Private[Introduce | None] = None

    # Resolved at once when the request has read what they show (a page reads it ahead), which
    # spares graphql-core a coroutine per field and item; otherwise they return an awaitable,
    # which graphql-core awaits whatever a resolver's annotation says.
    @strawberry.field
    def participants(self, info: strawberry.Info[Context, None]) -> list[Person]:
        return cast("list[Person]", self.members(info.context))

    @field(description="The feedback I gave on this match.")
    def my_feedback(self, info: strawberry.Info[Context, None]) -> Feedback | None:
        return cast("Feedback | None", self.mine(info.context))

    @field(description="What I was told about this match: partners, time, length, invitation.")
    async def introduction(self, info: strawberry.Info[Context, None]) -> Introduction | None:
        return None if self.introduce is None else await self.introduce(info.context)


@strawberry.type(description="One page of matches, newest first.")
class MatchPage:
    items: list[Match]
    next_cursor: str | None
