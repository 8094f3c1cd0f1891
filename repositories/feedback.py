"""Feedback on matches: one per member, replaced on resubmission; it sets the match status."""

from __future__ import annotations

from core.errors import NotFound
from repositories.gateway import TableGateway, TransactionCancelled
from repositories.models.common import validated
from repositories.models.feedback import Feedback, FeedbackOutcome
from repositories.models.matches import parse_match_id


class FeedbackRepository:
    def __init__(self, *, gateway: TableGateway) -> None:
        self._table = gateway
        self._keys = gateway.keys

    async def upsert(
        self,
        *,
        match_id: str,
        user_id: str,
        outcome: FeedbackOutcome,
        rating: int | None = None,
        comment: str | None = None,
    ) -> Feedback:
        """Stores the member's feedback; only members of the match may give it."""
        slot, index = parse_match_id(match_id)
        feedback = validated(
            Feedback,
            {
                "match_id": match_id,
                "user_id": user_id,
                "outcome": outcome,
                "rating": rating,
                "comment": comment,
                "submitted_at": self._table.now(),
            },
        )
        try:
            await self._table.transact(
                [
                    self._table.check_action(
                        self._keys.membership(user_id, slot, match_id),
                        condition="attribute_exists(PK)",
                    ),
                    self._table.put_action(feedback.to_item(self._keys)),
                    self._table.update_action(
                        self._keys.group(slot, index),
                        update="SET #status = :status",
                        names={"#status": "status"},
                        values={":status": outcome.value},
                    ),
                ]
            )
        except TransactionCancelled as cancelled:
            if cancelled.failed_at(0):
                raise NotFound("no such match for this person", fields=("match_id",)) from None
            raise
        return feedback

    async def get(self, *, match_id: str, user_id: str) -> Feedback | None:
        item = await self._table.get(self._keys.feedback(match_id, user_id))
        return None if item is None else Feedback.from_item(item)

    async def get_many(self, *, given: list[tuple[str, str]]) -> list[Feedback | None]:
        """Feedback for each (match id, user id) in the order asked; None where none was given."""
        items = await self._table.batch_get([self._keys.feedback(m, u) for m, u in given])
        return [None if item is None else Feedback.from_item(item) for item in items]

    async def for_match(self, *, match_id: str) -> list[Feedback]:
        parse_match_id(match_id)
        items = await self._table.query_all(
            key_condition="PK = :pk AND begins_with(SK, :prefix)",
            values={":pk": self._keys.match(match_id), ":prefix": self._keys.feedback_prefix()},
        )
        return [Feedback.from_item(item) for item in items]

    async def by_user(self, *, user_id: str) -> list[Feedback]:
        items = await self._table.query_all(
            index="GSI2",
            key_condition="GSI2PK = :pk AND begins_with(GSI2SK, :prefix)",
            values={":pk": self._keys.user(user_id), ":prefix": self._keys.feedback_prefix()},
        )
        return [Feedback.from_item(item) for item in items]
