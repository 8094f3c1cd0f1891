"""Notify 10,000 people after one round through arq, every channel answering in 50 ms.

Run from the repository root: `.venv/bin/python -m bench.notifications.run`
(options: --people, --delay, --max-jobs, --connections). Starts its own channel servers
and a private Redis, and stops them when done; gives up after --limit seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from arq import create_pool
from arq.connections import RedisSettings
from arq.worker import Worker, func

from notifications.addresses import WebhookPolicy
from notifications.channels.base import Sender
from notifications.config import open_channels
from notifications.content import MatchNotice, Partner
from notifications.delivery import RetryPolicy
from notifications.message import RenderedMessage
from notifications.recipients import Recipient, Route
from notifications.registry import (
    Channel,
    ChannelSecrets,
    ChannelSetup,
    SignalApi,
    SlackWebhooks,
    SmtpEmail,
    TelegramBot,
)
from notifications.service import MatchDelivery, notification_job_id, notify_member
from notifications.templates import TemplateSet
from tests.notifications.outbox import MemoryOutbox

LOCAL_WEBHOOKS = WebhookPolicy(
    hosts=frozenset({"127.0.0.1"}), schemes=frozenset({"http"}), allow_private_addresses=True
)
TOPICS = ("jazz", "rust", "climbing", "chess", "sourdough", "opera", "cycling", "go")


@dataclass
class Round:
    """One round's matches, held in memory as the data layer would return them."""

    deliveries: dict[tuple[str, str], MatchDelivery]

    async def load_match_delivery(self, *, match_id: str, user_id: str) -> MatchDelivery | None:
        return self.deliveries.get((match_id, user_id))

    async def match_templates(self) -> TemplateSet | None:
        return None


def make_round(*, people: int, http_url: str, only: Channel | None) -> Round:
    """Pairs 0-1, 2-3, …; primary channels rotate email, slack, telegram, signal (or one)."""
    start = datetime(2030, 1, 15, 10, 0, tzinfo=UTC)
    zones = ("Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC")
    deliveries: dict[tuple[str, str], MatchDelivery] = {}
    for index in range(people):
        partner = index + 1 if index % 2 == 0 else index - 1
        match_id = f"{only or 'mixed'}-m-{min(index, partner):05d}"
        user_id = f"u-{index:05d}"
        primary = only or list(Channel)[index % len(Channel)]
        addresses = {
            "email": f"person{index}@example.com",
            "slack": f"{http_url}/services/T0/B0/{user_id}",
            "telegram": str(100_000 + index),
            "signal": f"+4420{7_000_000 + index}",
        }
        routes = (
            tuple(Route(channel=name, address=addresses[name]) for name in (primary, Channel.EMAIL))
            if primary != "email"
            else (Route(channel=Channel.EMAIL, address=addresses["email"]),)
        )
        recipient = Recipient(
            user_id=user_id,
            name=f"Person {index}",
            time_zone=zones[index % len(zones)],
            primary=primary,
            routes=routes,
        )
        notice = MatchNotice(
            match_id=match_id,
            deployment_name="Bench Coffee",
            reader_name=f"Person {index}",
            reader_topics=TOPICS[index % 5 : index % 5 + 3],
            reader_time_zone=recipient.time_zone,
            partners=(
                Partner(name=f"Person {partner}", topics=TOPICS[partner % 5 : partner % 5 + 3]),
            ),
            suggested_start=start,
            duration=timedelta(minutes=30),
            conversation_starter="What are you learning at the moment?",
            match_url=f"https://coffee.example.com/matches/{match_id}",
        )
        deliveries[(match_id, user_id)] = MatchDelivery(recipient=recipient, notice=notice)
    return Round(deliveries=deliveries)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@contextlib.contextmanager
def process(command: list[str]) -> Iterator[subprocess.Popen[str]]:
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        yield child
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


class TimedChannel:
    """Wraps a channel to record how long each successful send took."""

    def __init__(self, inner: Sender, durations: list[float]) -> None:
        self._inner = inner
        self._durations = durations

    async def send(self, *, message: RenderedMessage, address: str) -> None:
        began = time.perf_counter()
        await self._inner.send(message=message, address=address)
        self._durations.append(time.perf_counter() - began)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


async def notify_job(ctx: dict[str, Any], match_id: str, user_id: str) -> str:
    outcome = await notify_member(
        match_id=match_id,
        user_id=user_id,
        source=ctx["round"],
        store=ctx["outbox"],
        channels=ctx["channels"],
        policy=ctx["policy"],
    )
    return outcome.status if outcome else "gone"


