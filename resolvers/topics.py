"""Topic suggestions: the deployment's most used topics, for anyone signed in."""

from __future__ import annotations

from core.errors import BadUserInput
from repositories.topics import TopicRepository
from schema.context import Context
from schema.topics import TopicSuggestion

MAX_SUGGESTIONS = 30


async def topic_suggestions(context: Context, *, first: int) -> list[TopicSuggestion]:
    context.require_principal()
    if not 1 <= first <= MAX_SUGGESTIONS:
        raise BadUserInput(f"first must be from 1 to {MAX_SUGGESTIONS}", fields=("first",))
    counts = await TopicRepository(gateway=context.services.repositories.gateway).most_used(
        limit=first
    )
    return [TopicSuggestion(topic=count.topic, people=count.people) for count in counts]
