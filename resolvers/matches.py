"""My matches: the current one, the history, one by id, feedback, and new ones as they come."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

import strawberry

from core.errors import BadUserInput, NotFound
from repositories import models
from resolvers.introductions import introduction_of
from resolvers.live import listening, next_or_hold, shared_reads
from resolvers.paging import page_size
from resolvers.people import active_user, people, person_of
from resolvers.validation import FeedbackCheck, checked
from runtime.events import (
    MalformedEvent,
    MatchEvent,
    MatchSnapshot,
    match_event_of,
    user_matches_channel,
)
from runtime.live import Gap
from schema.context import Context
from schema.inputs import FeedbackInput
from schema.introductions import Introduction
from schema.matches import (
    Feedback,
    Introduce,
    Match,
    MatchPage,
    Members,
    MyFeedback,
    SuggestedTime,
)
from schema.people import Person

logger = logging.getLogger(__name__)

# A round's matches are announced within this time of its completion; after an outage of
# Redis, a round completed this long before it began may still have been announced during it.
ANNOUNCING = timedelta(minutes=5)

A = TypeVar("A")
B = TypeVar("B")


def feedback_of(feedback: models.Feedback) -> Feedback:
    return Feedback(
        match_id=strawberry.ID(feedback.match_id),
        outcome=feedback.outcome,
        rating=feedback.rating,
        comment=feedback.comment,
        submitted_at=feedback.submitted_at,
    )


# A match's members and my feedback resolve at once when the request has read them (a page
# reads them ahead), which spares graphql-core a coroutine per field and item; otherwise they
# return an awaitable, which graphql-core awaits whatever a resolver's annotation says.
def _members(participant_ids: list[str]) -> Members:
    def members(context: Context) -> list[Person] | Awaitable[list[Person]]:
        known = context.loaders.known_cards(participant_ids)
        if known is not None:
            return [person_of(card) for card in known if card is not None]
        return people(context, participant_ids)

    return members


def _my_feedback(match_id: str, viewer_id: str | None) -> MyFeedback:
    async def later(context: Context, viewer: str) -> Feedback | None:
        found = await context.loaders.feedback.load((match_id, viewer))
        return None if found is None else feedback_of(found)

    def mine(context: Context) -> Feedback | Awaitable[Feedback | None] | None:
        if viewer_id is None:
            return None
        known = context.loaders.known_feedback(match_id, viewer_id)
        if known is not None:
            return None if known[0] is None else feedback_of(known[0])
        return later(context, viewer_id)

    return mine


def _introduction(match_id: str, viewer_id: str | None) -> Introduce:
    async def introduce(context: Context) -> Introduction | None:
        if viewer_id is None:
            return None
        return await introduction_of(context, match_id=match_id, viewer_id=viewer_id)

    return introduce


def _given(value: A) -> Callable[[Context], A]:
    def given(_context: Context) -> A:
        return value

    return given


@dataclass(frozen=True)
class Shown:
    """A match's members' cards and my feedback on it, as read (or as announced)."""

    members: list[models.PersonCard | None]
    mine: models.Feedback | None


def match_of(match: models.Match, *, viewer_id: str | None, shown: Shown | None = None) -> Match:
    """The match as `viewer_id` sees it; `shown` gives its members and my feedback as read."""
    suggested = None
    if match.suggested_start is not None and match.suggested_end is not None:
        suggested = SuggestedTime(start=match.suggested_start, end=match.suggested_end)
    members: Members
    mine: MyFeedback
    if shown is None:
        members = _members(list(match.participants))
        mine = _my_feedback(match.id, viewer_id)
    else:
        people_shown = [person_of(card) for card in shown.members if card is not None]
        feedback_shown = None if shown.mine is None else feedback_of(shown.mine)
        members, mine = _given(people_shown), _given(feedback_shown)
    return Match(
        id=strawberry.ID(match.id),
        slot=match.slot,
        scheduled_date=match.scheduled_date,
        status=match.status,
        suggested_time=suggested,
        created_at=match.created_at,
        members=members,
        mine=mine,
        introduce=_introduction(match.id, viewer_id),
    )


async def my_current_match(context: Context) -> Match | None:
    principal = context.require_principal()
    found = await context.services.repositories.matches.current_for(user_id=principal.user_id)
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
    history = context.services.repositories.matches.history(
        user_id=principal.user_id, limit=page_size(first), cursor=after
    )
    # Two rounds of reads instead of three: the page; then its matches with my feedback on each
    # (one batch read) and their members, whom the history entries already name. The fields'
    # loaders find them read.
    page = await history
    match_ids = [entry.match_id for entry in page.items]
    matches: Awaitable[list[models.Match | None]]
    if ahead.feedback:
        matches = _with_my_feedback(context, match_ids=match_ids, user_id=principal.user_id)
    else:
        matches = loaders.matches.load_many(match_ids)
    if ahead.people:
        members = sorted({member for entry in page.items for member in entry.participants})
        found, _ = await _both(matches, loaders.cards.load_many(members))
    else:
        found = await matches
    items = [match_of(match, viewer_id=principal.user_id) for match in found if match is not None]
    return MatchPage(items=items, next_cursor=page.cursor)


async def _with_my_feedback(
    context: Context, *, match_ids: list[str], user_id: str
) -> list[models.Match | None]:
    repository = context.services.repositories.matches
    found, given = await repository.get_many_with_feedback(match_ids=match_ids, user_id=user_id)
    context.loaders.matches.prime_many(dict(zip(match_ids, found, strict=True)))
    context.loaders.feedback.prime_many(
        {(match_id, user_id): mine for match_id, mine in zip(match_ids, given, strict=True)}
    )
    return found


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
        saved = await context.services.repositories.feedback.upsert(
            match_id=match_id,
            user_id=user.id,
            outcome=data.outcome,
            rating=check.rating,
            comment=check.comment or None,
        )
    except NotFound:
        raise NotFound("no such match among yours", fields=("matchId",)) from None
    return feedback_of(saved)


async def my_new_matches(context: Context) -> AsyncIterator[Match]:
    principal = context.require_principal()
    reads = shared_reads(context)
    channel = user_matches_channel(principal.deployment_id, principal.user_id)
    delivered: set[str] = set()
    async with listening(context, channel) as listener:
        while True:
            item = await next_or_hold(listener)
            snapshot = None
            if isinstance(item, Gap):
                found = await _missed_match(context, user_id=principal.user_id, since=item.lost_at)
            else:
                event = _match_event(item)
                if event is None or (event.deployment_id, event.user_id) != (
                    principal.deployment_id,
                    principal.user_id,
                ):
                    continue
                snapshot = _snapshot_of(event)
                if snapshot is not None:
                    found = snapshot.match
                else:
                    found = await reads.matches.load(event.match_id)
            mine = found is not None and principal.user_id in found.participants
            if found is None or not mine or found.id in delivered:
                continue
            delivered.add(found.id)
            if snapshot is not None:
                # Announced as the round completed: nobody has given feedback on it yet.
                shown = Shown(members=list(snapshot.members), mine=None)
            else:
                members, given = await _both(
                    reads.cards.load_many(found.participants),
                    reads.feedback.load((found.id, principal.user_id)),
                )
                shown = Shown(members=members, mine=given)
            # A subscription lives long; what its other fields load must be read anew.
            context.loaders.clear()
            yield match_of(found, viewer_id=principal.user_id, shown=shown)


def _snapshot_of(event: MatchEvent) -> MatchSnapshot | None:
    """The event's snapshot if it is whole: the match named and a card per member, in order."""
    snapshot = event.snapshot
    if snapshot is None or snapshot.match.id != event.match_id:
        return None
    if [card.id for card in snapshot.members] != list(snapshot.match.participants):
        return None
    return snapshot


def _match_event(data: bytes) -> MatchEvent | None:
    try:
        return match_event_of(data)
    except MalformedEvent as error:
        logger.warning("ignored a malformed match event: %s", error)
        return None


async def _missed_match(context: Context, *, user_id: str, since: datetime) -> models.Match | None:
    """The person's current match if its round may have been announced while events were lost."""
    latest = await context.services.repositories.rounds.latest_completed()
    if latest is None or latest.finished_at is None or latest.finished_at < since - ANNOUNCING:
        return None
    return await context.services.repositories.matches.current_for(user_id=user_id)
