"""Block lists: whom a person never wants to be matched with."""

from __future__ import annotations

from core.errors import AlreadyExists, BadUserInput, NotFound
from repositories.gateway import TableGateway, TransactionCancelled
from repositories.models.blocks import Block


class BlockRepository:
    def __init__(self, *, gateway: TableGateway) -> None:
        self._table = gateway
        self._keys = gateway.keys

    async def block(self, *, user_id: str, blocked_id: str) -> Block:
        """Adds a block; ALREADY_EXISTS when the person is already blocked."""
        if user_id == blocked_id:
            raise BadUserInput("a person cannot block themselves", fields=("blocked_id",))
        block = Block(user_id=user_id, blocked_id=blocked_id, created_at=self._table.now())
        exists = "attribute_exists(PK)"
        try:
            await self._table.transact(
                [
                    self._table.check_action(self._keys.profile(user_id), condition=exists),
                    self._table.check_action(self._keys.profile(blocked_id), condition=exists),
                    self._table.put_action(
                        block.to_item(self._keys), condition="attribute_not_exists(PK)"
                    ),
                ]
            )
        except TransactionCancelled as cancelled:
            if cancelled.failed_at(0):
                raise NotFound("no such person", fields=("user_id",)) from None
            if cancelled.failed_at(1):
                raise NotFound("no such person to block", fields=("blocked_id",)) from None
            if cancelled.failed_at(2):
                raise AlreadyExists(
                    "this person is already blocked", fields=("blocked_id",)
                ) from None
            raise
        return block

    async def unblock(self, *, user_id: str, blocked_id: str) -> bool:
        """Removes a block; False when there was none."""
        return await self._table.delete(self._keys.block(user_id, blocked_id)) is not None

    async def list_for(self, *, user_id: str) -> list[Block]:
        items = await self._table.query_all(
            key_condition="PK = :pk AND begins_with(SK, :prefix)",
            values={":pk": self._keys.user(user_id), ":prefix": self._keys.blocks_prefix()},
        )
        return [Block.from_item(item) for item in items]

    async def all_pairs(self) -> list[tuple[str, str]]:
        """Every (blocker, blocked) pair of the deployment, for the matching job."""
        items = await self._table.query_all(
            index="GSI1",
            key_condition="GSI1PK = :pk",
            values={":pk": self._keys.blocks_index()},
            projection="user_id, blocked_id",
        )
        return [(item["user_id"], item["blocked_id"]) for item in items]
