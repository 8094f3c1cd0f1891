"""What any DeliveryStore must do; override the `outbox` fixture to check another store."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from notifications.ports import DeliveryStore
from notifications.registry import Channel

AT = datetime(2030, 1, 1, tzinfo=UTC)
KEY = {"match_id": "m-1", "user_id": "u-1"}


async def test_a_claim_is_taken_once_until_released(outbox: DeliveryStore) -> None:
    assert await outbox.claim(**KEY, channel=Channel.SLACK, owner="a") is True
    assert await outbox.claim(**KEY, channel=Channel.SLACK, owner="b") is False
    assert await outbox.claim(**KEY, channel=Channel.EMAIL, owner="b") is True
    await outbox.release(**KEY, channel=Channel.SLACK, owner="a")
    assert await outbox.claim(**KEY, channel=Channel.SLACK, owner="c") is True


async def test_a_sent_claim_is_never_taken_again(outbox: DeliveryStore) -> None:
    assert await outbox.sent_channel(**KEY) is None
    assert await outbox.claim(**KEY, channel=Channel.SIGNAL, owner="a") is True
    await outbox.mark_sent(**KEY, channel=Channel.SIGNAL, at=AT)
    await outbox.release(**KEY, channel=Channel.SIGNAL, owner="a")
    assert await outbox.claim(**KEY, channel=Channel.SIGNAL, owner="b") is False
    assert await outbox.sent_channel(**KEY) == "signal"


async def test_of_many_simultaneous_claims_exactly_one_wins(outbox: DeliveryStore) -> None:
    results = await asyncio.gather(
        *(outbox.claim(**KEY, channel=Channel.TELEGRAM, owner=f"run-{n}") for n in range(20))
    )
    assert results.count(True) == 1
