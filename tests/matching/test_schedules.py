"""Every construction gives valid schedules: each pair at most once, each round a partition."""

from __future__ import annotations

import pytest

from matching.cyclic import Rounds
from matching.schedule import best_schedule, bound, is_repeat_free
from matching.sizes import group_sizes


def _assert_valid(rounds: Rounds, people: int, group_size: int) -> None:
    expected = group_sizes(participants=people, group_size=group_size)
    for groups in rounds:
        assert sorted(point for members in groups for point in members) == list(range(people))
        assert sorted(map(len, groups), reverse=True) == expected
    pairs = [
        frozenset((a, b))
        for groups in rounds
        for members in groups
        for position, a in enumerate(members)
        for b in members[position + 1 :]
    ]
    assert len(pairs) == len(set(pairs))
    assert is_repeat_free(rounds)


# (people, group size, rounds reached, construction giving them); all are the known maxima
# except 21 in threes (10 known, one less found) and 32 in fours (10 known, one less found).
KNOWN = [
    pytest.param(15, 3, 7, "cyclic", id="kirkman-15"),
    pytest.param(21, 3, 9, "cyclic", id="kirkman-21-less-one"),
    pytest.param(27, 3, 13, "transversal design", id="affine-3-3"),
    pytest.param(30, 3, 14, "cyclic", id="nearly-kirkman-30"),
    pytest.param(24, 3, 11, "cyclic", id="nearly-kirkman-24"),
    pytest.param(16, 4, 5, "transversal design", id="affine-plane-4"),
    pytest.param(40, 4, 13, "cyclic", id="resolvable-40-4"),
    pytest.param(64, 4, 21, "transversal design", id="affine-3-4"),
    pytest.param(25, 5, 6, "transversal design", id="affine-plane-5"),
    pytest.param(49, 7, 8, "transversal design", id="affine-plane-7"),
    pytest.param(32, 4, 9, "transversal design", id="transversal-8-filled-less-one"),
    pytest.param(60, 3, 27, "cyclic", id="nearly-kirkman-60-less-two"),
]


@pytest.mark.parametrize(("people", "group_size", "rounds", "construction"), KNOWN)
def test_constructions_reach_the_known_number_of_rounds(
    people: int, group_size: int, rounds: int, construction: str
) -> None:
    name, found = best_schedule(people=people, group_size=group_size)
    _assert_valid(found, people, group_size)
    assert (name, len(found)) == (construction, rounds)
    assert len(found) <= bound(people=people, group_size=group_size)


@pytest.mark.parametrize(("people", "group_size"), [(13, 3), (14, 4), (22, 4), (11, 5), (9, 2)])
def test_uneven_sizes_still_give_valid_schedules(people: int, group_size: int) -> None:
    _, found = best_schedule(people=people, group_size=group_size)
    assert found
    _assert_valid(found, people, group_size)


def test_the_bound_counts_rounds_before_someone_must_meet_again() -> None:
    assert bound(people=15, group_size=3) == 7
    assert bound(people=32, group_size=4) == 10
    assert bound(people=40, group_size=4) == 13
    assert bound(people=7, group_size=4) == 2
    assert bound(people=3, group_size=5) == 1


def test_a_schedule_with_a_repeat_is_recognised() -> None:
    assert not is_repeat_free([[[0, 1, 2], [3, 4, 5]], [[0, 1, 3], [2, 4, 5]]])
    assert is_repeat_free([[[0, 1, 2], [3, 4, 5]], [[0, 3], [1, 4], [2, 5]]])
