"""My matches: the current one, the history, one by id, feedback, and new ones as they come."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass
from typing import TypeVar

from core.errors import BadUserInput, NotFound
from repositories import models
from resolvers.paging import page_size
from resolvers.people import active_user
from resolvers.validation import FeedbackCheck, checked
from runtime.events import match_events
from schema.context import Context
from schema.inputs import FeedbackInput
from schema.matches import Feedback, Match, MatchPage, feedback_of, match_of

A = TypeVar("A")
B = TypeVar("B")


async def my_current_match(context: Context) -> Match | None:
    principal = context.require_principal()
    found = await context.repositories.matches.current_for(user_id=principal.user_id)
    return None if found is None else match_of(found, viewer_id=principal.user_id)


@dataclass(frozen=True)
class ReadAhead:
    """What the page's fields will ask for, read alongside the page rather than after it."""

    people: bool = False
    feedback: bool = False


async def _both(first: Awaitable[A], second: Awaitable[B]) -> tuple[A, B]:
    """Both results; on a failure, raised once the other read is over, so none outlives us."""
    one, other = await asyncio.gather(first, second, return_exceptions=True)
    if isinstance(one, BaseException):
        raise one
    if isinstance(other, BaseException):
        raise other
    return one, other


async def my_matches(
    context: Context, *, first: int, after: str | None, ahead: ReadAhead = ReadAhead()
) -> MatchPage:
    principal = context.require_principal()
    loaders = context.loaders
    history = context.repositories.matches.history(
        user_id=principal.user_id, limit=page_size(first), cursor=after
    )
    # Two rounds of reads instead of three: my feedback with the page; then its matches with
    # their members, whom the history entries already name. The fields' loaders find them read.
    if ahead.feedback:
        page, _ = await _both(history, loaders.feedback_by.load(principal.user_id))
    else:
        page = await history
    matches = loaders.matches.load_many([entry.match_id for entry in page.items])
    if ahead.people:
        members = sorted({member for entry in page.items for member in entry.participants})
        found, _ = await _both(matches, loaders.users.load_many(members))
    else:
        found = await matches
    items = [match_of(match, viewer_id=principal.user_id) for match in found if match is not None]
    return MatchPage(items=items, next_cursor=page.cursor)


async def match(context: Context, *, match_id: str) -> Match:
    principal = context.require_principal()
    try:
        models.parse_match_id(match_id)
    except BadUserInput:
        raise BadUserInput(f"{match_id!r} is not a match id", fields=("id",)) from None
    found = await context.loaders.matches.load(match_id)
    # Someone else's match reads as missing, so ids reveal nothing about other people.
    if found is None or principal.user_id not in found.participants:
        raise NotFound("no such match among yours", fields=("id",))
    return match_of(found, viewer_id=principal.user_id)


async def submit_feedback(context: Context, *, data: FeedbackInput) -> Feedback:
    check = checked(FeedbackCheck, {"rating": data.rating, "comment": data.comment})
    match_id = str(data.match_id)
    try:
        models.parse_match_id(match_id)
    except BadUserInput:
        raise BadUserInput(f"{match_id!r} is not a match id", fields=("matchId",)) from None
    user = await active_user(context)
    try:
        saved = await context.repositories.feedback.upsert(
            match_id=match_id,
            user_id=user.id,
            outcome=models.FeedbackOutcome(data.outcome.value),
            rating=check.rating,
            comment=check.comment or None,
        )
    except NotFound:
        raise NotFound("no such match among yours", fields=("matchId",)) from None
    return feedback_of(saved)


async def my_new_matches(context: Context) -> AsyncIterator[Match]:
    principal = context.require_principal()
    events = match_events(
        context.services.redis,
        deployment_id=principal.deployment_id,
        user_id=principal.user_id,
    )
    async for event in events:
        # A subscription lives long; what was loaded for an earlier event may be stale.
        context.loaders.clear()
        found = await context.loaders.matches.load(event.match_id)
        if found is not None and principal.user_id in found.participants:
            yield match_of(found, viewer_id=principal.user_id)
