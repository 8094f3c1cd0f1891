"""Repeat-free runs of rounds over a fixed population, up to the known limits.

Each round's plan is handed to the next round, as the worker does.
"""

from __future__ import annotations

from typing import Any

from matching.engine import match
from matching.instance import parse_instance
from tests.matching.helpers import pairs_of


def _rounds(
    count: int, group_size: int, rounds: int, paused: set[int] | None = None, ahead: bool = True
) -> list[int]:
    ids = [f"p{n}" for n in range(count)]
    history: list[dict[str, Any]] = []
    repeats = []
    plan: dict[str, Any] | None = None
    for number in range(rounds):
        active = [person for n, person in enumerate(ids) if not paused or (n + number) % 7]
        raw = {
            "round": f"2026-{1 + number // 28:02d}-{1 + number % 28:02d}",
            "group_size": group_size,
            "seed": number,
            "participants": [{"id": person} for person in active],
            "history": history,
            "plan_ahead": ahead,
            "plan": plan,
        }
        result = match(parse_instance(raw))
        plan = None if result.plan is None else result.plan.model_dump(mode="json")
        met = set().union(*(pairs_of(past["groups"]) for past in history))
        assert result.quality.repeats == len(pairs_of(result.groups) & met)
        repeats.append(result.quality.repeats)
        history.append({"round": raw["round"], "groups": result.groups})
    return repeats


def test_forty_people_in_pairs_get_39_repeat_free_rounds() -> None:
    assert _rounds(40, 2, 39) == [0] * 39


def test_thirty_two_people_in_fours_get_nine_repeat_free_rounds() -> None:
    assert _rounds(32, 4, 9) == [0] * 9


def test_fifteen_people_in_trios_get_the_seven_rounds_of_a_kirkman_system() -> None:
    repeats = _rounds(15, 3, 8)
    # Seven rounds use up every pair of 15 people in trios: the eighth cannot avoid repeats.
    assert repeats[:7] == [0] * 7
    assert repeats[7] == 15


def test_forty_people_in_fours_get_the_thirteen_round_limit() -> None:
    assert _rounds(40, 4, 13) == [0] * 13


def test_thirty_people_in_trios_get_the_fourteen_round_limit() -> None:
    assert _rounds(30, 3, 14) == [0] * 14


def test_twenty_seven_people_in_trios_get_the_thirteen_round_limit() -> None:
    assert _rounds(27, 3, 13) == [0] * 13


def test_people_who_pause_and_come_back_are_matched_without_repeats() -> None:
    assert _rounds(90, 3, 12, paused={1}, ahead=False) == [0] * 12


def test_a_plan_survives_people_pausing_and_coming_back() -> None:
    assert _rounds(30, 3, 10, paused={1}) == [0] * 10


def _stateless(count: int, group_size: int, rounds: int) -> list[int]:
    """A caller that keeps no plan: only the history goes into each round."""
    ids = [f"p{n}" for n in range(count)]
    history: list[dict[str, Any]] = []
    repeats = []
    for number in range(rounds):
        raw = {
            "round": f"2026-{1 + number // 28:02d}-{1 + number % 28:02d}",
            "group_size": group_size,
            "seed": number,
            "participants": [{"id": person} for person in ids],
            "history": history,
        }
        result = match(parse_instance(raw))
        assert result.plan is None
        repeats.append(result.quality.repeats)
        history.append({"round": raw["round"], "groups": result.groups})
    return repeats


def test_a_caller_without_a_plan_still_walks_through_a_constructed_schedule() -> None:
    # 32 in fours: the transversal design over GF(8); 27 in threes: AG(3, 3); 25 in fives:
    # AG(2, 5). All from the set of people alone, the same in every round.
    assert _stateless(32, 4, 9) == [0] * 9
    assert _stateless(27, 3, 13) == [0] * 13
    assert _stateless(25, 5, 6) == [0] * 6


def test_a_caller_without_a_plan_walks_through_a_rotational_design() -> None:
    # 88 in fours: 29 rounds over GF(29); 76 in fours: 25 rounds over GF(25), longer than the
    # 19 of the transversal design over GF(19) that the same people also allow.
    assert _stateless(88, 4, 29) == [0] * 29
    assert _stateless(76, 4, 25) == [0] * 25
