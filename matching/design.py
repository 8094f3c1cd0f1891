"""Resolvable transversal designs: q repeat-free rounds of groups of k for k * q people.

With q a prime power at least k, people become cells (row i < k, column c in GF(q)); round t
puts (i, j + x_i * t) together for each column j, x_i being distinct field elements. Two people
of different rows meet in exactly one round and people of one row never meet, so the q rounds
are repeat-free. Choosing each round only to avoid the past soon runs out of options (32 people
in fours get stuck after about seven rounds); following the design guarantees q of them.

The cell of each person comes from the set of participant ids alone, so every round of a fixed
population sees the same design whatever the seed; the seed picks among the unused rounds.
"""

from __future__ import annotations

import hashlib
from random import Random

from matching.problem import BLOCKED, Problem

LARGEST = 2000
_SCORED_ROUNDS = 32


class Field:
    """GF(p^e) on 0..q-1 (base-p digits are polynomial coefficients), via a primitive polynomial."""

    def __init__(self, prime: int, power: int) -> None:
        self.p = prime
        self.q = int(prime**power)
        self.power = power
        self.exp: list[int]
        self.log: dict[int, int]
        self.exp, self.log = self._tables()

    def _digits(self, value: int) -> list[int]:
        return [value // int(self.p**place) % self.p for place in range(self.power)]

    def _number(self, digits: list[int]) -> int:
        return sum(digit * int(self.p**place) for place, digit in enumerate(digits))

    def add(self, a: int, b: int) -> int:
        if self.p == 2:
            return a ^ b
        digits = zip(self._digits(a), self._digits(b), strict=True)
        return self._number([(x + y) % self.p for x, y in digits])

    def mul(self, a: int, b: int) -> int:
        if a == 0 or b == 0:
            return 0
        return self.exp[(self.log[a] + self.log[b]) % (self.q - 1)]

    def _tables(self) -> tuple[list[int], dict[int, int]]:
        # Try monic polynomials x^e + tail until x generates the whole multiplicative group.
        for tail in range(1, self.q):
            tail_digits = self._digits(tail)
            element = [0] * self.power
            element[0] = 1
            exp = []
            for _ in range(self.q - 1):
                exp.append(self._number(element))
                carry = element[-1]
                element = [0, *element[:-1]]
                element = [
                    (d - carry * t) % self.p for d, t in zip(element, tail_digits, strict=True)
                ]
            if len(set(exp)) == self.q - 1 and self._number(element) == 1:
                return exp, {value: index for index, value in enumerate(exp)}
        raise ValueError(f"no primitive polynomial for GF({self.q})")


def prime_power(value: int) -> tuple[int, int] | None:
    """(p, e) with p^e == value, or None."""
    if value < 2:
        return None
    prime = next(d for d in range(2, value + 1) if value % d == 0)
    power = 0
    while value % prime == 0:
        value //= prime
        power += 1
    return (prime, power) if value == 1 else None


def _cells(problem: Problem, rows: int) -> list[int]:
    """A fixed order of the people, derived from their ids; position = row * q + column."""
    digest = hashlib.sha256("\n".join(sorted(problem.ids)).encode()).digest()
    order = sorted(range(problem.size), key=problem.ids.__getitem__)
    Random(digest).shuffle(order)
    return order


def design_rounds(*, problem: Problem, group_size: int) -> list[list[list[int]]] | None:
    """All q rounds of the population's design, or None when k * q people do not fit one."""
    n = problem.size
    if group_size < 3 or n > LARGEST or n % group_size:
        return None
    columns = n // group_size
    factors = prime_power(columns)
    if factors is None or columns < group_size:
        return None
    field = Field(*factors)
    placed = _cells(problem, group_size)
    rounds = []
    for t in range(columns):
        shifts = [field.mul(row, t) for row in range(group_size)]
        rounds.append(
            [
                [placed[row * columns + field.add(j, shifts[row])] for row in range(group_size)]
                for j in range(columns)
            ]
        )
    return rounds


def next_design_round(*, problem: Problem, group_size: int, rng: Random) -> list[list[int]] | None:
    """An unused round of the design when every counted round is one of its rounds."""
    rounds = design_rounds(problem=problem, group_size=group_size)
    if rounds is None:
        return None
    signature = {_signature(groups): number for number, groups in enumerate(rounds)}
    used = set()
    for past in problem.recent_rounds:
        number = signature.get(_signature(past))
        if number is None or number in used:
            return None
        used.add(number)
    unused = [number for number in range(len(rounds)) if number not in used]
    best: list[list[int]] | None = None
    best_cost = BLOCKED
    for number in rng.sample(unused, min(len(unused), _SCORED_ROUNDS)):
        cost = sum(problem.group_cost(members) for members in rounds[number])
        if cost < best_cost:
            best, best_cost = rounds[number], cost
    return best


def _signature(groups: list[list[int]]) -> frozenset[frozenset[int]]:
    return frozenset(frozenset(members) for members in groups)
