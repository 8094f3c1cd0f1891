"""Hot data-layer operations through the repositories and as raw aioboto3 calls, side by side.

Run from the repository root: `.venv/bin/python -m bench.repositories.run`
(options: --iterations, --round-iterations, --groups). Starts its own in-memory DynamoDB
Local on a free port and stops it when done. Prints a Markdown table: p50/p95 latency and
sequential throughput per operation, and the repository/raw ratio of the p50s.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from config.settings import Settings
from devtools import dynamodb_local
from devtools.stack import DYNAMODB_HOME
from repositories.attributes import to_item
from repositories.breaker import CircuitBreaker
from repositories.bundle import Repositories
from repositories.keys import Keys
from repositories.models import Identity, PlannedGroup, Profile, RoundQuality, match_id_of
from repositories.models.matches import Match, MemberDelivery
from repositories.table import table_definition
from runtime.ports import free_port, wait_listening
from runtime.resources import dynamodb_client

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient

DEPLOYMENT = "bench"
TABLE = "bench-repositories"
# The DynamoDB Local the dev stack installs takes 10 actions per transaction (AWS: 100).
LOCAL_TRANSACTION_LIMIT = 10
Operation = Callable[[int], Awaitable[object]]


@dataclass(frozen=True)
class Figures:
    p50_ms: float
    p95_ms: float
    per_second: float


def figures(latencies: list[float], elapsed: float) -> Figures:
    latencies = sorted(latencies)
    return Figures(
        p50_ms=statistics.median(latencies),
        p95_ms=latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))],
        per_second=len(latencies) / elapsed,
    )


async def measure(
    repo_op: Operation, raw_op: Operation, iterations: int, *, warmup: int, chunk: int = 10
) -> tuple[Figures, Figures]:
    """Runs both sides in alternating chunks, so drift in the server hits both alike."""
    for n in range(warmup):
        await raw_op(-1 - n)
        await repo_op(-1 - n)
    timings: dict[str, list[float]] = {"repo": [], "raw": []}
    spent = {"repo": 0.0, "raw": 0.0}
    for start in range(0, iterations, chunk):
        for side, operation in (("raw", raw_op), ("repo", repo_op)):
            for n in range(start, min(iterations, start + chunk)):
                begin = time.perf_counter()
                await operation(n)
                took = time.perf_counter() - begin
                timings[side].append(took * 1000)
                spent[side] += took
    return figures(timings["repo"], spent["repo"]), figures(timings["raw"], spent["raw"])


async def seed(repos: Repositories, people: int) -> list[str]:
    ids = []
    for start in range(0, people, 50):
        batch = await asyncio.gather(
            *(
                repos.users.register(
                    identity=Identity(issuer="https://sso.example.com", subject=f"s{n}"),
                    profile=Profile(name=f"Person {n}", email=f"p{n}@example.com", team="t"),
                )
                for n in range(start, min(people, start + 50))
            )
        )
        ids += [user.id for user in batch]
    # One person with a long history: 60 rounds.
    for week in range(60):
        slot = f"2025-{1 + week // 28:02d}-{1 + week % 28:02d}"
        await repos.rounds.claim(slot=slot, owner="seed", seed=week)
        await repos.rounds.write_groups(
            slot=slot,
            owner="seed",
            groups=[PlannedGroup(members=[ids[0], ids[1 + week]])],
            input_size=2,
        )
        await repos.rounds.complete(slot=slot, owner="seed", quality=RoundQuality())
    return ids


def raw_round_actions(keys: Keys, slot: str, groups: list[list[str]]) -> list[list[Any]]:
    """The same items the repository writes, as prebuilt TransactWriteItems batches."""
    created = "2026-01-01T00:00:00Z"
    batches: list[list[Any]] = []
    current: list[Any] = []
    for index, members in enumerate(groups):
        match = Match(
            id=match_id_of(slot, index),
            slot=slot,
            index=index,
            participants=members,
            scheduled_date=slot[:10],
            created_at=created,
            deliveries=dict.fromkeys(members, MemberDelivery.PENDING),
        )
        actions = [{"Put": {"TableName": TABLE, "Item": to_item(match.to_item(keys))}}]
        actions += [
            {
                "Put": {
                    "TableName": TABLE,
                    "Item": to_item(match.history_entry().to_item(keys, user_id=member)),
                }
            }
            for member in members
        ]
        if len(current) + len(actions) > LOCAL_TRANSACTION_LIMIT:
            batches.append(current)
            current = []
        current += actions
    batches.append(current)
    return batches


async def run(args: argparse.Namespace, endpoint: str) -> list[tuple[str, Figures, Figures]]:
    settings = Settings(
        environment="development",
        dynamodb_endpoint=endpoint,
        table_name=TABLE,
        deployment_id=DEPLOYMENT,
    )
    async with dynamodb_client(settings) as client:
        await client.create_table(**table_definition(TABLE))
        repos = Repositories.create(
            client=client,
            table_name=TABLE,
            deployment_id=DEPLOYMENT,
            cursor_secret=b"bench-cursor-secret-0123456789",
            breaker=CircuitBreaker(),
            transaction_limit=LOCAL_TRANSACTION_LIMIT,
        )
        keys = Keys(DEPLOYMENT)
        ids = await seed(repos, max(200, args.groups * 2 // 10))
        return await compare(args, client, repos, keys, ids)


async def compare(
    args: argparse.Namespace,
    client: DynamoDBClient,
    repos: Repositories,
    keys: Keys,
    ids: list[str],
) -> list[tuple[str, Figures, Figures]]:
    results = []

    async def repo_get(n: int) -> object:
        return await repos.users.get(user_id=ids[n % len(ids)])

    async def raw_get(n: int) -> object:
        pk, sk = keys.profile(ids[n % len(ids)])
        return await client.get_item(
            TableName=TABLE, Key={"PK": {"S": pk}, "SK": {"S": sk}}, ConsistentRead=True
        )

    async def repo_history(n: int) -> object:
        return await repos.matches.history(user_id=ids[0], limit=20)

    async def raw_history(n: int) -> object:
        return await client.query(
            TableName=TABLE,
            KeyConditionExpression="PK = :pk AND begins_with(SK, :p)",
            ExpressionAttributeValues={":pk": {"S": keys.user(ids[0])}, ":p": {"S": "MATCH#"}},
            ScanIndexForward=False,
            Limit=20,
        )

    async def repo_batch(n: int) -> object:
        offset = (n * 100) % (len(ids) - 100)
        return await repos.users.get_many(user_ids=ids[offset : offset + 100])

    async def raw_batch(n: int) -> object:
        offset = (n * 100) % (len(ids) - 100)
        request: Any = {
            TABLE: {
                "ConsistentRead": True,
                "Keys": [
                    {"PK": {"S": keys.profile(uid)[0]}, "SK": {"S": "PROFILE"}}
                    for uid in ids[offset : offset + 100]
                ],
            }
        }
        found = []
        while request:
            response = await client.batch_get_item(RequestItems=request)
            found += response["Responses"][TABLE]
            request = response.get("UnprocessedKeys") or {}
        return found

    groups = [[f"m{2 * g}", f"m{2 * g + 1}"] for g in range(args.groups)]

    async def repo_round(n: int) -> object:
        slot = f"2030-{n + 3:02d}-01"
        await repos.rounds.claim(slot=slot, owner="bench", seed=n)
        await repos.rounds.write_groups(
            slot=slot,
            owner="bench",
            groups=[PlannedGroup(members=g) for g in groups],
            input_size=2 * len(groups),
        )
        return await repos.rounds.complete(slot=slot, owner="bench", quality=RoundQuality())

    async def raw_round(n: int) -> object:
        for batch in raw_round_actions(keys, f"2031-{n + 3:02d}-01", groups):
            await client.transact_write_items(TransactItems=batch)
        return None

    plan = [
        ("get user", repo_get, raw_get, args.iterations),
        ("list a person's history (20)", repo_history, raw_history, args.iterations),
        ("batch-get 100 users", repo_batch, raw_batch, max(20, args.iterations // 5)),
        (f"write a round of {args.groups} groups", repo_round, raw_round, args.round_iterations),
    ]
    for name, repo_op, raw_op, iterations in plan:
        rounds = name.startswith("write")
        repo, raw = await measure(
            repo_op, raw_op, iterations, warmup=1 if rounds else 20, chunk=1 if rounds else 10
        )
        results.append((name, repo, raw))
        print(f"measured {name}", file=sys.stderr)
    return results


def table(results: list[tuple[str, Figures, Figures]]) -> str:
    lines = [
        "| operation | repository p50 / p95 (ms) | raw p50 / p95 (ms) | repository / raw ops/s "
        "| ratio (p50) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, repo, raw in results:
        lines.append(
            f"| {name} | {repo.p50_ms:.2f} / {repo.p95_ms:.2f} | {raw.p50_ms:.2f} / "
            f"{raw.p95_ms:.2f} | {repo.per_second:.1f} / {raw.per_second:.1f} | "
            f"{repo.p50_ms / raw.p50_ms:.2f}x |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--iterations", type=int, default=500)
    parser.add_argument("--round-iterations", type=int, default=3)
    parser.add_argument("--groups", type=int, default=1000)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as scratch:
        log = Path(scratch) / "dynamodb.log"
        with log.open("ab") as sink:
            process = subprocess.Popen(
                dynamodb_local.command(home=DYNAMODB_HOME, port=port, data_dir=None),
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_listening(name="DynamoDB Local", port=port)
            results = asyncio.run(run(args, f"http://127.0.0.1:{port}"))
        finally:
            process.terminate()
            process.wait(timeout=10)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
