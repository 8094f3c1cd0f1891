"""Types of the topic suggestions offered when people pick what they like to talk about."""

from __future__ import annotations

import strawberry


@strawberry.type(description="A topic people of the deployment list, with how many list it.")
class TopicSuggestion:
    topic: str
    people: int
