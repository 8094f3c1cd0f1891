"""Longer repeat-free schedules by local search on the whole schedule, where no construction fits.

A schedule that a construction left short of the bound is extended one round at a time: the new
round is filled greedily, each group taking the people who met its members least, and a tabu
search then swaps two people of different groups within one round until no pair meets twice in
the whole schedule (after Dotú & Van Hentenryck's local search for the social golfer problem).
Each step looks at the swaps of one person of a pair that meets twice, in one round where they
meet, and takes the best one not made recently; a run that stops improving is shaken by a few
random swaps. Rounds keep their group sizes, since swaps move people, not seats.

The work is counted in swaps looked at, so the same schedule, seed and work give the same result
on any machine.
"""

from __future__ import annotations

from functools import lru_cache
from random import Random

from matching.cyclic import Rounds
from matching.schedule import best_schedule, bound
from matching.sizes import group_sizes

# Steps without a better count of repeated meetings before random swaps shake the schedule.
_STALL = 3000
_SHAKES = 2
_TABU_MIN, _TABU_MAX = 5, 25
# The most of its work one added round may take, and the most per person: a small population
# near its bound, where no round can be added, gives up soon.
_SHARES = 3
_PER_PERSON = 8_000


class _Schedule:
    """Rounds of groups with the meetings they count: who meets whom how often."""

    def __init__(self, *, people: int, rounds: Rounds) -> None:
        self.rounds = [[list(members) for members in groups] for groups in rounds]
        self.met = [[0] * people for _ in range(people)]
        self.group_of: list[list[int]] = []
        # Pairs (a < b) that meet more than once.
        self.twice: set[tuple[int, int]] = set()
        for groups in self.rounds:
            self._count(groups)

    def add(self, groups: list[list[int]]) -> None:
        self.rounds.append(groups)
        self._count(groups)

    def _count(self, groups: list[list[int]]) -> None:
        where = [0] * len(self.met)
        for index, members in enumerate(groups):
            for position, a in enumerate(members):
                where[a] = index
                for b in members[position + 1 :]:
                    self._meet(a, b, 1)
        self.group_of.append(where)

    def _meet(self, a: int, b: int, change: int) -> None:
        met = self.met
        met[a][b] += change
        met[b][a] += change
        pair = (a, b) if a < b else (b, a)
        if met[a][b] > 1:
            self.twice.add(pair)
        else:
            self.twice.discard(pair)

    def repeats(self) -> int:
        return sum(self.met[a][b] - 1 for a, b in self.twice)

    def swap(self, round_: int, a: int, c: int) -> None:
        where = self.group_of[round_]
        ours, theirs = self.rounds[round_][where[a]], self.rounds[round_][where[c]]
        for x in ours:
            if x != a:
                self._meet(a, x, -1)
                self._meet(c, x, 1)
        for y in theirs:
            if y != c:
                self._meet(c, y, -1)
                self._meet(a, y, 1)
        ours[ours.index(a)] = c
        theirs[theirs.index(c)] = a
        where[a], where[c] = where[c], where[a]


