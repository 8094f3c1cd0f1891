"""Local search that repairs costly groups by swapping members between groups.

Only costly groups (a block, a repeat, no common window or a same-team pair)
are worked on, so the work follows the conflicts rather than the number of people. Small rounds
get a tabu search over every swap (it may step uphill to leave a local minimum); large rounds get
a descent over swap partners drawn from shared windows and at random.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from random import Random

from matching.problem import Problem, breaks_a_block, is_costly, window_cost
from matching.slots import ANY_TIME
from matching.window_index import WindowIndex

SMALL = 400
_SAMPLES = 8
# Pair costs a tabu search may evaluate, per person, without finding a better grouping.
_TABU_PATIENCE_PER_PERSON = 2000
_TABU_MOST_PATIENCES = 10


class Grouping:
    """Groups with each group's pair cost and window cost kept up to date under swaps."""

    def __init__(self, problem: Problem, groups: list[list[int]]) -> None:
        self.problem = problem
        self.groups = groups
        self.where = [0] * problem.size
        for number, members in enumerate(groups):
            for person in members:
                self.where[person] = number
        self.pairs = [problem.pair_sum(members) for members in groups]
        self.windows = [self._window(members) for members in groups]
        # A small round is searched through every swap many times over: its pair costs are
        # worked out once, and a swap looks them up by row.
        self.rows = problem.cost_rows() if problem.size <= SMALL else None

    def _costs_of(self, person: int) -> Callable[[int], int]:
        """The pair cost of `person` with anyone, as a function of the other person."""
        if self.rows is not None:
            return self.rows[person].__getitem__
        return functools.partial(self.problem.pair_cost, person)

    def _window(self, members: Iterable[int]) -> int:
        return window_cost(self.problem.common(members))

    def cost(self, group: int) -> int:
        return self.pairs[group] + self.windows[group]

    def total(self) -> int:
        return sum(self.pairs) + sum(self.windows)

    def costly(self) -> list[int]:
        return [number for number in range(len(self.groups)) if is_costly(self.cost(number))]

    def best_swap(
        self,
        *,
        group: int,
        partners: Iterable[tuple[int, Iterable[int]]],
        rng: Random,
        allowed: dict[tuple[int, int], int] | None = None,
        iteration: int = 0,
        aspiration: int = 0,
    ) -> tuple[int, int, int] | None:
        """The cheapest swap (delta, x, y) of a member x of `group` with a y from the candidates.

        `partners` gives, for each member x, the people y to consider. With `allowed`, a swap that
        brings someone back into a group they recently left is skipped unless it beats
        `aspiration`. Ties are broken at random.
        """
        problem = self.problem
        masks = problem.masks
        groups = self.groups
        where = self.where
        own = groups[group]
        own_cost = self.cost(group)
        best: tuple[int, int, int] | None = None
        ties = 0
        for x, candidates in partners:
            x_cost = self._costs_of(x)
            rest = [member for member in own if member != x]
            rest_mask = problem.common(rest)
            rest_pairs = self.pairs[group] - sum(x_cost(member) for member in rest)
            for y in candidates:
                other = where[y]
                if other == group:
                    continue
                if allowed is not None and (
                    allowed.get((x, other), -1) > iteration
                    or allowed.get((y, group), -1) > iteration
                ):
                    tabu = True
                else:
                    tabu = False
                theirs = groups[other]
                y_cost = self._costs_of(y)
                x_there = 0
                y_there = 0
                their_mask = ANY_TIME
                for member in theirs:
                    if member != y:
                        x_there += x_cost(member)
                        y_there += y_cost(member)
                        their_mask &= masks[member]
                y_here = 0
                for member in rest:
                    y_here += y_cost(member)
                new_own = rest_pairs + y_here + window_cost(rest_mask & masks[y])
                new_theirs = (
                    self.pairs[other] - y_there + x_there + window_cost(their_mask & masks[x])
                )
                delta = new_own + new_theirs - own_cost - self.cost(other)
                if tabu and delta >= aspiration:
                    continue
                if best is None or delta < best[0]:
                    best = (delta, x, y)
                    ties = 1
                elif delta == best[0]:
                    ties += 1
                    if rng.randrange(ties) == 0:
                        best = (delta, x, y)
        return best

    def swap(self, x: int, y: int) -> tuple[int, int]:
        """Exchange x and y between their groups; returns (x's old group, y's old group)."""
        here = self.where[x]
        there = self.where[y]
        own = self.groups[here]
        theirs = self.groups[there]
        own[own.index(x)] = y
        theirs[theirs.index(y)] = x
        self.where[x] = there
        self.where[y] = here
        for number in (here, there):
            members = self.groups[number]
            self.pairs[number] = self.problem.pair_sum(members)
            self.windows[number] = self._window(members)
        return here, there


