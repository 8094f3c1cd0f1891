"""Matches by id, a person's history and current match, and per-member delivery status."""

from __future__ import annotations

from core.errors import NotFound
from repositories.cursor import CursorCodec
from repositories.gateway import ConditionFailed, TableGateway
from repositories.models.common import Page, require_limit
from repositories.models.feedback import Feedback
from repositories.models.matches import HistoryEntry, Match, MemberDelivery, parse_match_id
from repositories.rounds import RoundRepository

HISTORY_SCOPE = "history"
HistoryPage = Page[HistoryEntry]


class MatchRepository:
    def __init__(
        self, *, gateway: TableGateway, cursors: CursorCodec, rounds: RoundRepository
    ) -> None:
        self._table = gateway
        self._keys = gateway.keys
        self._cursors = cursors
        self._rounds = rounds

    async def get(self, *, match_id: str) -> Match | None:
        slot, index = parse_match_id(match_id)
        item = await self._table.get(self._keys.group(slot, index))
        return None if item is None else Match.from_item(item)

    async def get_many(self, *, match_ids: list[str]) -> list[Match | None]:
        """Matches in the order asked (None for unknown ids); for DataLoaders."""
        keys = [self._keys.group(*parse_match_id(match_id)) for match_id in match_ids]
        items = await self._table.batch_get(keys)
        return [None if item is None else Match.from_item(item) for item in items]

    async def get_many_with_feedback(
        self, *, match_ids: list[str], user_id: str
    ) -> tuple[list[Match | None], list[Feedback | None]]:
        """Matches in the order asked and the person's feedback on each, in one batch read."""
        matches = [self._keys.group(*parse_match_id(match_id)) for match_id in match_ids]
        given = [self._keys.feedback(match_id, user_id) for match_id in match_ids]
        items = await self._table.batch_get([*matches, *given])
        return (
            [None if item is None else Match.from_item(item) for item in items[: len(matches)]],
            [None if item is None else Feedback.from_item(item) for item in items[len(matches) :]],
        )

    async def history(
        self, *, user_id: str, limit: int = 20, cursor: str | None = None
    ) -> HistoryPage:
        """A person's matches, newest round first."""
        scope = f"{HISTORY_SCOPE}:{user_id}"
        items, position = await self._table.query(
            key_condition="PK = :pk AND begins_with(SK, :prefix)",
            values={":pk": self._keys.user(user_id), ":prefix": self._keys.memberships_prefix()},
            newest_first=True,
            limit=require_limit(limit),
            start=self._cursors.decode(scope=scope, cursor=cursor),
        )
        return HistoryPage(
            items=[HistoryEntry.from_item(item) for item in items],
            cursor=self._cursors.encode(scope=scope, position=position),
        )

    async def current_for(self, *, user_id: str) -> Match | None:
        """The person's match in the latest completed round, if they were matched in it."""
        latest = await self._rounds.latest_completed()
        if latest is None:
            return None
        newest = await self.history(user_id=user_id, limit=1)
        if not newest.items or newest.items[0].slot != latest.slot:
            return None
        return await self.get(match_id=newest.items[0].match_id)

    async def set_delivery(self, *, match_id: str, user_id: str, status: MemberDelivery) -> Match:
        """Records how notifying one member about the match went."""
        slot, index = parse_match_id(match_id)
        try:
            item = await self._table.update(
                self._keys.group(slot, index),
                update="SET deliveries.#member = :status",
                condition="attribute_exists(PK) AND contains(participants, :member)",
                names={"#member": user_id},
                values={":status": status.value, ":member": user_id},
            )
        except ConditionFailed:
            raise NotFound(
                "no such match with this member", fields=("match_id", "user_id")
            ) from None
        return Match.from_item(item)
