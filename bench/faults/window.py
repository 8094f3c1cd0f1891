"""How long a send stays unrecorded: what follows a channel's acceptance until a kill no
longer sends the message again.

A worker killed between a channel accepting a message and its record landing sends it again
(docs/reliability.md, "The window that remains"). The record is first the mark in Redis
(`notifications/sent_marks.py`, one SET), then the table's conditional write; a redone job
that finds either sends nothing. So the window is the SET's round trip, and the table's
write only when Redis is away. This times both, against the Redis and DynamoDB Local of the
test stack, one send at a time and with as many at once as a worker runs (50 notification
jobs), each on a claim of its own:

    .venv/bin/python -m bench.faults.window --sends 500
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

from devtools.stack import test_services
from notifications.registry import Channel
from notifications.sent_marks import SentMarks
from repositories.outbox import NotificationOutbox
from runtime.bootstrap import bootstrap
from runtime.services import open_services
from tests.conftest import make_settings

IN_FLIGHT = 50


async def one_send(outbox: NotificationOutbox, *, match_id: str) -> float:
    """Seconds from the moment the channel would have accepted to the table's record."""
    keys = {"match_id": match_id, "user_id": uuid.uuid4().hex, "channel": "email"}
    owner = uuid.uuid4().hex
    assert await outbox.claim(**keys, owner=owner)
    accepted = time.perf_counter()
    await outbox.mark_sent(**keys, at=datetime.now(UTC))
    return time.perf_counter() - accepted


async def one_mark(marks: SentMarks, *, match_id: str) -> float:
    """Seconds from the moment the channel would have accepted to the mark in Redis."""
    user_id = uuid.uuid4().hex
    accepted = time.perf_counter()
    await marks.mark(
        match_id=match_id, user_id=user_id, channel=Channel.EMAIL, at=datetime.now(UTC)
    )
    return time.perf_counter() - accepted


async def one_at_a_time_and_together(
    name: str, sends: int, once: Callable[[], Awaitable[float]]
) -> None:
    await once()  # a connection opened, as a running worker has
    alone = [await once() for _ in range(sends)]
    print(summary(f"{name}, one at a time", alone), flush=True)
    together: list[float] = []
    for _ in range(max(1, sends // IN_FLIGHT)):
        together += await asyncio.gather(*(once() for _ in range(IN_FLIGHT)))
    print(summary(f"{name}, {IN_FLIGHT} at once", together), flush=True)


def summary(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[int(len(ms) * 0.95) - 1]
    return (
        f"{name}: {len(ms)} sends, window p50 {statistics.median(ms):.1f} ms, "
        f"p95 {p95:.1f} ms, max {ms[-1]:.1f} ms"
    )


async def measure(sends: int, *, root: Path) -> None:
    with test_services(log_dir=root) as endpoints:
        settings = make_settings(endpoints, deployment_id=f"window-{uuid.uuid4().hex[:8]}")
        await bootstrap(settings)
        async with open_services(settings) as services:
            outbox = services.repositories.outbox
            marks = SentMarks(redis=services.redis, deployment_id=settings.deployment_id)
            match_id = "2030-06-03T08:00Z_0001"
            await one_at_a_time_and_together(
                "mark in Redis (the window)",
                sends,
                functools.partial(one_mark, marks, match_id=match_id),
            )
            await one_at_a_time_and_together(
                "record in the table (the window while Redis is away)",
                sends,
                functools.partial(one_send, outbox, match_id=match_id),
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sends", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vcoffee-window-") as temporary:
        asyncio.run(measure(args.sends, root=Path(temporary)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