def improve(
    *, problem: Problem, groups: list[list[int]], index: WindowIndex, rng: Random
) -> list[list[int]]:
    """Lower the cost of the grouping by swaps; returns the best grouping found."""
    if len(groups) < 2:
        return groups
    state = Grouping(problem, groups)
    if problem.size <= SMALL:
        return _tabu(state, rng)
    _descend(state, index, rng)
    return state.groups


def clear_blocks(*, problem: Problem, groups: list[list[int]], rng: Random) -> list[list[int]]:
    """Swap blocked people out of their groups, looking at everyone as a partner."""
    state = Grouping(problem, groups)
    everyone = range(problem.size)
    for _ in range(4 * len(groups) + 4):
        blocked = [number for number in range(len(groups)) if breaks_a_block(state.pairs[number])]
        if not blocked:
            break
        group = blocked[rng.randrange(len(blocked))]
        move = state.best_swap(
            group=group, partners=[(x, everyone) for x in state.groups[group]], rng=rng
        )
        if move is None or move[0] >= 0:
            break
        state.swap(move[1], move[2])
    return state.groups


def _tabu(state: Grouping, rng: Random) -> list[list[int]]:
    size = state.problem.size
    everyone = range(size)
    patience = _TABU_PATIENCE_PER_PERSON * size
    tenure_base = max(3, size // 8)
    allowed: dict[tuple[int, int], int] = {}
    best_total = state.total()
    best_groups = [list(members) for members in state.groups]
    iteration = 0
    since_best = 0
    spent = 0
    while since_best < patience and spent < _TABU_MOST_PATIENCES * patience:
        costly = state.costly()
        if not costly:
            break
        iteration += 1
        group = costly[rng.randrange(len(costly))]
        total = state.total()
        move = state.best_swap(
            group=group,
            partners=[(x, everyone) for x in state.groups[group]],
            rng=rng,
            allowed=allowed,
            iteration=iteration,
            aspiration=best_total - total,
        )
        work = len(state.groups[group]) ** 2 * size
        since_best += work
        spent += work
        if move is None:
            continue
        delta, x, y = move
        here, there = state.swap(x, y)
        allowed[(x, here)] = iteration + tenure_base + rng.randrange(tenure_base)
        allowed[(y, there)] = iteration + tenure_base + rng.randrange(tenure_base)
        if total + delta < best_total:
            # Gains in shared topics alone do not buy more time: they are the least important.
            if is_costly(best_total - (total + delta)):
                since_best = 0
            best_total = total + delta
            best_groups = [list(members) for members in state.groups]
    return best_groups


def _descend(state: Grouping, index: WindowIndex, rng: Random) -> None:
    problem = state.problem
    size = problem.size
    costly = state.costly()
    listed = bytearray(len(state.groups))
    for number in costly:
        listed[number] = 1
    budget = 1000 + 30 * len(costly)
    while costly and budget > 0:
        budget -= 1
        position = rng.randrange(len(costly))
        group = costly[position]
        if not is_costly(state.cost(group)):
            costly[position] = costly[-1]
            costly.pop()
            listed[group] = 0
            continue
        partners = []
        for x in state.groups[group]:
            rest_mask = problem.common(member for member in state.groups[group] if member != x)
            drawn = index.sample(mask=rest_mask, rng=rng, count=_SAMPLES)
            drawn += [rng.randrange(size) for _ in range(_SAMPLES)]
            partners.append((x, drawn))
        move = state.best_swap(group=group, partners=partners, rng=rng)
        if move is None or move[0] > 0 or (move[0] == 0 and rng.randrange(2)):
            continue
        for number in state.swap(move[1], move[2]):
            if not listed[number] and is_costly(state.cost(number)):
                listed[number] = 1
                costly.append(number)
