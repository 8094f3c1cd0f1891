"""The plan as input and output of a round: taken in order, repaired for churn, checked on input."""

from __future__ import annotations

import json
from typing import Any

import pytest

from matching.engine import match
from matching.instance import parse_instance
from tests.matching.helpers import instance, pairs_of, people, run_command


def _plan(points: list[str | None], rounds: list[list[list[int]]]) -> dict[str, Any]:
    return {"group_size": 3, "construction": "cyclic", "points": points, "rounds": rounds}


KIRKMAN_9 = [
    [[0, 1, 2], [3, 4, 5], [6, 7, 8]],
    [[0, 3, 6], [1, 4, 7], [2, 5, 8]],
    [[0, 4, 8], [1, 5, 6], [2, 3, 7]],
    [[0, 5, 7], [1, 3, 8], [2, 4, 6]],
]


@pytest.mark.parametrize(
    ("plan", "mentions"),
    [
        pytest.param(_plan([f"u{n}" for n in range(6)], [[[0, 1, 9]]]), "point 9", id="range"),
        pytest.param(_plan([f"u{n}" for n in range(6)], [[[0, 1, 1]]]), "point 1", id="twice"),
        pytest.param(_plan(["u0", "u0", "u1"], [[[0, 1, 2]]]), "two points", id="person"),
    ],
)
def test_a_broken_plan_is_refused_with_a_code(
    plan: dict[str, Any], mentions: str, tmp_path: Any
) -> None:
    status, out, err = run_command(instance(group_size=3, plan=plan), tmp_path)
    assert (status, out) == (2, "")
    assert "[bad_plan]" in err
    assert mentions in err


def test_the_next_planned_round_is_played_and_the_rest_handed_back(tmp_path: Any) -> None:
    ids = [f"u{n}" for n in range(9)]
    raw = instance(group_size=3, participants=people(9), plan=_plan(list(ids), KIRKMAN_9))
    status, out, _ = run_command(raw, tmp_path)
    assert status == 0
    result = json.loads(out)
    assert pairs_of(result["groups"]) == pairs_of(
        [["u0", "u1", "u2"], ["u3", "u4", "u5"], ["u6", "u7", "u8"]]
    )
    assert result["plan"]["rounds"] == KIRKMAN_9[1:]
    assert result["plan"]["points"] == ids


def test_four_rounds_of_nine_people_in_trios_follow_the_plan_without_repeats() -> None:
    plan: dict[str, Any] | None = None
    history: list[dict[str, Any]] = []
    for number in range(4):
        raw = instance(
            group_size=3,
            seed=number,
            participants=people(9),
            history=history,
            plan_ahead=True,
            plan=plan,
        )
        result = match(parse_instance(raw))
        assert result.quality.repeats == 0
        assert result.plan is not None
        assert len(result.plan.rounds) == 3 - number
        plan = result.plan.model_dump(mode="json")
        history.append({"round": f"2026-11-{number + 1:02d}", "groups": result.groups})


def test_a_newcomer_takes_the_place_of_someone_away() -> None:
    ids = [f"u{n}" for n in range(9)]
    present = [{"id": person} for person in ids if person != "u4"] + [{"id": "new"}]
    raw = instance(group_size=3, participants=present, plan=_plan(list(ids), KIRKMAN_9))
    result = match(parse_instance(raw))
    assert result.plan is not None
    assert result.plan.points[4] == "new"
    assert {"new", "u3", "u5"} in [set(members) for members in result.groups]


def test_when_people_leave_the_groups_keep_the_prescribed_sizes() -> None:
    ids = [f"u{n}" for n in range(9)]
    present = [{"id": person} for person in ids if person not in {"u0", "u1"}]
    raw = instance(group_size=3, participants=present, plan=_plan(list(ids), KIRKMAN_9))
    result = match(parse_instance(raw))
    assert sorted(map(len, result.groups)) == [3, 4]
    assert sorted(person for members in result.groups for person in members) == sorted(
        person["id"] for person in present
    )


def test_without_plan_ahead_no_plan_is_made() -> None:
    result = match(parse_instance(instance(group_size=3, participants=people(15))))
    assert result.plan is None
    ahead = match(parse_instance(instance(group_size=3, participants=people(15), plan_ahead=True)))
    assert ahead.plan is not None
    assert len(ahead.plan.rounds) == 6
