"""The cost of joining a group, as the first grouping scores it, against the costs it stands for."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from matching.instance import parse_instance
from matching.problem import compile_instance, window_cost
from tests.matching.test_structure import instances


@settings(max_examples=300, deadline=None)
@given(raw=instances(), data=st.data())
def test_joining_costs_are_pair_costs_plus_the_window(
    raw: dict[str, Any], data: st.DataObject
) -> None:
    ids = [person["id"] for person in raw["participants"]]
    blocks = (
        data.draw(st.lists(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True)))
        if len(ids) >= 2
        else []
    )
    problem = compile_instance(parse_instance({**raw, "blocks": blocks}))
    people = range(problem.size)
    members = (
        data.draw(st.lists(st.sampled_from(people), max_size=4, unique=True)) if people else []
    )
    others = (
        data.draw(st.lists(st.sampled_from([p for p in people if p not in members]), max_size=8))
        if len(members) < problem.size
        else []
    )
    common = problem.common(members)
    expected = [
        window_cost(common & problem.masks[person])
        + sum(problem.pair_cost(person, member) for member in members)
        for person in others
    ]
    assert problem.joining_costs(members=members, common=common, people=others) == expected
