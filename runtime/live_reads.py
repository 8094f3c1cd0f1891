"""Reads shared by one process's live subscriptions: a burst of events costs a few batches.

When a round is announced, every subscriber of the process wakes at once and reads its match
and the match's members. Read one by one, that is two DynamoDB calls per person; here the
calls made in the same turn of the event loop go out as one batch. Nothing is cached, so each
event reads what is stored now, and each subscriber still checks that the match is its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from repositories.bundle import Repositories
from repositories.models import Feedback, Match, PersonCard

BATCH = 100  # BatchGetItem's limit


class LiveReads:
    def __init__(self, repositories: Repositories) -> None:
        self._repositories = repositories
        self.matches: DataLoader[str, Match | None] = DataLoader(
            self._matches, cache=False, max_batch_size=BATCH
        )
        self.cards: DataLoader[str, PersonCard | None] = DataLoader(
            self._cards, cache=False, max_batch_size=BATCH
        )
        # By (match id, user id): one person's feedback on one match.
        self.feedback: DataLoader[tuple[str, str], Feedback | None] = DataLoader(
            self._feedback, cache=False, max_batch_size=BATCH
        )

    async def _matches(self, match_ids: list[str]) -> Sequence[Match | None]:
        return await self._repositories.matches.get_many(match_ids=match_ids)

    async def _cards(self, user_ids: list[str]) -> Sequence[PersonCard | None]:
        return await self._repositories.users.cards(user_ids=user_ids)

    async def _feedback(self, given: list[tuple[str, str]]) -> Sequence[Feedback | None]:
        return await self._repositories.feedback.get_many(given=given)