async def bench(
    *,
    people: int,
    http_port: int,
    smtp_port: int,
    redis_port: int,
    max_jobs: int,
    connections: int,
    only: Channel | None,
) -> dict[str, Any]:
    """One round notified through an arq worker; figures per channel."""
    http_url = f"http://127.0.0.1:{http_port}"
    matches = make_round(people=people, http_url=http_url, only=only)
    durations: dict[Channel, list[float]] = {name: [] for name in Channel}
    outbox = MemoryOutbox()
    setup = ChannelSetup(
        email=SmtpEmail(host="127.0.0.1", port=smtp_port, sender="coffee@example.com"),
        slack=SlackWebhooks(policy=LOCAL_WEBHOOKS),
        telegram=TelegramBot(base_url=http_url),
        signal=SignalApi(base_url=http_url, sender_number="+15550001111"),
        max_connections=connections,
    )
    settings = RedisSettings(host="127.0.0.1", port=redis_port)
    async with open_channels(
        setup=setup, secrets=ChannelSecrets(telegram_bot_token="1:bench")
    ) as opened:
        channels: dict[Channel, Sender] = {
            name: TimedChannel(channel, durations[name]) for name, channel in opened.items()
        }
        redis = await create_pool(settings)
        started = time.perf_counter()
        for match_id, user_id in matches.deliveries:
            await redis.enqueue_job(
                "notify_member",
                match_id,
                user_id,
                _job_id=notification_job_id(match_id=match_id, user_id=user_id),
            )
        enqueued = time.perf_counter()
        worker = Worker(
            functions=[func(notify_job, name="notify_member")],
            redis_pool=redis,
            burst=True,
            max_jobs=max_jobs,
            handle_signals=False,
            poll_delay=0.05,
            keep_result=0,
            log_results=False,
            ctx={
                "round": matches,
                "outbox": outbox,
                "channels": channels,
                "policy": RetryPolicy(attempt_timeout=10.0),
            },
        )
        await worker.async_run()
        finished = time.perf_counter()
        await worker.close()
        await redis.aclose()
    statuses = Counter(outcome.status for outcome in outbox.outcomes.values())
    by_channel = Counter(
        outcome.channel for outcome in outbox.outcomes.values() if outcome.status == "sent"
    )
    fallbacks = sum(1 for outcome in outbox.outcomes.values() if len(outcome.attempts) > 1)
    total = finished - started
    jobs = finished - enqueued
    return {
        "phase": only or "mixed",
        "people": people,
        "seconds_total": round(total, 2),
        "seconds_enqueue": round(enqueued - started, 2),
        "seconds_jobs": round(jobs, 2),
        "notified_per_second": round(people / total, 1),
        "statuses": dict(statuses),
        "fell_back": fallbacks,
        "sends_attempted": len(outbox.attempts),
        "channels": {
            str(name): {
                "sent": by_channel[name],
                "per_second": round(by_channel[name] / jobs, 1),
                "p50_ms": round(percentile(durations[name], 0.5) * 1000, 1),
                "p95_ms": round(percentile(durations[name], 0.95) * 1000, 1),
            }
            for name in Channel
            if by_channel[name]
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--max-jobs", type=int, default=500)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument(
        "--alone",
        type=int,
        default=2_500,
        help="then this many people on each channel alone (0: skip)",
    )
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per phase")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        sys.exit("redis-server is required")
    redis_port = free_port()
    with (
        process(
            [sys.executable, "-m", "bench.notifications.servers", "--delay", str(args.delay)]
        ) as servers,
        process(
            [
                redis_server,
                "--bind",
                "127.0.0.1",
                "--port",
                str(redis_port),
                "--save",
                "",
                "--appendonly",
                "no",
            ]
        ),
    ):
        assert servers.stdout is not None
        ports = json.loads(servers.stdout.readline())
        time.sleep(0.5)  # redis-server needs a moment to listen
        phases: list[tuple[int, Channel | None]] = [(args.people, None)]
        if args.alone:
            phases += [(args.alone, name) for name in Channel]
        results = [
            asyncio.run(
                asyncio.wait_for(
                    bench(
                        people=people,
                        http_port=ports["http"],
                        smtp_port=ports["smtp"],
                        redis_port=redis_port,
                        max_jobs=args.max_jobs,
                        connections=args.connections,
                        only=only,
                    ),
                    timeout=args.limit,
                )
            )
            for people, only in phases
        ]
    print(
        json.dumps(
            {
                "delay_s": args.delay,
                "max_jobs": args.max_jobs,
                "http_connections": args.connections,
                "phases": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
