"""Everything stored about one person: exported as JSON, or erased."""

from __future__ import annotations

from typing import Any

from core.errors import NotFound
from repositories.feedback import FeedbackRepository
from repositories.gateway import Key, TableGateway
from repositories.models.common import data_of
from repositories.models.matches import parse_match_id
from repositories.users import UserRepository


class PersonalDataRepository:
    def __init__(
        self, *, gateway: TableGateway, users: UserRepository, feedback: FeedbackRepository
    ) -> None:
        self._table = gateway
        self._keys = gateway.keys
        self._users = users
        self._feedback = feedback

    async def export(self, *, user_id: str) -> dict[str, Any]:
        """All of one person's data as JSON-ready values."""
        user = await self._users.require(user_id=user_id)
        own = await self._own_items(user_id)
        history = [
            data_of(item) for item in own if item["SK"].startswith(self._keys.memberships_prefix())
        ]
        blocks = [
            data_of(item) for item in own if item["SK"].startswith(self._keys.blocks_prefix())
        ]
        around: dict[str, list[dict[str, Any]]] = {
            "notifications": [],
            "attempts": [],
            "deliveries": [],
        }
        for entry in history:
            for item in await self._match_items(entry["match_id"], user_id):
                kind = {"claim": "notifications", "attempt": "attempts", "delivery": "deliveries"}
                if item.get("type") in kind:
                    around[kind[item["type"]]].append(_without_ttl(data_of(item)))
        return {
            "user": user.model_dump(mode="json"),
            "history": history,
            "blocks": blocks,
            "feedback": [
                f.model_dump(mode="json") for f in await self._feedback.by_user(user_id=user_id)
            ],
            **around,
        }

    async def delete(self, *, user_id: str) -> int:
        """Erases the person and what hangs off them; safe to run again after a crash.

        Other members' history keeps the person's id (an opaque id, no personal data) so
        the matcher still sees who met whom. Returns how many items were removed.
        """
        user = await self._users.get(user_id=user_id)
        if user is None:
            raise NotFound("no such person", fields=("user_id",))
        own = await self._own_items(user_id)
        keys: list[Key] = []
        for entry in (
            item for item in own if item["SK"].startswith(self._keys.memberships_prefix())
        ):
            keys += [
                (i["PK"], i["SK"]) for i in await self._match_items(entry["match_id"], user_id)
            ]
        keys += await self._blocks_of_others(user_id)
        keys += [self._keys.identity(i.issuer, i.subject) for i in user.identities]
        keys.append(self._keys.email(user.profile.email))
        profile = self._keys.profile(user_id)
        keys += [(item["PK"], item["SK"]) for item in own if item["SK"] != profile[1]]
        # The profile goes last: while it exists, a rerun can still find everything else.
        await self._table.batch_delete(keys)
        await self._table.delete(profile)
        return len(set(keys)) + 1

    async def _own_items(self, user_id: str) -> list[dict[str, Any]]:
        return await self._table.query_all(
            key_condition="PK = :pk", values={":pk": self._keys.user(user_id)}
        )

    async def _match_items(self, match_id: str, user_id: str) -> list[dict[str, Any]]:
        parse_match_id(match_id)
        found: list[dict[str, Any]] = []
        for prefix in self._keys.person_in_match_prefixes(user_id):
            found += await self._table.query_all(
                key_condition="PK = :pk AND begins_with(SK, :prefix)",
                values={":pk": self._keys.match(match_id), ":prefix": prefix},
            )
        return found

    async def _blocks_of_others(self, user_id: str) -> list[Key]:
        items = await self._table.query_all(
            index="GSI1",
            key_condition="GSI1PK = :pk",
            values={":pk": self._keys.blocks_index(), ":blocked": user_id},
            filter_expression="blocked_id = :blocked",
        )
        return [(item["PK"], item["SK"]) for item in items]


def _without_ttl(data: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name != "expires_at"}
