"""Live events at scale: thousands of subscriber sockets on one API process, one round for all.

Starts DynamoDB Local and Redis, seeds N people who joined the rounds, runs one API process
(uvicorn, one worker) and, from a separate process (bench/api/live_clients.py), opens one
graphql-transport-ws socket per person with the web app's new-match subscription. Once every
subscription is in Redis, a round is run by the worker's code in a third process; the round's
`finished_at` is the start of each delivery's latency, its end the client's arrival time.
Reports delivery percentiles, events lost, the API's memory (RSS) and the Redis connections.

`--source DIR` runs the API and the round from another checkout (a worktree of an earlier
commit), to measure that design the same way:

    .venv/bin/python -m bench.api.live --people 5000
    git worktree add /tmp/vcoffee-base <commit> && ln -s "$PWD/.tools" /tmp/vcoffee-base/.tools
    .venv/bin/python -m bench.api.live --people 5000 --source /tmp/vcoffee-base
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any

from redis.asyncio import Redis

from auth.principal import Role
from bench.api.run import cpu_seconds, dynamodb_pid, percentile
from config.settings import ROOT, Settings
from devtools.stack import test_services
from repositories.models import Identity, Profile
from repositories.table import table_definition
from runtime.resources import dynamodb_client
from runtime.services import open_services
from tests.api.processes import API_COMMAND, environment, served

SLOT = "2026-12-07"
ROUND_COMMAND = """
import asyncio, json, sys, time
from runtime.services import open_services
from config.settings import Settings
from workers.rounds import execute_round

async def main():
    async with open_services(Settings()) as services:
        outcome = await execute_round(services, slot=sys.argv[1], owner="bench")
        returned = time.time()
        stored = await services.repositories.rounds.get(slot=sys.argv[1])
        finished = stored.finished_at
        print(json.dumps({"status": outcome.status, "groups": outcome.groups,
                          "finished_at": finished.isoformat(),
                          "job_ended_s_after": round(returned - finished.timestamp(), 2)}))

