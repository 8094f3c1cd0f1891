"""My matches: the current one, the history, one by id, feedback and the live feed."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from resolvers import matches as ops
from schema.context import Context
from schema.fields import field, mutation, subscription
from schema.inputs import FeedbackInput
from schema.matches import Feedback, Match, MatchPage
from schema.rate_limit import limited
from schema.selection import selects

Info = strawberry.Info[Context, None]


@strawberry.type
class MatchQuery:
    @field(description="My match of the latest round, if I have one.")
    async def my_current_match(self, info: Info) -> Match | None:
        return await ops.my_current_match(info.context)

    @field(description="My matches, newest first.")
    async def my_matches(self, info: Info, first: int = 20, after: str | None = None) -> MatchPage:
        ahead = ops.ReadAhead(
            people=selects(info, "items.participants"),
            feedback=selects(info, "items.myFeedback"),
        )
        return await ops.my_matches(info.context, first=first, after=after, ahead=ahead)

    @field(description="A match I am a member of.")
    async def match(self, info: Info, id: strawberry.ID) -> Match:
        return await ops.match(info.context, match_id=str(id))


@strawberry.type
class MatchMutation:
    @mutation(
        extensions=limited(), description="Tell how a match went; submitting again replaces it."
    )
    async def submit_feedback(self, info: Info, input: FeedbackInput) -> Feedback:
        return await ops.submit_feedback(info.context, data=input)


@strawberry.type
class MatchSubscription:
    @subscription(description="Each new match of mine, as a round writes it.")
    async def my_new_match(self, info: Info) -> AsyncGenerator[Match, None]:
        async for match in ops.my_new_matches(info.context):
            yield match
