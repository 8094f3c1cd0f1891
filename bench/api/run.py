"""Load on the GraphQL API over real HTTP, beside bare Starlette routes doing the same reads.

Starts DynamoDB Local and Redis, seeds people with a match history, then runs the API and the
bare routes as separate uvicorn processes. Open loop: N signed-in people each send one request
a second at a random moment (me, my history, update preferences in turn); latency counts from
the moment a request was due, so a slow server cannot hide its queue. Closed loop: a fixed
number of clients send back to back; requests per second at saturation, GraphQL against bare.
CPU of the API process, of DynamoDB Local and of this load generator is read from /proc during
each phase.

    .venv/bin/python -m bench.api.run [--people 500] [--seconds 15] [--workers 1]
        [--baseline DIR]   # also the API of another checkout, e.g. a worktree of the base commit
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from auth.principal import Role
from config.settings import Settings
from devtools.stack import test_services
from repositories.bundle import Repositories
from repositories.models import Identity, PlannedGroup, Profile, RoundQuality
from repositories.table import table_definition
from runtime.resources import dynamodb_client
from runtime.services import cursor_secret, open_services
from tests.api.processes import API_COMMAND, Served, served
from tests.procfs import children_of, command_line, cpu_ticks, processes

BARE_COMMAND = (
    "import uvicorn; from config.settings import Settings; s = Settings(); "
    "uvicorn.run('bench.api.bare:serve', factory=True, workers=s.api_workers, "
    "host='127.0.0.1', port=s.port, log_level='warning')"
)
ME = "{ me { id profile { name email } } }"
HISTORY = (
    "{ myMatches(first: 20) { items { id status participants { name } myFeedback { outcome } }"
    " nextCursor } }"
)
UPDATE = (
    "mutation($input: PreferencesInput!) { updatePreferences(input: $input) "
    "{ preferences { availability topics meetingLength timeZone } } }"
)
PREFERENCES = {
    "availability": ["mon-09", "tue-10", "thu-15"],
    "topics": ["coffee", "books"],
    "meetingLength": 30,
    "timeZone": "Europe/Berlin",
}
OPERATIONS = ("me", "history", "update")


@dataclass
class Phase:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {op: [] for op in OPERATIONS})
    failures: int = 0
    seconds: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(values) for values in self.latencies.values())


Send = Callable[[aiohttp.ClientSession, str, str], Awaitable[bool]]


def graphql_sender(base: str) -> Send:
    async def send(http: aiohttp.ClientSession, token: str, operation: str) -> bool:
        query = {"me": ME, "history": HISTORY, "update": UPDATE}[operation]
        body: dict[str, Any] = {"query": query}
        if operation == "update":
            body["variables"] = {"input": PREFERENCES}
        async with http.post(
            f"{base}/graphql", json=body, headers={"authorization": f"Bearer {token}"}
        ) as response:
            payload = await response.json()
            return response.status == 200 and "errors" not in payload

    return send


def bare_sender(base: str) -> Send:
    async def send(http: aiohttp.ClientSession, token: str, operation: str) -> bool:
        headers = {"authorization": f"Bearer {token}"}
        if operation == "update":
            request = http.post(f"{base}/bare/preferences", json=PREFERENCES, headers=headers)
        else:
            request = http.get(f"{base}/bare/{operation}", headers=headers)
        async with request as response:
            await response.read()
            return response.status == 200

    return send


def cpu_seconds(pid: int, *, children: bool = True) -> float:
    """CPU time of a process and, unless told not to, of its children (a server's workers)."""
    pids = [pid, *(children_of(pid) if children else [])]
    return sum(cpu_ticks(each) for each in pids) / os.sysconf("SC_CLK_TCK")


def dynamodb_pid(port: str) -> int:
    for pid in processes():
        words = command_line(pid)
        if b"LoopbackDynamoDB" in words and port.encode() in words:
            return pid
    raise RuntimeError("DynamoDB Local's process was not found")


@contextmanager
def cpu_use(phase: Phase, pids: dict[str, int]) -> Iterator[None]:
    """CPU of each named process tree; "load" is this process alone (the servers are its
    children)."""

    def now() -> dict[str, float]:
        return {name: cpu_seconds(pid, children=name != "load") for name, pid in pids.items()}

    before = now()
    started = time.monotonic()
    yield
    elapsed = time.monotonic() - started
    after = now()
    phase.cpu = {name: (after[name] - before[name]) / elapsed * 100 for name in pids}
    phase.cpu_seconds = {name: after[name] - before[name] for name in pids}


async def open_loop(send: Send, tokens: list[str], seconds: int) -> Phase:
    phase = Phase()
    pending: set[asyncio.Task[None]] = set()
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        start = time.monotonic() + 0.5
        schedule = sorted(
            (start + second + random.random(), index, OPERATIONS[(index + second) % 3])
            for index in range(len(tokens))
            for second in range(seconds)
        )

        async def one(due: float, token: str, operation: str) -> None:
            try:
                ok = await send(http, token, operation)
            except aiohttp.ClientError:
                ok = False
            phase.latencies[operation].append(time.monotonic() - due)
            phase.failures += not ok

        for due, index, operation in schedule:
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            task = asyncio.create_task(one(due, tokens[index], operation))
            pending.add(task)
            task.add_done_callback(pending.discard)
        await asyncio.gather(*pending)
        phase.seconds = time.monotonic() - start
    return phase


async def closed_loop(send: Send, tokens: list[str], seconds: float, clients: int) -> Phase:
    phase = Phase()
    turn = iter(range(10**9))
    deadline = time.monotonic() + seconds
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def client() -> None:
            while time.monotonic() < deadline:
                number = next(turn)
                operation = OPERATIONS[number % 3]
                sent = time.monotonic()
                try:
                    ok = await send(http, tokens[number % len(tokens)], operation)
                except aiohttp.ClientError:
                    ok = False
                phase.latencies[operation].append(time.monotonic() - sent)
                phase.failures += not ok

        started = time.monotonic()
        await asyncio.gather(*(client() for _ in range(clients)))
        phase.seconds = time.monotonic() - started
    return phase


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def describe(name: str, phase: Phase) -> dict[str, Any]:
    everything = [value for values in phase.latencies.values() for value in values]
    row: dict[str, Any] = {
        "phase": name,
        "requests": phase.count,
        "failures": phase.failures,
        "rps": round(phase.count / phase.seconds, 1),
        "p50_ms": round(percentile(everything, 0.50), 1),
        "p95_ms": round(percentile(everything, 0.95), 1),
        "p99_ms": round(percentile(everything, 0.99), 1),
        "mean_ms": round(statistics.fmean(everything) * 1000, 1),
        "cpu_percent": {key: round(value) for key, value in phase.cpu.items()},
        # CPU seconds of the server's processes over the phase, per request answered.
        "api_cpu_ms_per_request": round(phase.cpu_seconds.get("api", 0.0) / phase.count * 1000, 2),
    }
    for operation, values in phase.latencies.items():
        row[f"{operation}_p95_ms"] = round(percentile(values, 0.95), 1)
    return row


async def seed(settings: Settings, people: int, rounds: int) -> list[str]:
    """People with a history of `rounds` rounds in pairs; returns one access token each."""
    async with dynamodb_client(settings) as dynamodb:
        await dynamodb.create_table(**table_definition(settings.table_name))
    async with open_services(settings) as services:
        # DynamoDB Local caps transactions at 10 actions; the seeding writes groups in them.
        repositories = Repositories.create(
            client=services.dynamodb,
            table_name=settings.table_name,
            deployment_id=settings.deployment_id,
            cursor_secret=cursor_secret(settings),
            transaction_limit=10,
        )
        users = []
        for number in range(people):
            user = await repositories.users.register(
                identity=Identity(issuer="https://sso.example.com", subject=f"bench-{number}"),
                profile=Profile(name=f"Person {number}", email=f"p{number}@example.com"),
            )
            users.append(await repositories.users.join(user_id=user.id))
        for week in range(rounds):
            slot = f"2026-{1 + week // 28:02d}-{1 + week % 28:02d}"
            ids = [user.id for user in users]
            random.Random(week).shuffle(ids)
            owner = f"bench-{slot}"
            await repositories.rounds.claim(slot=slot, owner=owner, seed=week)
            await repositories.rounds.write_groups(
                slot=slot,
                owner=owner,
                groups=[PlannedGroup(members=ids[i : i + 2]) for i in range(0, len(ids) - 1, 2)],
                input_size=len(ids),
            )
            await repositories.rounds.complete(slot=slot, owner=owner, quality=RoundQuality())
        return [services.tokens.issue_access(user_id=user.id, role=Role.MEMBER) for user in users]


async def measure(
    *,
    graphql: Served,
    bare: Served,
    baseline: Served | None,
    dynamodb: int,
    tokens: list[str],
    args: argparse.Namespace,
) -> list[dict[str, Any]]:
    stacks = [
        ("graphql", graphql, graphql_sender(graphql.base)),
        ("bare", bare, bare_sender(bare.base)),
    ]
    if baseline is not None:
        stacks.insert(1, ("graphql baseline", baseline, graphql_sender(baseline.base)))
    # Unmeasured: DynamoDB Local's JIT compiles its hot paths and both servers fill their
    # caches, so the stack measured first is not the one paying for the warm-up.
    for _, _, send in stacks:
        await closed_loop(send, tokens, args.warmup, args.clients)
    rows = []
    for name, server, send in stacks:
        # The load generator shares the machine's cores with both servers: its CPU shows too.
        pids = {"api": server.pid, "dynamodb": dynamodb, "load": os.getpid()}
        for users in args.open_users:
            phase = Phase()
            with cpu_use(phase, pids):
                result = await open_loop(send, tokens[:users], args.seconds)
            result.cpu, result.cpu_seconds = phase.cpu, phase.cpu_seconds
            rows.append(describe(f"{name} open loop, {users} people at 1 req/s", result))
        phase = Phase()
        with cpu_use(phase, pids):
            result = await closed_loop(send, tokens, args.seconds, args.clients)
        result.cpu, result.cpu_seconds = phase.cpu, phase.cpu_seconds
        rows.append(describe(f"{name} closed loop, {args.clients} clients", result))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds per stack")
    parser.add_argument(
        "--workers", type=int, default=1, help="processes of the API and of the bare routes"
    )
    parser.add_argument("--open-users", type=int, nargs="+", default=[100, 500])
    parser.add_argument(
        "--baseline",
        type=Path,
        default=None,
        help="another checkout (a worktree of an earlier commit) whose API is measured as well",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, ExitStack() as stack:
        logs = Path(scratch)
        endpoints = stack.enter_context(test_services(log_dir=logs))
        settings = Settings(
            environment="test",
            deployment_id="bench",
            table_name=f"bench-{uuid.uuid4().hex[:8]}",
            dynamodb_endpoint=endpoints.dynamodb_url,
            redis_url=endpoints.redis_url,
            session_secret="bench-session-secret-0123456789abcdef",
            jwt_signing_keys="bench-jwt-key-0123456789abcdef0123456789",
            api_workers=args.workers,
            # One load generator is one client address: the budgets would refuse the load.
            client_requests_per_minute=10**9,
            person_requests_per_minute=10**9,
        )
        tokens = asyncio.run(seed(settings, args.people, args.rounds))
        graphql = stack.enter_context(
            served(settings, log=logs / "api.log", code=API_COMMAND, probe="/healthz")
        )
        bare = stack.enter_context(
            served(settings, log=logs / "bare.log", code=BARE_COMMAND, probe="/bare/healthz")
        )
        baseline = None
        if args.baseline is not None:
            baseline = stack.enter_context(
                served(
                    settings,
                    log=logs / "baseline.log",
                    code=API_COMMAND,
                    probe="/healthz",
                    source=args.baseline.resolve(),
                )
            )
        dynamodb = dynamodb_pid(endpoints.dynamodb_url.rsplit(":", 1)[1])
        rows = asyncio.run(
            measure(
                graphql=graphql,
                bare=bare,
                baseline=baseline,
                dynamodb=dynamodb,
                tokens=tokens,
                args=args,
            )
        )
    for row in rows:
        print(json.dumps(row))


if __name__ == "__main__":
    main()