asyncio.run(main())
"""


WARM_UP = '{ me { id } match(id: "2026-01-05_0000") { id } }'


async def warm_up(base: str, tokens: list[str]) -> None:
    """A few requests through the paths a delivery takes (token check, batched reads), so the
    round meets a process in its steady state, as a serving one would be."""
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        for token in tokens[:20]:
            response = await http.post(
                "/graphql", json={"query": WARM_UP}, headers={"authorization": f"Bearer {token}"}
            )
            response.raise_for_status()


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in KiB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0])
    return found


async def seed(settings: Settings, people: int) -> list[str]:
    async with dynamodb_client(settings) as dynamodb:
        await dynamodb.create_table(**table_definition(settings.table_name))
    async with open_services(settings) as services:
        users = services.repositories.users

        async def one(number: int) -> str:
            user = await users.register(
                identity=Identity(issuer="https://sso.example.com", subject=f"live-{number}"),
                profile=Profile(name=f"Person {number}", email=f"p{number}@example.com"),
            )
            await users.join(user_id=user.id)
            return user.id

        ids: list[str] = []
        for start in range(0, people, 50):
            ids.extend(
                await asyncio.gather(*(one(n) for n in range(start, min(people, start + 50))))
            )
        return [services.tokens.issue_access(user_id=uid, role=Role.MEMBER) for uid in ids]


async def redis_figures(url: str) -> dict[str, int]:
    redis = Redis.from_url(url)
    try:
        clients = await redis.client_list()
        channels = await redis.pubsub_channels("vcoffee:bench:user:*")
    finally:
        await redis.aclose()
    return {
        "redis_connections": len(clients),
        "redis_pubsub_connections": sum(1 for c in clients if int(c.get("sub", 0)) > 0),
        "subscribed_channels": len(channels),
    }


async def wait_channels(url: str, people: int, within: float) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if (await redis_figures(url))["subscribed_channels"] >= people:
            return
        await asyncio.sleep(0.5)
    raise RuntimeError("not every subscription reached Redis in time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--source", type=Path, default=None, help="checkout to run the API from")
    parser.add_argument("--wait", type=float, default=180.0)
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle measurement")
    args = parser.parse_args()
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    source = args.source.resolve() if args.source else None
    with tempfile.TemporaryDirectory() as scratch, ExitStack() as stack:
        logs = Path(scratch)
        endpoints = stack.enter_context(test_services(log_dir=logs))
        settings = Settings(
            environment="test",
            deployment_id="bench",
            table_name=f"live-{uuid.uuid4().hex[:8]}",
            dynamodb_endpoint=endpoints.dynamodb_url,
            dynamodb_transaction_limit=10,
            redis_url=endpoints.redis_url,
            session_secret="bench-session-secret-0123456789abcdef",
            jwt_signing_keys="bench-jwt-key-0123456789abcdef0123456789",
            public_url="http://127.0.0.1:8000",
        )
        started = time.monotonic()
        tokens = asyncio.run(seed(settings, args.people))
        seeded = time.monotonic() - started
        api = stack.enter_context(
            served(
                settings, log=logs / "api.log", code=API_COMMAND, probe="/healthz", source=source
            )
        )
        asyncio.run(warm_up(api.base, tokens))
        idle = memory_kib(api.pid)
        token_file, out_file = logs / "tokens", logs / "arrivals.json"
        token_file.write_text("\n".join(tokens))
        clients = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.api.live_clients",
                "--base",
                api.base,
                "--origin",
                settings.public_url,
                "--tokens",
                str(token_file),
                "--out",
                str(out_file),
                "--wait",
                str(args.wait),
            ],
            stdout=subprocess.PIPE,
            cwd=ROOT,
            text=True,
        )
        assert clients.stdout is not None
        opening = time.monotonic()
        line = clients.stdout.readline().split()
        if not line or line[0] != "ready":
            raise RuntimeError(f"the subscribers did not start; see {logs}")
        refused = int(line[1])
        asyncio.run(wait_channels(endpoints.redis_url, args.people - refused, within=120))
        opened_in = time.monotonic() - opening
        subscribed = memory_kib(api.pid)
        connections = asyncio.run(redis_figures(endpoints.redis_url))
        dynamodb = dynamodb_pid(endpoints.dynamodb_url.rsplit(":", 1)[1])
        # What open subscriptions cost while nothing happens: keep-alives and session checks.
        idle_before = cpu_seconds(api.pid)
        time.sleep(args.idle)
        idle_cpu = cpu_seconds(api.pid) - idle_before
        before = {"api": cpu_seconds(api.pid), "dynamodb": cpu_seconds(dynamodb)}
        env = environment(settings, port=1)  # the round serves nothing
        # DynamoDB Local takes at most 10 actions per transaction.
        env["VCOFFEE_DYNAMODB_TRANSACTION_LIMIT"] = str(settings.dynamodb_transaction_limit)
        if source is not None:
            env["PYTHONPATH"] = str(source)
        round_started = time.monotonic()
        ran = subprocess.run(
            [sys.executable, "-c", ROUND_COMMAND, SLOT],
            env=env,
            cwd=source or ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        round_seconds = time.monotonic() - round_started
        if ran.returncode != 0:
            raise RuntimeError(f"the round failed:\n{ran.stderr[-3000:]}")
        outcome: dict[str, Any] = json.loads(ran.stdout.strip().splitlines()[-1])
        clients.wait(timeout=args.wait + 60)
        delivered = memory_kib(api.pid)
        spent = {
            "api": cpu_seconds(api.pid) - before["api"],
            "dynamodb": cpu_seconds(dynamodb) - before["dynamodb"],
        }
        result = json.loads(out_file.read_text())
        finished = datetime.fromisoformat(outcome["finished_at"]).timestamp()
        latencies = [arrival - finished for arrival in result["arrivals"]]
        row = {
            "design": "given checkout" if source else "this checkout",
            "people": args.people,
            "open_files": resource.getrlimit(resource.RLIMIT_NOFILE)[0],
            "seed_s": round(seeded, 1),
            "sockets_refused": refused,
            "open_and_subscribe_s": round(opened_in, 1),
            "round": outcome,
            "round_job_s": round(round_seconds, 1),
            "delivered": len(latencies),
            "lost": args.people - len(latencies),
            "failures": len(result["failures"]),
            "failure_sample": result["failures"][:3],
            "first_s_from_completion": round(min(latencies), 2) if latencies else None,
            "p50_s_from_completion": round(percentile(latencies, 0.50) / 1000, 2),
            "p95_s_from_completion": round(percentile(latencies, 0.95) / 1000, 2),
            "max_s_from_completion": round(max(latencies), 2) if latencies else None,
            # CPU seconds from the round's start to the last delivery (the round's own reads and
            # writes included for DynamoDB Local), and per event delivered for the API.
            "cpu_s_round_and_delivery": {key: round(value, 2) for key, value in spent.items()},
            "api_cpu_ms_per_delivery": round(spent["api"] / max(1, len(latencies)) * 1000, 2),
            "api_idle_cpu_percent": round(idle_cpu / args.idle * 100, 1),
            "api_idle_cpu_us_per_subscription_s": round(
                idle_cpu / args.idle / max(1, args.people - refused) * 1e6, 2
            ),
            "api_rss_mib": {
                "idle": idle["VmRSS"] // 1024,
                "subscribed": subscribed["VmRSS"] // 1024,
                "after_delivery": delivered["VmRSS"] // 1024,
                "peak": delivered["VmHWM"] // 1024,
            },
            **connections,
            "load_average": os.getloadavg(),
        }
    print(json.dumps(row))


if __name__ == "__main__":
    main()
