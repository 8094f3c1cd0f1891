"""Topic suggestions for the preferences form."""

from __future__ import annotations

import strawberry

from resolvers import topics as ops
from schema.context import Context
from schema.fields import field
from schema.topics import TopicSuggestion

Info = strawberry.Info[Context, None]


@strawberry.type
class TopicQuery:
    @field(
        description="The topics most people of the deployment list, most first (at most 30); "
        "people may still add their own."
    )
    async def topic_suggestions(self, info: Info, first: int = 30) -> list[TopicSuggestion]:
        return await ops.topic_suggestions(info.context, first=first)
