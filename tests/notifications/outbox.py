"""An outbox kept in memory with the claim semantics the DeliveryStore Protocol requires.

It stands in for the data layer's DynamoDB outbox in these tests only; the claim is a
check-and-set with no await in between, so it is atomic under asyncio like a conditional
write. Re-point the `outbox` fixture at the repositories' store once it exists.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime

from notifications.ports import Attempt, DeliveryOutcome
from notifications.registry import Channel

Key = tuple[str, str, Channel]


@dataclass
class MemoryOutbox:
    """Claims, sent marks, attempts and outcomes of one deployment."""

    claims: dict[Key, str] = field(default_factory=dict)
    attempts: list[Attempt] = field(default_factory=list)
    outcomes: dict[tuple[str, str], DeliveryOutcome] = field(default_factory=dict)

    async def claim(self, *, match_id: str, user_id: str, channel: Channel, owner: str) -> bool:
        await asyncio.sleep(0)  # a store round trip lets other jobs interleave here
        key = (match_id, user_id, channel)
        if self.claims.get(key) in ("claimed", "sent"):
            return False
        self.claims[key] = "claimed"
        return True

    async def renew(self, *, match_id: str, user_id: str, channel: Channel, owner: str) -> bool:
        return self.claims.get((match_id, user_id, channel)) == "claimed"

    async def release(self, *, match_id: str, user_id: str, channel: Channel, owner: str) -> None:
        await asyncio.sleep(0)
        key = (match_id, user_id, channel)
        if self.claims.get(key) == "claimed":
            del self.claims[key]

    async def sent_channel(self, *, match_id: str, user_id: str) -> str | None:
        await asyncio.sleep(0)
        return next(
            (
                c
                for (m, u, c), state in self.claims.items()
                if (m, u) == (match_id, user_id) and state == "sent"
            ),
            None,
        )

    async def mark_sent(
        self, *, match_id: str, user_id: str, channel: Channel, at: datetime
    ) -> None:
        await asyncio.sleep(0)
        self.claims[(match_id, user_id, channel)] = "sent"

    async def record_attempt(self, *, attempt: Attempt) -> None:
        self.attempts.append(attempt)

    async def record_outcome(self, *, outcome: DeliveryOutcome) -> None:
        key = (outcome.match_id, outcome.user_id)
        previous = self.outcomes.get(key)
        if outcome.status == "already_handled" and previous is not None:
            return
        self.outcomes[key] = outcome
