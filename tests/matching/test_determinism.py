"""Same instance and seed: the same groups; another seed: other groups."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.matching.helpers import instance, people, run_command

CASES = [
    pytest.param(instance(participants=people(60)), id="pairs"),
    pytest.param(instance(participants=people(61), group_size=3), id="trios"),
    pytest.param(
        instance(
            participants=[
                {"id": f"u{n}", "timezone": zone, "availability": ["mon-09", "tue-10", "wed-16"]}
                for n, zone in enumerate(["Europe/Berlin", "America/New_York", "Asia/Tokyo"] * 20)
            ],
            prefer_cross_team=True,
        ),
        id="time-zones",
    ),
]


@pytest.mark.parametrize("raw", CASES)
def test_same_seed_gives_the_same_groups(raw: dict[str, Any], tmp_path: Any) -> None:
    first = run_command(raw, tmp_path)
    second = run_command(raw, tmp_path)
    assert first[0] == 0
    assert first == second


@pytest.mark.parametrize("raw", CASES)
def test_other_seeds_give_other_groups(raw: dict[str, Any], tmp_path: Any) -> None:
    groupings = set()
    for seed in range(5):
        status, out, _ = run_command({**raw, "seed": seed}, tmp_path)
        assert status == 0
        groupings.add(frozenset(frozenset(members) for members in json.loads(out)["groups"]))
    assert len(groupings) == 5


def test_nobody_is_always_paired_the_same_way(tmp_path: Any) -> None:
    partners = set()
    for seed in range(8):
        _, out, _ = run_command(instance(participants=people(10), seed=seed), tmp_path)
        partners.add(next(set(g) - {"u0"} for g in json.loads(out)["groups"] if "u0" in g).pop())
    assert len(partners) >= 4
