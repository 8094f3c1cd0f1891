"""Suggested meeting times: a group's earliest common window in the week from the round date."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from matching.instance import Instance, SuggestedTime
from matching.problem import Problem
from matching.slots import earliest_window, local_time, quarter_start


def suggest(
    *, instance: Instance, problem: Problem, groups: Sequence[Sequence[int]]
) -> list[SuggestedTime | None]:
    """Start and end in UTC and each member's local start, per group; None without a window.

    A meeting lasts as long as the common window allows, up to one hour.
    """
    round_date = instance.round
    participants = instance.participants
    ids = problem.ids
    # Thousands of groups share a few hundred starts and a few zones: each local start is
    # worked out once, and so is each start.
    starts: dict[int, datetime] = {}
    local_starts: dict[tuple[int, str], datetime] = {}
    suggested: list[SuggestedTime | None] = []
    for members in groups:
        window = earliest_window(problem.common(members))
        if window is None:
            suggested.append(None)
            continue
        first, quarters = window
        start = starts.get(first)
        if start is None:
            start = starts[first] = quarter_start(round_date, first)
        local = {}
        for person in members:
            zone = participants[person].timezone
            at = local_starts.get((first, zone))
            if at is None:
                at = local_starts[first, zone] = local_time(start, zone, round_date)
            local[ids[person]] = at
        suggested.append(
            SuggestedTime(start=start, end=start + timedelta(minutes=15 * quarters), local=local)
        )
    return suggested
