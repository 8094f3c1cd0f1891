"""Kills and outages at full size, counting every group and mail; the long cases of the suite.

Run from the repository root, one case or all of them (about 25 minutes for all):

    .venv/bin/python -m bench.faults.run --case smtp-600 --people 200
    .venv/bin/python -m bench.faults.run --case all --people 1500

Cases: worker (SIGKILL during the round and again during sending), redis (SIGKILL during
sending, restarted empty), dynamodb (down 30 s during the round), smtp-60 and smtp-600 (the
mail server down for 60 s or 10 minutes while the round's mails go out). Starts its own
DynamoDB Local and Redis; prints one line per case and exits 1 if any case lost or doubled,
or if its round or its sending took 60 s or more to resume after the broken process was
back. Sending is judged on its first mail after the recovery (and on no later pause of 60 s);
the time to the last mail, which at 1,500 people is mostly the time to send them all, is
printed beside it with the pace in mails a second.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from devtools.stack import Endpoints, test_services
from tests.faults.cases import (
    Outcome,
    dynamodb_stopped_for_thirty_seconds_during_the_round,
    mail_server_down_for,
    redis_killed_and_restarted_during_sending,
    worker_killed_during_the_round_and_again_during_sending,
)

RECOVERY = 60.0
Case = Callable[[Endpoints, Path, int], Awaitable[Outcome]]

CASES: dict[str, Case] = {
    "worker": lambda e, p, n: worker_killed_during_the_round_and_again_during_sending(
        e, p, people=n
    ),
    "redis": lambda e, p, n: redis_killed_and_restarted_during_sending(e, p, people=n),
    "dynamodb": lambda e, p, n: dynamodb_stopped_for_thirty_seconds_during_the_round(
        e, p, people=n
    ),
    "smtp-60": lambda e, p, n: mail_server_down_for(e, p, outage=60, people=n),
    "smtp-600": lambda e, p, n: mail_server_down_for(e, p, outage=600, people=n),
}


async def run(names: list[str], *, people: int, root: Path, endpoints: Endpoints) -> int:
    failed = 0
    for name in names:
        folder = root / name
        folder.mkdir()
        started = time.monotonic()
        outcome = await CASES[name](endpoints, folder, people)
        problems = outcome.problems(limit=RECOVERY)
        failed += bool(problems)
        verdict = "ok" if not problems else "FAILED: " + "; ".join(problems)
        print(
            f"{name}: {outcome.describe()} [{time.monotonic() - started:.0f} s in all] {verdict}",
            flush=True,
        )
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--case", choices=[*CASES, "all"], default="all")
    parser.add_argument("--people", type=int, default=1500)
    args = parser.parse_args()
    names = list(CASES) if args.case == "all" else [args.case]
    with tempfile.TemporaryDirectory(prefix="vcoffee-faults-") as temporary:
        root = Path(temporary)
        with test_services(log_dir=root / "services") as endpoints:
            failed = asyncio.run(run(names, people=args.people, root=root, endpoints=endpoints))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
