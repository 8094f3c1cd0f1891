"""Resolvable group divisible designs developed mod m whose copies move round: the people who
never meet form the design's groups, given rather than searched.

Such a design splits the people into groups of g who never meet, while every other pair meets
exactly once, in rounds of groups of k: (n - g) / (k - 1) rounds, the bound when g < k. Two
types are built here, each with c = k - 1 copies of Z_m (point j * m + x standing for x in copy
j) and a few fixed points; adding t to every x (fixed points stay) turns one base round into m
rounds, as in matching/cyclic.py, and the base round must cover every orbit of pairs under the
shifts, other than the groups', exactly once (counting shows it then has exactly a round's).

- Type (k - 1)^u, n = c(m + 1) with m odd and k dividing m + 1: fixed points ∞_0..∞_(c-1) form
  one group, each {(x, 0), ..., (x, c - 1)} another. The 4-RGDDs of type 3^u (n ≡ 0 mod 12: 36
  people in fours for 11 rounds, 48 for 15, 60 for 19, 72 for 23) and the nearly Kirkman triple
  systems of order 0 mod 12 (48 people in threes for 23 rounds).
- Type 2^u, n = c * m + 2 with m even, k dividing m - 2 and c odd: the two fixed points form a
  group, and so does each pair {x, x + m / 2} of one copy. The 4-RGDDs of type 2^u for m ≡ 2
  mod 4 with a unit of order 3 mod m (44 people in fours for 14 rounds; 56 is not found within
  the budget).

The base round is sought invariant under moving every point (x, j) to (u * x, j + 1), with u = 1
for the first type (where ∞_i moves to ∞_(i+1)) and u of order c for the second (where the
fixed points stay, each in a block with one set (x, u * x, u^2 * x, ...) across the copies, the
first at x = 0, the one set that the move fixes). The other blocks then come c at a time, one
of each set having its smallest x in copy 0, and the search runs on these sets of x alone: each
x lies in one block, with a copy for each of its points, and a pair of a block covers, with its
images, one set of pair orbits, a bit of an integer, so a depth-first search over x is quick:
the fixed points' blocks (for the first type ∞_0's block, one point in each copy, the first at
0, as every base round may be shifted), then from the smallest x not yet taken. Restarted in a
fresh order when an attempt has looked at its points, the attempts growing in the Luby
sequence, within the budget the schedule gives it (a quarter of its work: about a second of CPU
where it fails).
"""

from __future__ import annotations

import sys
from math import gcd
from random import Random

from matching.cyclic import Budget, Rounds, develop

# Points the shortest attempt may look at (each option weighed against each point of its block,
# as in matching/cyclic.py: 2-4 million a second). With 4.5 million in all, over eight seeds
# and attempts of 300,000, 60 people in fours were found for six, 56 for two and 72 for one.
_ATTEMPT_WORK = 600_000

Point = tuple[int, int]


class _OutOfWork(Exception):
    """The attempt visited its nodes."""


def group_divisible_rounds(*, people: int, group_size: int, budget: Budget) -> Rounds | None:
    """The m rounds of a design above for n people in groups of k, or None; the search looks at
    no more points than the budget holds."""
    shape = _shape(people, group_size)
    if shape is None:
        return None
    modulus, unit, rotating = shape
    copies = group_size - 1
    search = _Search(modulus=modulus, copies=copies, group_size=group_size, unit=unit)
    rng = Random(f"vcoffee-group-divisible:{people}:{group_size}")
    attempt = 0
    while budget.left > 0:
        attempt += 1
        work = min(budget.left, _ATTEMPT_WORK * _luby(attempt))
        found = search.run(rng=rng, work=work, rotating=rotating)
        budget.left -= work - max(search.left, 0)
        if found is not None:
            base = _base_round(found, modulus=modulus, copies=copies, unit=unit, rotating=rotating)
            return develop(base=base, modulus=modulus, copies=copies)
        if search.exhausted:
            return None
    return None


def _shape(people: int, group_size: int) -> tuple[int, int, bool] | None:
    """(m, u, whether the fixed points move round) of the design for n and k, or None.

    Type (k - 1)^u: n = (k - 1)(m + 1), m odd, k dividing m + 1, u = 1. Type 2^u: n = (k - 1)m + 2,
    m even, k dividing m - 2, k - 1 odd and u of order k - 1 mod m (the smallest such).
    """
    k = group_size
    copies = k - 1
    if k < 3:
        return None
    if people % copies == 0:
        modulus = people // copies - 1
        if modulus % 2 and (modulus + 1) % k == 0 and modulus >= 3:
            return modulus, 1, True
    if (people - 2) % copies == 0 and copies % 2:
        modulus = (people - 2) // copies
        if modulus % 2 == 0 and (modulus - 2) % k == 0 and modulus >= 4:
            for unit in range(2, modulus):
                if gcd(unit, modulus) == 1 and _order(unit, modulus) == copies:
                    return modulus, unit, False
    return None


def _order(unit: int, modulus: int) -> int:
    order, power = 1, unit
    while power != 1:
        power = power * unit % modulus
        order += 1
    return order


