"""Kills and outages under a running worker: every person grouped once, every mail sent once.

The four short cases of tests/faults/cases.py run side by side against real processes; the
figures are printed (run with -s) and recorded in docs/reliability.md.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from devtools.stack import Endpoints
from tests.faults.cases import (
    dynamodb_stopped_for_thirty_seconds_during_the_round,
    mail_server_down_for,
    redis_killed_and_restarted_during_sending,
    worker_killed_during_the_round_and_again_during_sending,
)

PEOPLE = 60
RECOVERY = 60.0

pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]


async def test_every_fault_is_recovered_from_with_nothing_lost_or_doubled(
    endpoints: Endpoints, tmp_path: Path
) -> None:
    """The four short cases run side by side, so that together they take about two minutes.

    With 60 people sending takes a few seconds, so here the last mail, not only the first,
    must come within a minute of the recovery.
    """
    cases = {
        "worker": worker_killed_during_the_round_and_again_during_sending(
            endpoints, tmp_path / "worker", people=PEOPLE
        ),
        "redis": redis_killed_and_restarted_during_sending(
            endpoints, tmp_path / "redis", people=PEOPLE
        ),
        "dynamodb": dynamodb_stopped_for_thirty_seconds_during_the_round(
            endpoints, tmp_path / "dynamodb", people=PEOPLE
        ),
        "smtp": mail_server_down_for(endpoints, tmp_path / "smtp", outage=60, people=PEOPLE),
    }
    for folder in cases:
        (tmp_path / folder).mkdir()
    outcomes = await asyncio.gather(*cases.values(), return_exceptions=True)
    failed = []
    for name, outcome in zip(cases, outcomes, strict=True):
        if isinstance(outcome, BaseException):
            failed.append(f"{name}: {outcome!r}")
            continue
        print(f"\n[fault] {outcome.describe()}", flush=True)
        problems = outcome.problems(limit=RECOVERY, drained_within=RECOVERY)
        failed += [f"{name}: {problem}" for problem in problems]
    assert not failed, "\n".join(failed)
