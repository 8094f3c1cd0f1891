"""Blocks ("never match me with X") are never violated."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.engine import match
from matching.instance import InstanceError, parse_instance
from tests.matching.helpers import pairs_of


@st.composite
def blocked_instances(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(min_value=4, max_value=40))
    group_size = draw(st.integers(min_value=2, max_value=4))
    groups = max(1, count // group_size)
    ids = [f"p{n}" for n in range(count)]
    # Fewer blocks per person than groups: a grouping keeping them all is known to exist.
    blocks: list[list[str]] = []
    per_person = dict.fromkeys(ids, 0)
    for _ in range(draw(st.integers(min_value=0, max_value=3 * count))):
        a, b = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        if a != b and per_person[a] < groups - 1 and per_person[b] < groups - 1:
            blocks.append([a, b])
            per_person[a] += 1
            per_person[b] += 1
    return {
        "round": "2026-11-30",
        "group_size": group_size,
        "seed": draw(st.integers(min_value=0, max_value=1000)),
        "participants": [{"id": person} for person in ids],
        "history": [
            {"round": "2026-11-23", "groups": [ids[at : at + 2] for at in range(0, count, 2)]}
        ],
        "blocks": blocks,
    }


@settings(max_examples=400, deadline=None)
@given(raw=blocked_instances())
def test_blocked_people_never_share_a_group(raw: dict[str, Any]) -> None:
    result = match(parse_instance(raw))
    blocked = {frozenset(pair) for pair in raw["blocks"]}
    assert not pairs_of(result.groups) & blocked


def test_a_block_wins_over_avoiding_a_repeat() -> None:
    raw = {
        "round": "2026-11-30",
        "group_size": 2,
        "participants": [{"id": name} for name in "abcd"],
        "history": [{"round": "2026-11-23", "groups": [["a", "b"], ["c", "d"]]}],
        "blocks": [["a", "c"], ["a", "d"]],
    }
    for seed in range(5):
        result = match(parse_instance({**raw, "seed": seed}))
        assert pairs_of(result.groups) == {frozenset("ab"), frozenset("cd")}


def test_blocks_that_cannot_be_kept_are_an_error_not_a_violation() -> None:
    raw = {
        "round": "2026-11-30",
        "group_size": 3,
        "participants": [{"id": name} for name in "abcdef"],
        "blocks": [["a", "b"], ["a", "c"], ["a", "d"], ["a", "e"], ["a", "f"]],
    }
    with pytest.raises(InstanceError) as caught:
        match(parse_instance(raw))
    assert caught.value.code == "blocks_unsatisfiable"


def test_blocks_naming_people_not_taking_part_are_ignored() -> None:
    raw = {
        "round": "2026-11-30",
        "group_size": 2,
        "participants": [{"id": "a"}, {"id": "b"}],
        "blocks": [["a", "gone"]],
    }
    assert match(parse_instance(raw)).groups in ([["a", "b"]], [["b", "a"]])