class _Search:
    """Depth-first search for the blocks of one base round, one per set moved round the copies.

    A block is a list of (x, copy): the point of that copy in the set of x (u^copy * x).
    """

    def __init__(self, *, modulus: int, copies: int, group_size: int, unit: int) -> None:
        self.m = modulus
        self.copies = copies
        self.k = group_size
        self.powers = [pow(unit, step, modulus) for step in range(copies)]
        keys: dict[tuple[int, int], int] = {}
        # bits[j][e]: the pair orbits covered by (x, i) and (y, i + j), e = u^j * y - x, and by
        # their images. Pairs x, x + m / 2 of one copy are a group of the design: never covered.
        self.bits = [[0] * modulus for _ in range(copies)]
        for step in range(copies):
            back = self.powers[-step % copies]
            for e in range(modulus):
                if step == 0 and 2 * e % modulus == 0:
                    continue
                key = min((step, e), (-step % copies, -back * e % modulus))
                self.bits[step][e] = 1 << keys.setdefault(key, len(keys))
        self.left = 0
        self.exhausted = False
        self.blocks: list[list[Point]] = []

    def run(self, *, rng: Random, work: int, rotating: bool) -> list[list[Point]] | None:
        """The blocks, the first holding the fixed points' points, or None when the attempt
        fails: with `rotating`, ∞_0's block, one point in each copy; otherwise two blocks, each
        a fixed point and one set of x in every copy, the first x being 0."""
        self.left = work
        self.blocks = []
        everyone = (1 << self.m) - 1
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 4 * self.m + 200))
        try:
            if rotating:
                found = self._rotating([(0, 0)], everyone & ~1, 0, rng)
            else:
                found = self._standing(everyone, rng)
        except _OutOfWork:
            return None
        finally:
            sys.setrecursionlimit(limit)
        self.exhausted = not found
        return self.blocks if found else None

    def _spend(self, work: int) -> None:
        self.left -= work
        if self.left < 0:
            raise _OutOfWork

    def _covered(self, block: list[Point], x: int, copy: int, used: int) -> int:
        """The orbits (x, copy) adds to the block, or -1 when one is covered or met twice."""
        added = 0
        for other, other_copy in block:
            step = (copy - other_copy) % self.copies
            bit = self.bits[step][(self.powers[step] * x - other) % self.m]
            if not bit or bit & (used | added):
                return -1
            added |= bit
        return added

    def _rotating(self, block: list[Point], free: int, used: int, rng: Random) -> bool:
        """∞_0's block: one point in each copy."""
        copy = len(block)
        if copy == self.copies:
            self.blocks.append(list(block))
            if self._fill(free, used, rng):
                return True
            self.blocks.pop()
            return False
        self._spend(1 + self.m * len(block))
        options = [x for x in range(self.m) if free >> x & 1]
        rng.shuffle(options)
        for x in options:
            added = self._covered(block, x, copy, used)
            if added < 0:
                continue
            block.append((x, copy))
            if self._rotating(block, free & ~(1 << x), used | added, rng):
                return True
            block.pop()
        return False

    def _standing(self, free: int, rng: Random) -> bool:
        """The blocks of the two fixed points, each fixed point with one x in every copy: the
        moves leave them in place, so their pairs from copy 0 to each other copy are all new."""
        options = [x for x in range(1, self.m) if free >> x & 1]
        rng.shuffle(options)
        first = self._whole(0, 0)
        if first < 0:
            return False
        for x in options:
            self._spend(1)
            second = self._whole(x, first)
            if second < 0:
                continue
            self.blocks = [[(0, copy) for copy in range(self.copies)]]
            self.blocks.append([(x, copy) for copy in range(self.copies)])
            if self._fill(free & ~1 & ~(1 << x), first | second, rng):
                return True
        self.blocks = []
        return False

    def _whole(self, x: int, used: int) -> int:
        """The orbits covered by the set of x in every copy, or -1 when one repeats."""
        added = 0
        for step in range(1, self.copies):
            bit = self.bits[step][(self.powers[step] - 1) * x % self.m]
            if bit & used or (bit & added and step <= self.copies // 2):
                return -1
            added |= bit
        return added

    def _fill(self, free: int, used: int, rng: Random) -> bool:
        if not free:
            return True
        self._spend(1)
        x = (free & -free).bit_length() - 1
        return self._grow([(x, 0)], free & ~(1 << x), used, rng)

    def _grow(self, block: list[Point], free: int, used: int, rng: Random) -> bool:
        if len(block) == self.k:
            self.blocks.append(list(block))
            if self._fill(free, used, rng):
                return True
            self.blocks.pop()
            return False
        last = block[-1][0]
        options = [
            (x, copy)
            for x in range(last + 1, self.m)
            if free >> x & 1
            for copy in range(self.copies)
        ]
        self._spend(1 + len(options) * len(block))
        rng.shuffle(options)
        for x, copy in options:
            added = self._covered(block, x, copy, used)
            if added < 0:
                continue
            block.append((x, copy))
            if self._grow(block, free & ~(1 << x), used | added, rng):
                return True
            block.pop()
        return False


def _base_round(
    blocks: list[list[Point]], *, modulus: int, copies: int, unit: int, rotating: bool
) -> list[list[int]]:
    """Each block moved round the copies; with `rotating`, the first, ∞_0's, takes ∞_t along
    when moved t on; otherwise the first two are the fixed points' and stay."""
    cyclic = copies * modulus
    powers = [pow(unit, step, modulus) for step in range(copies)]
    base = []
    for number, block in enumerate(blocks):
        if not rotating and number < 2:
            base.append(
                [cyclic + number, *(c * modulus + powers[c] * x % modulus for x, c in block)]
            )
            continue
        for turn in range(copies):
            points = [
                (copy + turn) % copies * modulus + powers[(copy + turn) % copies] * x % modulus
                for x, copy in block
            ]
            base.append([cyclic + turn, *points] if rotating and number == 0 else points)
    return base


def _luby(number: int) -> int:
    """The Luby sequence 1, 1, 2, 1, 1, 2, 4, 1, ...: attempt lengths for a heavy-tailed search
    whose best cut-off is unknown, within a small factor of the best one."""
    power = 1
    while (1 << power) - 1 < number:
        power += 1
    if number == (1 << power) - 1:
        return 1 << (power - 1)
    return _luby(number - (1 << (power - 1)) + 1)
