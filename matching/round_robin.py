"""Continuing a round-robin when the recent pair rounds of a fixed population follow one.

In the circle round-robin on n people (n even, m = n - 1), one person is labelled "infinity" and
the others 0..m-1; round j pairs infinity with j and a with b whenever a + b = 2j (mod m). Its m
rounds use every pair exactly once. If the counted history is a set of rounds of some such
labelling, the next round is taken from that labelling's unused rounds, so later rounds can still
be repeat-free up to the limit of n - 1 rounds; a matcher that only avoids repeats this round
tends to leave a remainder that cannot be split into pairs long before that.
"""

from __future__ import annotations

import sys
from random import Random

from matching.problem import Problem, breaks_a_block

LARGEST = 1000
_WORK = 400_000
_SCORED_ROUNDS = 64


class _OutOfWork(Exception):
    """The labelling search used up its budget."""


class _Labelling:
    """A partial labelling of people and rounds, with constraint propagation."""

    def __init__(self, partners: list[list[int]], work: list[int]) -> None:
        self.partners = partners
        n = len(partners[0])
        self.m = n - 1
        self.infinity = n - 1
        self.label = [-1] * n
        self.holder = [-1] * n
        self.index = [-1] * len(partners)
        self.round_of = [-1] * self.m
        self.work = work
        self._people: list[int] = []
        self._rounds: list[int] = []

    def copy(self) -> _Labelling:
        twin = _Labelling.__new__(_Labelling)
        twin.partners = self.partners
        twin.m = self.m
        twin.infinity = self.infinity
        twin.label = self.label[:]
        twin.holder = self.holder[:]
        twin.index = self.index[:]
        twin.round_of = self.round_of[:]
        twin.work = self.work
        twin._people = []
        twin._rounds = []
        return twin

    def set_label(self, person: int, value: int) -> bool:
        if self.label[person] == value:
            return True
        if self.label[person] != -1 or self.holder[value] != -1:
            return False
        self.label[person] = value
        self.holder[value] = person
        self._people.append(person)
        return True

    def set_index(self, round_number: int, value: int) -> bool:
        if self.index[round_number] == value:
            return True
        if self.index[round_number] != -1 or self.round_of[value] != -1:
            return False
        self.index[round_number] = value
        self.round_of[value] = round_number
        self._rounds.append(round_number)
        return True

    def _edge(self, round_number: int, person: int, partner: int) -> bool:
        mine = self.label[person]
        theirs = self.label[partner]
        known = self.index[round_number]
        infinity = self.infinity
        if mine == infinity or theirs == infinity:
            other, other_label = (partner, theirs) if mine == infinity else (person, mine)
            if other_label == infinity:
                return False
            if other_label != -1:
                return self.set_index(round_number, other_label)
            return known == -1 or self.set_label(other, known)
        if known != -1:
            return self.set_label(partner, (2 * known - mine) % self.m)
        if theirs != -1:
            return self.set_index(round_number, (mine + theirs) * ((self.m + 1) // 2) % self.m)
        return True

    def propagate(self) -> bool:
        partners = self.partners
        while self._people or self._rounds:
            self.work[0] -= 1
            if self.work[0] < 0:
                raise _OutOfWork
            if self._people:
                person = self._people.pop()
                for round_number, table in enumerate(partners):
                    if not self._edge(round_number, person, table[person]):
                        return False
            else:
                round_number = self._rounds.pop()
                table = partners[round_number]
                for person, label in enumerate(self.label):
                    if label != -1 and not self._edge(round_number, person, table[person]):
                        return False
        return True


def _solve(state: _Labelling, order: list[int]) -> _Labelling | None:
    if not state.propagate():
        return None
    infinity_person = state.holder[state.infinity]
    choice = next(
        (
            table[infinity_person]
            for table in state.partners
            if state.label[table[infinity_person]] == -1
        ),
        None,
    )
    if choice is None:
        choice = next((person for person in order if state.label[person] == -1), None)
    if choice is None:
        return state
    for value in order:
        if value == state.infinity or state.holder[value] != -1:
            continue
        attempt = state.copy()
        attempt.set_label(choice, value)
        solved = _solve(attempt, order)
        if solved is not None:
            return solved
    return None


def _partner_tables(problem: Problem) -> list[list[int]] | None:
    """Each counted round as a partner table, if each is a perfect matching of everyone."""
    n = problem.size
    tables = []
    seen: set[int] = set()
    for groups in problem.recent_rounds:
        table = [-1] * n
        for members in groups:
            if len(members) != 2:
                return None
            a, b = members
            key = problem.key(a, b)
            if a == b or table[a] != -1 or table[b] != -1 or key in seen:
                return None
            seen.add(key)
            table[a] = b
            table[b] = a
        if -1 in table:
            return None
        tables.append(table)
    return tables


def next_round(*, problem: Problem, rng: Random) -> list[list[int]] | None:
    """A round that continues a round-robin the history follows, or None when there is none."""
    n = problem.size
    if n < 4 or n % 2 or n > LARGEST or not 1 <= len(problem.counted) <= n - 2:
        return None
    tables = _partner_tables(problem)
    if tables is None:
        return None
    order = list(range(n))
    rng.shuffle(order)
    work = [_WORK]
    found = None
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, n + 200))
    try:
        for infinity_person in order:
            state = _Labelling(tables, work)
            state.set_label(infinity_person, state.infinity)
            state.set_index(0, 0)
            found = _solve(state, order)
            if found is not None:
                break
    except _OutOfWork:
        return None
    finally:
        sys.setrecursionlimit(limit)
    if found is None:
        return None
    return _cheapest_unused_round(problem=problem, labelling=found, rng=rng)


def _cheapest_unused_round(
    *, problem: Problem, labelling: _Labelling, rng: Random
) -> list[list[int]] | None:
    m = labelling.m
    holder = labelling.holder
    unused = [value for value in range(m) if labelling.round_of[value] == -1]
    best: list[list[int]] | None = None
    best_cost = 0
    for value in rng.sample(unused, min(len(unused), _SCORED_ROUNDS)):
        pairs = [[holder[labelling.infinity], holder[value]]]
        pairs += [
            [holder[(value - step) % m], holder[(value + step) % m]]
            for step in range(1, m // 2 + 1)
        ]
        cost = sum(problem.group_cost(pair) for pair in pairs)
        if breaks_a_block(cost):
            continue
        if best is None or cost < best_cost:
            best, best_cost = pairs, cost
    return best
