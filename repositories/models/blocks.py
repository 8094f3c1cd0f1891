"""A "never match me with" entry of one person."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from repositories.keys import Keys
from repositories.models.common import UtcDatetime, data_of


class Block(BaseModel):
    model_config = ConfigDict(frozen=True)

    user_id: str
    blocked_id: str
    created_at: UtcDatetime

    def to_item(self, keys: Keys) -> dict[str, Any]:
        pk, sk = keys.block(self.user_id, self.blocked_id)
        return {
            "PK": pk,
            "SK": sk,
            "GSI1PK": keys.blocks_index(),
            "GSI1SK": f"{self.user_id}#{self.blocked_id}",
            "type": "block",
            **self.model_dump(mode="json"),
        }

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> Block:
        return cls.model_validate(data_of(item))
