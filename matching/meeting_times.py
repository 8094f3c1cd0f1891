"""Suggested meeting times: a group's earliest common window in the week from the round date."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from matching.instance import Instance, SuggestedTime
from matching.problem import Problem
from matching.slots import earliest_window, local_time, quarter_start


def suggest(
    *, instance: Instance, problem: Problem, members: Sequence[int]
) -> SuggestedTime | None:
    """Start and end in UTC and each member's local start; None without a common window.

    The meeting lasts as long as the common window allows, up to one hour.
    """
    window = earliest_window(problem.common(members))
    if window is None:
        return None
    first, quarters = window
    start = quarter_start(instance.round, first)
    zones = instance.participants
    # Built from values computed here, so validating them again would only cost time.
    return SuggestedTime.model_construct(
        start=start,
        end=start + timedelta(minutes=15 * quarters),
        local={
            problem.ids[person]: local_time(start, zones[person].timezone, instance.round)
            for person in members
        },
    )
