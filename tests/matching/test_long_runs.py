"""Repeat-free runs of rounds over a fixed population, up to the known limits."""

from __future__ import annotations

from typing import Any

from matching.engine import match
from matching.instance import parse_instance
from tests.matching.helpers import pairs_of


def _rounds(count: int, group_size: int, rounds: int, paused: set[int] | None = None) -> list[int]:
    ids = [f"p{n}" for n in range(count)]
    history: list[dict[str, Any]] = []
    repeats = []
    for number in range(rounds):
        active = [person for n, person in enumerate(ids) if not paused or (n + number) % 7]
        raw = {
            "round": f"2026-{1 + number // 28:02d}-{1 + number % 28:02d}",
            "group_size": group_size,
            "seed": number,
            "participants": [{"id": person} for person in active],
            "history": history,
        }
        result = match(parse_instance(raw))
        met = set().union(*(pairs_of(past["groups"]) for past in history))
        assert result.quality.repeats == len(pairs_of(result.groups) & met)
        repeats.append(result.quality.repeats)
        history.append({"round": raw["round"], "groups": result.groups})
    return repeats


def test_forty_people_in_pairs_get_39_repeat_free_rounds() -> None:
    assert _rounds(40, 2, 39) == [0] * 39


def test_thirty_two_people_in_fours_get_eight_repeat_free_rounds() -> None:
    assert _rounds(32, 4, 8) == [0] * 8


def test_twenty_seven_people_in_trios_get_the_thirteen_round_limit() -> None:
    assert _rounds(27, 3, 13) == [0] * 13


def test_people_who_pause_and_come_back_are_matched_without_repeats() -> None:
    assert _rounds(90, 3, 12, paused={1}) == [0] * 12
