"""Per-request DataLoaders: people, matches and feedback read in batches, never across requests.

The request context holds one set, so a request reads each item once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from strawberry.dataloader import DataLoader

from repositories.bundle import Repositories
from repositories.models import Feedback, Match, PersonCard, User

K = TypeVar("K")
T = TypeVar("T")


class Loaders:
    """Built with each request's context, so nothing cached outlives the request."""

    def __init__(self, repositories: Repositories) -> None:
        self._repositories = repositories
        self.users: DataLoader[str, User | None] = DataLoader(self._users)
        self.matches: DataLoader[str, Match | None] = DataLoader(self._matches)
        # What others see of a person: a projection of the user item.
        self.cards: DataLoader[str, PersonCard | None] = DataLoader(self._cards)
        # Feedback by (match id, author), read by key: a page reads it with its matches.
        self.feedback: DataLoader[tuple[str, str], Feedback | None] = DataLoader(self._feedback)

    def known_cards(self, user_ids: Sequence[str]) -> list[PersonCard | None] | None:
        """These people's cards if this request has read them all (None: not all read yet)."""
        return _known(self.cards, user_ids)

    def known_feedback(self, match_id: str, user_id: str) -> list[Feedback | None] | None:
        """[the person's feedback on the match, or None] if read by key already (None: not)."""
        return _known(self.feedback, [(match_id, user_id)])

    def clear(self) -> None:
        """Forget what was loaded; a long-lived subscription calls this before each event."""
        self.users.clear_all()
        self.cards.clear_all()
        self.matches.clear_all()
        self.feedback.clear_all()

    async def _users(self, user_ids: list[str]) -> Sequence[User | None]:
        return await self._repositories.users.get_many(user_ids=user_ids)

    async def _cards(self, user_ids: list[str]) -> Sequence[PersonCard | None]:
        return await self._repositories.users.cards(user_ids=user_ids)

    async def _matches(self, match_ids: list[str]) -> Sequence[Match | None]:
        return await self._repositories.matches.get_many(match_ids=match_ids)

    async def _feedback(self, given: list[tuple[str, str]]) -> Sequence[Feedback | None]:
        return await self._repositories.feedback.get_many(given=given)


def _known(loader: DataLoader[K, T], keys: Sequence[K]) -> list[T] | None:
    """What `loader` already holds for every key, without waiting; None if anything is missing."""
    values = []
    for key in keys:
        future = loader.cache_map.get(key)
        if future is None or not future.done() or future.cancelled() or future.exception():
            return None
        values.append(future.result())
    return values
