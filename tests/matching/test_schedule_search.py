"""The whole-schedule search: longer schedules where constructions stop short, always valid."""

from __future__ import annotations

import pytest

from matching.cyclic import Rounds
from matching.schedule import best_schedule, bound
from matching.schedule_search import extended, planned_schedule
from matching.sizes import group_sizes
from tests.matching.test_schedules import _assert_valid

KIRKMAN_15 = best_schedule(people=15, group_size=3)[1]


def _extended(people: int, group_size: int, *, work: int, rounds: Rounds) -> Rounds:
    return extended(
        rounds=rounds,
        people=people,
        sizes=group_sizes(participants=people, group_size=group_size),
        most=bound(people=people, group_size=group_size),
        work=work,
        seed="test",
    )


@pytest.mark.parametrize(
    ("people", "group_size", "reached"),
    [
        pytest.param(12, 3, 4, id="12-in-threes-at-its-maximum"),
        pytest.param(18, 3, 7, id="18-in-threes"),
        pytest.param(26, 4, 5, id="26-in-fours-and-fives"),
        pytest.param(40, 4, 9, id="40-in-fours"),
        pytest.param(60, 3, 25, id="60-in-threes"),
    ],
)
def test_rounds_found_from_nothing_are_valid_and_as_many_as_measured(
    people: int, group_size: int, reached: int
) -> None:
    rounds = _extended(people, group_size, work=300_000, rounds=[])
    _assert_valid(rounds, people, group_size)
    # The search is seeded and counts its work, so the count is the same on any machine.
    assert len(rounds) == reached


def test_the_same_start_seed_and_work_give_the_same_schedule() -> None:
    first = _extended(26, 4, work=100_000, rounds=[])
    assert first == _extended(26, 4, work=100_000, rounds=[])


def test_a_schedule_at_its_maximum_comes_back_unchanged() -> None:
    rounds = extended(rounds=KIRKMAN_15, people=15, sizes=[3] * 5, most=8, work=50_000, seed="test")
    assert rounds == KIRKMAN_15


def test_the_given_rounds_are_not_changed_in_place() -> None:
    start = [[list(members) for members in groups] for groups in KIRKMAN_15[:3]]
    copy = [[list(members) for members in groups] for groups in start]
    longer = extended(rounds=start, people=15, sizes=[3] * 5, most=7, work=100_000, seed="t")
    assert start == copy
    assert len(longer) > 3
    _assert_valid(longer, 15, 3)


def test_a_plan_is_lengthened_where_the_constructions_stop_short() -> None:
    # Six groups of six: no construction here gives more than one round (there are no two
    # orthogonal Latin squares of order 6); the search finds three.
    assert len(best_schedule(people=36, group_size=6)[1]) == 1
    name, rounds = planned_schedule(36, 6)
    assert (name, len(rounds)) == ("one round + search", 3)
    _assert_valid(rounds, 36, 6)


def test_a_plan_the_constructions_complete_is_not_searched() -> None:
    assert planned_schedule(15, 3) == best_schedule(people=15, group_size=3)
