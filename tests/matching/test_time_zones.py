"""Common windows across time zones and DST changes, and the suggested meeting time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from matching.engine import match
from matching.instance import parse_instance


def _berlin_and_new_york(round_date: str, berlin_slot: str, new_york_slot: str) -> dict[str, Any]:
    return {
        "round": round_date,
        "group_size": 2,
        "participants": [
            {"id": "berlin", "timezone": "Europe/Berlin", "availability": [berlin_slot]},
            {"id": "nyc", "timezone": "America/New_York", "availability": [new_york_slot]},
        ],
    }


# Berlin is 6 hours ahead of New York except between the US and EU changes (5 hours):
# 2026-03-08 .. 2026-03-29 and 2026-10-25 .. 2026-11-01.
@pytest.mark.parametrize(
    ("round_date", "gap_hours"),
    [
        ("2026-03-02", 6),
        ("2026-03-16", 5),
        ("2026-04-06", 6),
        ("2026-10-19", 6),
        ("2026-10-26", 5),
        ("2026-11-02", 6),
    ],
)
def test_dst_changes_move_the_common_window(round_date: str, gap_hours: int) -> None:
    meets = _berlin_and_new_york(round_date, f"mon-{9 + gap_hours:02d}", "mon-09")
    misses = _berlin_and_new_york(round_date, f"mon-{9 + (11 - gap_hours):02d}", "mon-09")
    result = match(parse_instance(meets))
    assert result.quality.groups_without_common_window == 0
    suggested = result.suggested_times[0]
    assert suggested is not None
    assert suggested.local["nyc"].hour == 9
    assert suggested.local["berlin"].hour == 9 + gap_hours
    assert suggested.local["nyc"] == suggested.local["berlin"] == suggested.start
    assert match(parse_instance(misses)).quality.groups_without_common_window == 1
    assert match(parse_instance(misses)).suggested_times[0] is None


def test_a_half_hour_overlap_is_enough_and_is_suggested() -> None:
    raw = {
        "round": "2026-11-30",
        "group_size": 2,
        "participants": [
            {"id": "delhi", "timezone": "Asia/Kolkata", "availability": ["mon-14"]},
            {"id": "london", "timezone": "Europe/London", "availability": ["mon-09"]},
        ],
    }
    suggested = match(parse_instance(raw)).suggested_times[0]
    assert suggested is not None
    assert suggested.start == datetime.fromisoformat("2026-11-30T09:00:00+00:00")
    assert suggested.end == datetime.fromisoformat("2026-11-30T09:30:00+00:00")
    assert suggested.local["delhi"].isoformat() == "2026-11-30T14:30:00+05:30"
    assert suggested.local["london"].isoformat() == "2026-11-30T09:00:00+00:00"


def test_the_suggestion_is_the_earliest_window_of_the_week_from_the_round_date() -> None:
    raw = {
        "round": "2026-12-02",
        "group_size": 2,
        "participants": [
            {"id": "a", "timezone": "Asia/Tokyo", "availability": ["mon-10", "thu-18", "fri-09"]},
            {"id": "b", "availability": ["mon-01", "thu-09", "fri-00"]},
        ],
    }
    suggested = match(parse_instance(raw)).suggested_times[0]
    assert suggested is not None
    # Wednesday round: Thursday 18:00 Tokyo (09:00 UTC) comes before Friday and next Monday.
    assert suggested.start == datetime.fromisoformat("2026-12-03T09:00:00+00:00")
    assert suggested.local["a"].isoformat() == "2026-12-03T18:00:00+09:00"


def test_people_are_grouped_with_someone_they_can_meet() -> None:
    zones = ["Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo"]
    local_morning = {
        "Europe/Berlin": "tue-09",
        "America/Los_Angeles": "tue-00",
        "Asia/Tokyo": "tue-17",
    }
    participants = [
        {"id": f"{zone}-{n}", "timezone": zone, "availability": [f"wed-{n + 8:02d}"]}
        for zone in zones
        for n in range(4)
    ]
    participants += [
        {"id": f"{zone}-shared", "timezone": zone, "availability": [local_morning[zone]]}
        for zone in zones
    ]
    participants.append({"id": "anytime"})
    for seed in range(5):
        raw = {"round": "2026-11-30", "group_size": 2, "seed": seed, "participants": participants}
        assert match(parse_instance(raw)).quality.groups_without_common_window == 6
