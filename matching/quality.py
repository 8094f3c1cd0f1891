"""Quality figures of a set of groups for an instance."""

from __future__ import annotations

from collections.abc import Sequence

from matching.instance import Quality
from matching.problem import Problem
from matching.slots import has_window


def measure(*, problem: Problem, groups: Sequence[Sequence[int]], unmatched: int) -> Quality:
    """Repeats (pairs that met in a counted round), groups with no common window, cross-team share.

    The cross-team share is the share of grouped pairs with both teams known whose teams differ;
    None when no such pair exists.
    """
    repeats = 0
    without_window = 0
    team_pairs = 0
    cross_pairs = 0
    teams = problem.teams
    for members in groups:
        if not has_window(problem.common(members)):
            without_window += 1
        for position, a in enumerate(members):
            for b in members[position + 1 :]:
                if problem.met_before(a, b):
                    repeats += 1
                if teams[a] >= 0 and teams[b] >= 0:
                    team_pairs += 1
                    cross_pairs += teams[a] != teams[b]
    return Quality(
        repeats=repeats,
        groups_without_common_window=without_window,
        cross_team_share=round(cross_pairs / team_pairs, 4) if team_pairs else None,
        unmatched=unmatched,
    )