def extended(
    *, rounds: Rounds, people: int, sizes: list[int], most: int, work: int, seed: str
) -> Rounds:
    """The longest repeat-free schedule found by adding rounds to `rounds` (at most `most`).

    `rounds` must be repeat-free over points 0..people-1 with groups of `sizes`; what is
    returned is too, and never shorter. `work` bounds the swaps looked at, in all.
    """
    rng = Random(seed)
    best = [[list(members) for members in groups] for groups in rounds]
    left = work
    while len(best) < most and left > 0:
        schedule = _Schedule(people=people, rounds=best)
        schedule.add(_greedy_round(schedule.met, sizes=sizes, rng=rng))
        # A round that cannot be added costs one share, not all the work left.
        share = min(left, work // _SHARES, _PER_PERSON * people)
        found, spent = _search(schedule, rng=rng, work=share)
        left -= spent
        if not found:
            break
        best = schedule.rounds
    return best


def _greedy_round(met: list[list[int]], *, sizes: list[int], rng: Random) -> list[list[int]]:
    """A round whose groups each take, seat by seat, who met the group's members least."""
    left = list(range(len(met)))
    rng.shuffle(left)
    groups = []
    for size in sizes:
        members = [left.pop()]
        while len(members) < size:
            costs = [sum(met[person][m] for m in members) for person in left]
            lowest = min(costs)
            choice = rng.choice([i for i, cost in enumerate(costs) if cost == lowest])
            members.append(left.pop(choice))
        groups.append(members)
    return groups


def _search(schedule: _Schedule, *, rng: Random, work: int) -> tuple[bool, int]:
    """(whether no pair meets twice any more, work spent): tabu search over swaps."""
    repeats = schedule.repeats()
    best = repeats
    stalled = step = spent = 0
    tabu: dict[tuple[int, int, int], int] = {}
    count = len(schedule.rounds)
    met = schedule.met
    people = len(met)
    while repeats > 0:
        if spent >= work:
            return False, spent
        step += 1
        a, b = rng.choice(sorted(schedule.twice))
        together = [r for r in range(count) if schedule.group_of[r][a] == schedule.group_of[r][b]]
        round_ = rng.choice(together)
        where = schedule.group_of[round_]
        groups = schedule.rounds[round_]
        lowest: int | None = None
        moves: list[tuple[int, int]] = []
        for mover in (a, b):
            home = where[mover]
            met_m = met[mover]
            rest = [x for x in groups[home] if x != mover]
            # What the mover leaves behind, and whom of each group it met: the same for every
            # swap it makes in this round (Dotú & Van Hentenryck's incremental evaluation).
            leaves = sum(met_m[x] > 1 for x in rest)
            seen = [sum(met_m[y] >= 1 for y in members) for members in groups]
            for other in range(people):
                there = where[other]
                if there == home:
                    continue
                spent += 1
                met_o = met[other]
                change = seen[there] - (met_m[other] >= 1) - leaves
                for x in rest:
                    change += met_o[x] >= 1
                for y in groups[there]:
                    if y != other:
                        change -= met_o[y] > 1
                key = (round_, min(mover, other), max(mover, other))
                if tabu.get(key, 0) > step and repeats + change >= best:
                    continue
                if lowest is None or change < lowest:
                    lowest, moves = change, [(mover, other)]
                elif change == lowest:
                    moves.append((mover, other))
        if lowest is None:
            continue
        mover, other = rng.choice(moves)
        schedule.swap(round_, mover, other)
        repeats += lowest
        tabu[(round_, min(mover, other), max(mover, other))] = step + rng.randint(
            _TABU_MIN, _TABU_MAX
        )
        if repeats < best:
            best, stalled = repeats, 0
            continue
        stalled += 1
        if stalled > _STALL:
            for _ in range(_SHAKES):
                round_ = rng.randrange(count)
                a, c = rng.sample(range(people), 2)
                if schedule.group_of[round_][a] != schedule.group_of[round_][c]:
                    schedule.swap(round_, a, c)
            repeats = best = schedule.repeats()
            stalled = 0
    return True, spent


# Swaps looked at when the worker makes a plan: a few seconds of CPU, spent only where the
# constructions stop short of the bound.
PLAN_SEARCH_WORK = 1_500_000


@lru_cache(maxsize=64)
def planned_schedule(people: int, group_size: int) -> tuple[str, Rounds]:
    """best_schedule, lengthened by the search when it stops short of the bound.

    Remembered per size like best_schedule: callers must not change the rounds.
    """
    name, rounds = best_schedule(people=people, group_size=group_size)
    most = bound(people=people, group_size=group_size)
    if not rounds or len(rounds) >= most:
        return name, rounds
    longer = extended(
        rounds=rounds,
        people=people,
        sizes=group_sizes(participants=people, group_size=group_size),
        most=most,
        work=PLAN_SEARCH_WORK,
        seed=f"vcoffee-schedule-search:{people}:{group_size}",
    )
    if len(longer) > len(rounds):
        return f"{name} + search", longer
    return name, rounds
