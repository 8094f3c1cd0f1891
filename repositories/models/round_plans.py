"""The matcher's plan as it stands after a round, kept so the next round continues it."""

from __future__ import annotations

import base64
import zlib
from typing import Any

from pydantic import BaseModel, ConfigDict

from repositories.keys import Keys


class RoundPlan(BaseModel):
    """The plan returned by the matcher for `slot`, as the matcher's JSON (opaque here).

    Stored compressed: a plan for 240 people lists every point of each of its rounds.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    slot: str
    plan_json: str

    def to_item(self, keys: Keys) -> dict[str, Any]:
        pk, sk = keys.round_plan(self.slot)
        packed = base64.b64encode(zlib.compress(self.plan_json.encode(), 9)).decode()
        return {"PK": pk, "SK": sk, "type": "round_plan", "slot": self.slot, "plan": packed}

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> RoundPlan:
        text = zlib.decompress(base64.b64decode(item["plan"])).decode()
        return cls(slot=item["slot"], plan_json=text)
