"""Greedy first grouping: the least available people lead; partners come from shared windows."""

from __future__ import annotations

from random import Random

from matching.problem import Problem
from matching.slots import ANY_TIME
from matching.window_index import WindowIndex

_CANDIDATES = 6
_SCAN = 4 * _CANDIDATES


class _Heads:
    """Front pointers into lists whose members get used up; skips used people lazily."""

    def __init__(self, assigned: bytearray) -> None:
        self.assigned = assigned
        self.front: dict[int, int] = {}

    def take(self, name: int, people: list[int], count: int) -> list[int]:
        assigned = self.assigned
        position = self.front.get(name, 0)
        while position < len(people) and assigned[people[position]]:
            position += 1
        self.front[name] = position
        found: list[int] = []
        end = min(len(people), position + _SCAN)
        while position < end and len(found) < count:
            person = people[position]
            if not assigned[person]:
                found.append(person)
            position += 1
        return found


def initial_groups(
    *, problem: Problem, sizes: list[int], order: list[int], index: WindowIndex, rng: Random
) -> list[list[int]]:
    """Groups of exactly `sizes`, built one at a time around the least flexible free person."""
    assigned = bytearray(problem.size)
    heads = _Heads(assigned)
    leaders = sorted(order, key=index.flexibility.__getitem__)
    masks = problem.masks
    everyone = -1
    any_time = -2
    groups: list[list[int]] = []
    next_leader = 0
    for size in sizes:
        while assigned[leaders[next_leader]]:
            next_leader += 1
        leader = leaders[next_leader]
        assigned[leader] = 1
        group = [leader]
        common = masks[leader]
        while len(group) < size:
            candidates: list[int] = []
            if common != ANY_TIME:
                starts = index.starts(common)
                for _ in range(min(3, len(starts))):
                    start = starts[rng.randrange(len(starts))]
                    candidates += heads.take(start, index.by_start[start], _CANDIDATES)
                if not candidates:
                    candidates = heads.take(any_time, index.any_time, _CANDIDATES)
            if not candidates:
                candidates = heads.take(everyone, order, _CANDIDATES)
            # A person drawn twice costs the same twice: scoring the first draw is enough.
            candidates = list(dict.fromkeys(candidates))
            costs = problem.joining_costs(members=group, common=common, people=candidates)
            best_cost = min(costs)
            best = candidates[costs.index(best_cost)]
            assigned[best] = 1
            group.append(best)
            common &= masks[best]
        groups.append(group)
    return groups
