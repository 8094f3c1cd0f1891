"""Structural rules on many random instances: everyone placed once, prescribed group sizes."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.engine import match
from matching.instance import parse_instance
from matching.sizes import group_sizes
from matching.slots import DAYS
from tests.matching.helpers import pairs_of

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney"]
SLOTS = [f"{day}-{hour:02d}" for day in DAYS for hour in range(0, 24, 3)]


@st.composite
def instances(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(min_value=0, max_value=30))
    ids = [f"p{number}" for number in range(count)]
    participants = [
        {
            "id": person,
            "timezone": draw(st.sampled_from(ZONES)),
            "availability": draw(st.lists(st.sampled_from(SLOTS), max_size=4)),
            "team": draw(st.sampled_from(["a", "b", "c"])),
            "topics": draw(st.lists(st.sampled_from(["x", "y", "z"]), max_size=2)),
        }
        for person in ids
    ]
    pool = [*ids, "gone1", "gone2"]
    history = [
        {
            "round": f"2026-11-{day:02d}",
            "groups": draw(
                st.lists(st.lists(st.sampled_from(pool), min_size=2, max_size=4), max_size=8)
            ),
        }
        for day in range(1, draw(st.integers(min_value=0, max_value=4)) + 1)
    ]
    return {
        "round": "2026-11-30",
        "group_size": draw(st.integers(min_value=2, max_value=6)),
        "seed": draw(st.integers(min_value=-(2**40), max_value=2**40)),
        "repeat_window": draw(st.integers(min_value=0, max_value=3)),
        "prefer_cross_team": draw(st.booleans()),
        "participants": participants,
        "history": history,
    }


# Two thousand instances, most of them searched to the tabu search's full patience, take about
# two minutes on a two-core machine: more than the default per-test limit.
@pytest.mark.timeout(480)
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=instances())
def test_every_participant_is_placed_once_in_groups_of_the_prescribed_sizes(
    raw: dict[str, Any],
) -> None:
    result = match(parse_instance(raw))
    ids = [person["id"] for person in raw["participants"]]
    placed = [person for members in result.groups for person in members] + result.unmatched
    assert sorted(placed) == sorted(ids)
    assert result.unmatched == (ids if len(ids) == 1 else [])
    expected = group_sizes(participants=len(ids), group_size=raw["group_size"])
    assert sorted(map(len, result.groups), reverse=True) == expected
    assert len(result.suggested_times) == len(result.groups)
    assert result.quality.unmatched == len(result.unmatched)


def test_group_sizes_follow_the_contract_examples() -> None:
    assert group_sizes(participants=7, group_size=4) == [4, 3]
    assert group_sizes(participants=3, group_size=5) == [3]
    assert group_sizes(participants=9, group_size=2) == [3, 2, 2, 2]
    assert group_sizes(participants=14, group_size=4) == [5, 5, 4]
    assert group_sizes(participants=1, group_size=2) == []


def test_a_repeat_happens_only_when_unavoidable() -> None:
    raw = {
        "round": "2026-11-30",
        "group_size": 2,
        "participants": [{"id": name} for name in "abcd"],
        "history": [{"round": "2026-11-23", "groups": [["a", "b"], ["c", "d"]]}],
    }
    groups = match(parse_instance(raw)).groups
    assert not pairs_of(groups) & {frozenset("ab"), frozenset("cd")}
    assert match(parse_instance(raw)).quality.repeats == 0


def test_the_more_recent_meeting_is_the_one_avoided() -> None:
    raw = {
        "round": "2026-11-30",
        "group_size": 2,
        "participants": [{"id": name} for name in "abcd"],
        "history": [
            {"round": "2026-11-09", "groups": [["a", "b"], ["c", "d"]]},
            {"round": "2026-11-16", "groups": [["a", "c"], ["b", "d"]]},
            {"round": "2026-11-23", "groups": [["a", "d"], ["b", "c"]]},
        ],
    }
    for seed in range(10):
        result = match(parse_instance({**raw, "seed": seed}))
        assert pairs_of(result.groups) == {frozenset("ab"), frozenset("cd")}
        assert result.quality.repeats == 2


def test_repeat_window_forgets_older_rounds() -> None:
    raw = {
        "round": "2026-11-30",
        "group_size": 2,
        "repeat_window": 1,
        "participants": [{"id": name} for name in "abcd"],
        "history": [
            {"round": "2026-11-16", "groups": [["a", "c"], ["b", "d"]]},
            {"round": "2026-11-23", "groups": [["a", "b"], ["c", "d"]]},
        ],
    }
    assert match(parse_instance(raw)).quality.repeats == 0


def test_cross_team_preferred_when_asked() -> None:
    participants = [{"id": f"{team}{n}", "team": team} for team in "xy" for n in range(5)]
    raw = {"round": "2026-11-30", "group_size": 2, "prefer_cross_team": True}
    result = match(parse_instance({**raw, "participants": participants}))
    assert result.quality.cross_team_share == 1.0
    assert all(a[0] != b[0] for a, b in result.groups)
