"""Resolvable group divisible designs of type (k - 1)^u developed mod m, their copies rotating.

Such a design splits n = (k - 1) * u people into u groups of k - 1 who never meet, while every
other pair meets exactly once, in m = u - 1 rounds of groups of k: the bound, since each person
meets the n - (k - 1) people outside their group, k - 1 a round. For fours these are the
4-RGDDs of type 3^u (n ≡ 0 mod 12: 36 people for 11 rounds, 48 for 15), for threes the nearly
Kirkman triple systems of order 0 mod 12 (48 people for 23 rounds).

People become c = k - 1 copies of Z_m (point j * m + x standing for x in copy j) and c fixed
points ∞_0, ..., ∞_{c-1}; adding t to every x (fixed points stay) turns one base round into m
rounds, as in matching/cyclic.py. The groups of the design are given, not searched: the fixed
points form one, and each {(x, 0), ..., (x, c - 1)} another, so the base round must cover every
other orbit of pairs under the shifts exactly once (counting them shows that it then has exactly
the pairs of a round: it needs m odd and k dividing m + 1).

The base round is sought invariant under moving every point one copy on and ∞_i to ∞_(i+1).
Its blocks then come c at a time, one of each set having a point in copy 0 at the smallest x it
holds, and the search runs on x alone: each x lies in one such block, with a copy for each of
its points, and a pair (x, i), (y, j) of a block covers, with its images, the pair orbits of
difference d = y - x from each copy to the one j - i further on, the same as (-d, i - j). Both
are bits of integers, so a depth-first search over x is quick: the block of ∞_0, one point in
each copy (the first at 0, as every base round may be shifted), then from the smallest x not
yet taken. Restarted in a fresh order when an attempt has visited its nodes, the attempts
growing in the Luby sequence; a size where it fails costs about two seconds of CPU.
"""

from __future__ import annotations

import sys
from random import Random

from matching.cyclic import Rounds, develop

# Nodes the shortest attempt may visit, and all attempts together (about two seconds of CPU).
# Over eight seeds, 60 people in fours were found in six, within 0.2-1.7 s; 72 in none.
_ATTEMPT_WORK = 150_000
_TOTAL_WORK = 900_000

Point = tuple[int, int]


class _OutOfWork(Exception):
    """The attempt visited its nodes."""


def group_divisible_rounds(*, people: int, group_size: int) -> Rounds | None:
    """The m rounds of the design for n = (k - 1)(m + 1) in groups of k, or None."""
    k = group_size
    copies = k - 1
    if k < 3 or people % copies:
        return None
    modulus = people // copies - 1
    if modulus % 2 == 0 or (modulus + 1) % k or modulus < 3:
        return None
    search = _Search(modulus=modulus, copies=copies, group_size=k)
    rng = Random(f"vcoffee-group-divisible:{people}:{group_size}")
    left = _TOTAL_WORK
    attempt = 0
    while left > 0:
        attempt += 1
        work = min(left, _ATTEMPT_WORK * _luby(attempt))
        found = search.run(rng=rng, work=work)
        if found is not None:
            return develop(base=_base_round(found, modulus, copies), modulus=modulus, copies=copies)
        if search.exhausted:
            return None
        left -= work
    return None


class _Search:
    """Depth-first search for the blocks of one base round, one per set moved round the copies."""

    def __init__(self, *, modulus: int, copies: int, group_size: int) -> None:
        self.m = modulus
        self.copies = copies
        self.k = group_size
        keys: dict[tuple[int, int], int] = {}
        # bits[j][d]: the pair orbits covered by (x, i) and (x + d, i + j) and their images.
        self.bits = [[0] * modulus for _ in range(copies)]
        for step in range(copies):
            for d in range(modulus):
                if step == 0 and d == 0:
                    continue
                key = min((step, d), (-step % copies, -d % modulus))
                self.bits[step][d] = 1 << keys.setdefault(key, len(keys))
        self.left = 0
        self.exhausted = False
        self.blocks: list[list[Point]] = []

    def run(self, *, rng: Random, work: int) -> list[list[Point]] | None:
        """The blocks, the first holding ∞_0's points, or None when the attempt fails."""
        self.left = work
        self.blocks = []
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 4 * self.m + 200))
        try:
            found = self._fixed([(0, 0)], ((1 << self.m) - 1) & ~1, 0, rng)
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
            bit = self.bits[(copy - other_copy) % self.copies][(x - other) % self.m]
            if bit & (used | added):
                return -1
            added |= bit
        return added

    def _fixed(self, block: list[Point], free: int, used: int, rng: Random) -> bool:
        """∞_0's block: one point in each copy."""
        copy = len(block)
        if copy == self.copies:
            self.blocks.append(list(block))
            if self._fill(free, used, rng):
                return True
            self.blocks.pop()
            return False
        self._spend(1)
        options = [x for x in range(self.m) if free >> x & 1]
        rng.shuffle(options)
        for x in options:
            added = self._covered(block, x, copy, used)
            if added < 0:
                continue
            block.append((x, copy))
            if self._fixed(block, free & ~(1 << x), used | added, rng):
                return True
            block.pop()
        return False

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
        self._spend(1 + len(options) // 4)
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


def _base_round(blocks: list[list[Point]], modulus: int, copies: int) -> list[list[int]]:
    """Each block moved round the copies; the first, ∞_0's, takes ∞_t along when moved t on."""
    cyclic = copies * modulus
    base = []
    for number, block in enumerate(blocks):
        for turn in range(copies):
            points = [(copy + turn) % copies * modulus + x for x, copy in block]
            base.append([cyclic + turn, *points] if number == 0 else points)
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
