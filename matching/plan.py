"""Rounds planned ahead: make a plan for a population, take its next round, repair it for churn.

A plan is a repeat-free schedule over numbered points (matching/schedule.py) with a person at
each point. Making one places people on points so that pairs who already met fall in as few of
the schedule's groups as possible, and orders the rounds cleanest first. Taking a round maps the
next round's points to the people present: a newcomer takes a point nobody holds, or else one
whose holder is away; groups are then trimmed or filled to the sizes the contract prescribes.
The matcher's search repairs what churn leaves costly; the caller rebuilds the plan when the
repaired round still holds repeats.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from random import Random

from matching.cyclic import Rounds
from matching.instance import Plan
from matching.problem import Problem
from matching.rotational import rotational_rounds
from matching.schedule_search import planned_schedule
from matching.transversal import transversal_rounds

LARGEST = 240
# A plan is dropped once more than this share of the people present hold no point in it.
_MOST_STRANGERS = 0.25
_LABELLINGS = 8
_SWAPS_PER_PERSON = 60


def usable(*, plan: Plan | None, problem: Problem, group_size: int) -> bool:
    """Whether the plan is for this group size, has rounds left and knows most people present."""
    if plan is None or plan.group_size != group_size or not plan.rounds:
        return False
    held = set(plan.points)
    strangers = sum(1 for person in problem.ids if person not in held)
    return strangers <= _MOST_STRANGERS * problem.size


def make_plan(*, problem: Problem, group_size: int, seed: int) -> Plan | None:
    """A plan for everyone present, or None when no schedule of two rounds or more is known."""
    if group_size < 3 or not 2 * group_size <= problem.size <= LARGEST:
        return None
    construction, found = planned_schedule(problem.size, group_size)
    if len(found) < 2:
        return None
    rounds = list(found)
    rng = Random(f"vcoffee-plan:{seed}")
    person_at = _place(problem=problem, rounds=rounds, rng=rng)
    rounds.sort(key=lambda groups: _conflicts(problem, person_at, groups))
    return Plan(
        group_size=group_size,
        construction=construction,
        points=tuple(problem.ids[person] for person in person_at),
        rounds=tuple(tuple(tuple(members) for members in groups) for groups in rounds),
    )


@lru_cache(maxsize=64)
def _constructed(people: int, group_size: int) -> tuple[str, Rounds]:
    """(name, rounds) of the longer schedule built without a costly search: the transversal
    design with its rows filled, or the rotational design (a bounded search, under a second).
    """
    found = transversal_rounds(
        people=people,
        group_size=group_size,
        rows_schedule=lambda rows: _constructed(rows, group_size)[1],
    )
    rotational = rotational_rounds(people=people, group_size=group_size)
    if rotational is not None and len(rotational) > len(found or []):
        return "rotational", rotational
    return ("transversal design", found) if found else ("none", [])


def population_plan(*, problem: Problem, group_size: int) -> Plan | None:
    """A plan derived from the set of people alone, for callers that keep no plan.

    Every round of a stable population sees the same schedule, placed by a digest of the ids,
    with its rounds ordered by how few pairs of the history they repeat: a caller that passes
    only history still walks through the schedule round by round. Constructions only, so it
    costs little wherever it runs (the admin's preview, `vcoffee match` without a plan).
    """
    if group_size < 3 or not 2 * group_size <= problem.size <= LARGEST:
        return None
    construction, built = _constructed(problem.size, group_size)
    rounds = list(built)
    if len(rounds) < 2:
        return None
    digest = hashlib.sha256("\x00".join(sorted(problem.ids)).encode()).hexdigest()
    person_at = list(range(problem.size))
    Random(f"vcoffee-population:{digest}").shuffle(person_at)
    rounds.sort(key=lambda groups: _conflicts(problem, person_at, groups))
    return Plan(
        group_size=group_size,
        construction=construction,
        points=tuple(problem.ids[person] for person in person_at),
        rounds=tuple(tuple(tuple(members) for members in groups) for groups in rounds),
    )


def _history_partners(problem: Problem) -> list[list[int]]:
    partners: list[list[int]] = [[] for _ in range(problem.size)]
    for groups in problem.recent_rounds:
        for members in groups:
            for position, a in enumerate(members):
                for b in members[position + 1 :]:
                    if a != b:
                        partners[a].append(b)
                        partners[b].append(a)
    return partners


def _together(rounds: Rounds, points: int) -> set[int]:
    """Keys a * points + b (a < b) of the point pairs some round puts together."""
    pairs: set[int] = set()
    for groups in rounds:
        for members in groups:
            for position, a in enumerate(members):
                for b in members[position + 1 :]:
                    pairs.add(a * points + b if a < b else b * points + a)
    return pairs


def _place(*, problem: Problem, rounds: Rounds, rng: Random) -> list[int]:
    """person_at[point], placing few pairs who met before where the schedule puts them together."""
    n = problem.size
    partners = _history_partners(problem)
    if not any(partners):
        order = list(range(n))
        rng.shuffle(order)
        return order
    together = _together(rounds, n)

    def clash(p: int, q: int) -> int:
        return 1 if (p * n + q if p < q else q * n + p) in together else 0

    def cost(point_of: list[int]) -> int:
        return sum(clash(point_of[a], point_of[b]) for a in range(n) for b in partners[a] if a < b)

    best_points: list[int] = []
    best_cost = -1
    for _ in range(_LABELLINGS):
        point_of = list(range(n))
        rng.shuffle(point_of)
        found = cost(point_of)
        if best_cost < 0 or found < best_cost:
            best_points, best_cost = point_of, found
    point_of = best_points
    for _ in range(_SWAPS_PER_PERSON * n):
        if best_cost == 0:
            break
        x = rng.randrange(n)
        y = rng.randrange(n)
        if x == y:
            continue
        px, py = point_of[x], point_of[y]
        delta = 0
        for u in partners[x]:
            if u != y:
                delta += clash(py, point_of[u]) - clash(px, point_of[u])
        for u in partners[y]:
            if u != x:
                delta += clash(px, point_of[u]) - clash(py, point_of[u])
        if delta <= 0:
            point_of[x], point_of[y] = py, px
            best_cost += delta
    person_at = [0] * n
    for person, point in enumerate(point_of):
        person_at[point] = person
    return person_at


def _conflicts(problem: Problem, person_at: list[int], groups: list[list[int]]) -> int:
    return sum(
        problem.met_before(person_at[a], person_at[b])
        for members in groups
        for position, a in enumerate(members)
        for b in members[position + 1 :]
    )


def take_round(
    *, plan: Plan, problem: Problem, sizes: list[int], rng: Random
) -> tuple[list[list[int]], Plan]:
    """The plan's next round for the people present, in the prescribed sizes, and the rest."""
    number = {person: index for index, person in enumerate(problem.ids)}
    points = list(plan.points)
    held = {person for person in points if person is not None}
    newcomers = [person for person in problem.ids if person not in held]
    rng.shuffle(newcomers)
    empty = [point for point, person in enumerate(points) if person is None]
    away = [point for point, person in enumerate(points) if person and person not in number]
    vacant = empty + away
    strangers: list[int] = []
    for person in newcomers:
        if vacant:
            points[vacant.pop(0)] = person
        else:
            strangers.append(number[person])
    groups = [
        [number[person] for person in (points[point] for point in members) if person in number]
        for members in plan.rounds[0]
    ]
    rest = plan.model_copy(update={"points": tuple(points), "rounds": plan.rounds[1:]})
    return _fit(problem=problem, groups=groups, loose=strangers, sizes=sizes), rest


def _fit(
    *, problem: Problem, groups: list[list[int]], loose: list[int], sizes: list[int]
) -> list[list[int]]:
    """Groups of exactly `sizes`: largest planned groups kept, the rest filled at least cost."""
    ordered = sorted((members for members in groups if members), key=len, reverse=True)
    fitted: list[list[int]] = []
    for position, size in enumerate(sizes):
        members = ordered[position][:] if position < len(ordered) else []
        while len(members) > size:
            loose.append(members.pop())
        fitted.append(members)
    for members in ordered[len(sizes) :]:
        loose.extend(members)
    for members, size in zip(fitted, sizes, strict=True):
        while len(members) < size:
            best = min(
                range(len(loose)),
                key=lambda at: problem.group_cost([*members, loose[at]]),
            )
            members.append(loose.pop(best))
    return fitted
