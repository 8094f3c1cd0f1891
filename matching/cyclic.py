"""Schedules developed from one base round over the integers mod m (a difference family search).

The points are s copies of Z_m, point c * m + x standing for x in copy c, plus t fixed points
(n = s * m + t). Shifting every cyclic point by j (x -> x + j mod m, fixed points stay) turns one
*base round* into m rounds. Two points in one block of the base round cover the whole orbit of
their pair under the shifts: the difference of x values (up to sign) within one copy, the
difference from one copy to another, or the copy that a fixed point meets. When every orbit is
covered at most once, the m rounds are repeat-free: each pair lies in at most one block of them.
This is the classic route to Kirkman triple systems (15 people in threes, 7 rounds), nearly
Kirkman systems and resolvable (3q + 1, 4, 1) designs such as 40 people in fours for 13 rounds.

The base round is found by a depth-first search that always fills the point with the fewest
choices left, with restarts and a work budget, so a failure costs a bounded time.
"""

from __future__ import annotations

import sys
from math import gcd
from random import Random
from typing import NamedTuple

from matching.short_rounds import offset_vectors, orbits, short_round

Rounds = list[list[list[int]]]
_MOST_BASES = 3
# Points one attempt may look at before the next shape or multiplier group is tried.
_ATTEMPT_WORK = 150_000
_RESTARTS = 3


class _OutOfWork(Exception):
    """The search spent its budget."""


class Budget:
    """Work a caller allows for several searches together, counted in points looked at."""

    def __init__(self, work: int) -> None:
        self.left = work

    def spend(self, work: int) -> None:
        self.left -= work
        if self.left < 0:
            raise _OutOfWork


class _Search:
    """Backtracking over base rounds for n = copies * modulus + fixed points.

    With multipliers, every base round is also closed under x -> u * x for each multiplier u:
    a block found brings its images along, which divides the search by the group's order.
    """

    def __init__(
        self,
        *,
        modulus: int,
        copies: int,
        fixed: int,
        sizes: list[int],
        bases: int,
        multipliers: list[int],
        used: set[tuple[int, int, int]],
    ) -> None:
        self.m = modulus
        self.copies = copies
        self.cyclic = modulus * copies
        self.n = self.cyclic + fixed
        self.sizes = sorted(sizes, reverse=True)
        self.bases = bases
        self.multipliers = multipliers
        self.used = set(used)
        self.free = [True] * self.n
        self.left: dict[int, int] = {}
        self.budget = Budget(0)

    def orbit(self, a: int, b: int) -> tuple[int, int, int] | None:
        """The orbit of the pair {a, b}; None when shifting repeats it (it may not be used)."""
        m = self.m
        if a > b:
            a, b = b, a
        if b >= self.cyclic:
            if a >= self.cyclic:
                return None
            return (-1, b, a // m)
        copy_a, x_a = divmod(a, m)
        copy_b, x_b = divmod(b, m)
        if copy_a == copy_b:
            difference = (x_b - x_a) % m
            difference = min(difference, m - difference)
            if 2 * difference == m:
                return None
            return (copy_a, copy_a, difference)
        return (copy_a, copy_b, (x_b - x_a) % m)

    def image(self, point: int, unit: int) -> int:
        if point >= self.cyclic:
            return point
        copy, x = divmod(point, self.m)
        return copy * self.m + x * unit % self.m

    def orbits_with(self, block: list[int], point: int) -> list[tuple[int, int, int]] | None:
        found = []
        for member in block:
            orbit = self.orbit(member, point)
            if orbit is None or orbit in self.used or orbit in found:
                return None
            found.append(orbit)
        return found

    def _spend(self, work: int = 1) -> None:
        self.budget.spend(work)

    def solve(self, blocks: list[list[int]], base: int, rng: Random) -> bool:
        """Fill base round `base` onwards."""
        if base == self.bases:
            return True
        free = self.free
        left = self.left
        self.free = [True] * self.n
        self.left = {}
        for size in self.sizes:
            self.left[size] = self.left.get(size, 0) + 1
        if self.fill(blocks, base, rng):
            return True
        self.free = free
        self.left = left
        return False

    def fill(self, blocks: list[list[int]], base: int, rng: Random) -> bool:
        if not any(self.left.values()):
            return self.solve(blocks, base + 1, rng)
        self._spend()
        # Fixed points first: each needs a block of its own, which constrains the most.
        first = next(
            (point for point in range(self.cyclic, self.n) if self.free[point]),
            self.free.index(True),
        )
        size = max(size for size, count in self.left.items() if count)
        self.free[first] = False
        if self._grow(blocks, [first], size, base, rng):
            return True
        self.free[first] = True
        return False

    def _grow(
        self, blocks: list[list[int]], block: list[int], size: int, base: int, rng: Random
    ) -> bool:
        if len(block) == size:
            return self._close(blocks, block, size, base, rng)
        low = block[-1] + 1 if block[-1] < self.cyclic else 0
        options = [point for point in range(low, self.cyclic) if self.free[point]]
        self._spend(1 + len(options) * len(block))
        rng.shuffle(options)
        for point in options:
            orbits = self.orbits_with(block, point)
            if orbits is None:
                continue
            self.used.update(orbits)
            self.free[point] = False
            block.append(point)
            if self._grow(blocks, block, size, base, rng):
                return True
            block.pop()
            self.free[point] = True
            self.used.difference_update(orbits)
        return False

    def _close(
        self, blocks: list[list[int]], block: list[int], size: int, base: int, rng: Random
    ) -> bool:
        """Add the block and its images under the multipliers, then go on."""
        self._spend(1 + len(self.multipliers) * size * size)
        added = [block[:]]
        points: list[int] = []
        orbits: list[tuple[int, int, int]] = []
        valid = True
        own = set(block)
        for unit in self.multipliers:
            image = sorted(self.image(point, unit) for point in block)
            if set(image) == own or any(set(image) == set(other) for other in added):
                continue
            for position, point in enumerate(image):
                if not self.free[point] or point in points:
                    valid = False
                    break
                for other in image[:position]:
                    orbit = self.orbit(other, point)
                    if orbit is None or orbit in self.used or orbit in orbits:
                        valid = False
                        break
                    orbits.append(orbit)
                if not valid:
                    break
                points.append(point)
            if not valid:
                break
            added.append(image)
        if valid and self.left[size] >= len(added):
            self.left[size] -= len(added)
            for point in points:
                self.free[point] = False
            self.used.update(orbits)
            blocks.extend(added)
            if self.fill(blocks, base, rng):
                return True
            del blocks[len(blocks) - len(added) :]
            self.used.difference_update(orbits)
            for point in points:
                self.free[point] = True
            self.left[size] += len(added)
        return False


def subgroups(modulus: int) -> list[list[int]]:
    """The cyclic groups of units mod `modulus` other than {1}, largest first, without 1."""
    found: dict[frozenset[int], list[int]] = {}
    for unit in range(2, modulus):
        if gcd(unit, modulus) != 1:
            continue
        members = [1]
        power = unit
        while power != 1:
            members.append(power)
            power = power * unit % modulus
        found.setdefault(frozenset(members), sorted(members)[1:])
    return sorted(found.values(), key=len, reverse=True)


def base_rounds(
    *,
    modulus: int,
    copies: int,
    fixed: int,
    sizes: list[int],
    bases: int,
    multipliers: list[int],
    rng: Random,
    budget: Budget,
    used: frozenset[tuple[int, int, int]] = frozenset(),
) -> Rounds | None:
    """`bases` base rounds whose `modulus` shifts are all repeat-free, or None within the budget.

    Pair orbits in `used` are covered already (by short rounds) and stay out of the base rounds.
    """
    if fixed > len(sizes) or modulus < 2:
        return None
    search = _Search(
        modulus=modulus,
        copies=copies,
        fixed=fixed,
        sizes=sizes,
        bases=bases,
        multipliers=multipliers,
        used=set(used),
    )
    search.budget = budget
    blocks: list[list[int]] = []
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 4 * search.n * bases + 200))
    try:
        found = search.solve(blocks, 0, rng)
    except _OutOfWork:
        return None
    finally:
        sys.setrecursionlimit(limit)
    if not found:
        return None
    return [blocks[at : at + len(sizes)] for at in range(0, len(blocks), len(sizes))]


def develop(*, base: list[list[int]], modulus: int, copies: int) -> Rounds:
    """The `modulus` rounds obtained by shifting a base round."""
    cyclic = modulus * copies

    def shifted(point: int, step: int) -> int:
        if point >= cyclic:
            return point
        copy, x = divmod(point, modulus)
        return copy * modulus + (x + step) % modulus

    return [
        [[shifted(point, step) for point in block] for block in base] for step in range(modulus)
    ]


class Shape(NamedTuple):
    """n = copies * modulus + fixed; `bases` base rounds developed mod m, plus `short` rounds."""

    modulus: int
    copies: int
    fixed: int
    bases: int
    short: int = 0


def shapes(*, people: int, sizes: list[int], rounds: int) -> list[Shape]:
    """Ways to get `rounds` rounds, fewest base rounds first.

    Only shapes with enough pair orbits for every base round's pairs are kept. Shapes with
    short rounds (matching/short_rounds.py), which need k copies and groups of k, come last.
    """
    pairs = sum(size * (size - 1) // 2 for size in sizes)
    k = sizes[0]
    found = []
    with_short = []
    for bases in range(1, _MOST_BASES + 1):
        modulus = people // k
        short = rounds - bases * modulus
        if min(sizes) == k and people == k * modulus and 0 < short <= modulus and modulus > 2:
            orbits = _orbit_count(modulus, k, 0) - short * k * (k - 1) // 2
            if orbits >= bases * pairs:
                with_short.append(Shape(modulus, k, 0, bases, short))
        if rounds % bases:
            continue
        modulus = rounds // bases
        for fixed in range(0, len(sizes) + 1):
            if (people - fixed) % modulus or people - fixed < modulus or modulus < 2:
                continue
            copies = (people - fixed) // modulus
            if _orbit_count(modulus, copies, fixed) >= bases * pairs:
                found.append(Shape(modulus, copies, fixed, bases))
    return found + with_short


def _orbit_count(modulus: int, copies: int, fixed: int) -> int:
    """Pair orbits a base round may use: no pure difference of half the modulus."""
    pure = modulus // 2 - (1 if modulus % 2 == 0 else 0)
    return copies * pure + copies * (copies - 1) // 2 * modulus + fixed * copies


def cyclic_rounds(
    *,
    people: int,
    sizes: list[int],
    rounds: int,
    rng: Random,
    budget: Budget,
    short_budget: Budget,
) -> Rounds | None:
    """`rounds` repeat-free rounds developed from base rounds, trying each shape in turn.

    Shapes with short rounds search on a budget of their own and from a copy of the generator,
    so that they change nothing that the other shapes, tried first, find.
    """
    short_rng = Random()
    short_rng.setstate(rng.getstate())
    for shape in shapes(people=people, sizes=sizes, rounds=rounds):
        found = _shape_rounds(
            shape=shape,
            sizes=sizes,
            rng=short_rng if shape.short else rng,
            budget=short_budget if shape.short else budget,
        )
        if found is not None:
            return found
    return None


def _shape_rounds(*, shape: Shape, sizes: list[int], rng: Random, budget: Budget) -> Rounds | None:
    """The rounds of one shape, each attempt (multipliers, restart) taking a share of the budget."""
    modulus = shape.modulus
    for multipliers in [*subgroups(modulus), []]:
        # Depth-first search is heavy-tailed: several short runs beat one long one.
        # Each restart of a shape with short rounds also draws new short rounds.
        for _ in range(_RESTARTS * (2 if shape.short else 1)):
            if budget.left <= 0:
                return None
            vectors: list[tuple[int, ...]] = []
            if shape.short:
                picked = offset_vectors(
                    modulus=modulus,
                    copies=shape.copies,
                    count=shape.short,
                    multipliers=multipliers,
                    rng=rng,
                )
                if picked is None:
                    break
                vectors = picked
            attempt = Budget(min(budget.left, _ATTEMPT_WORK))
            given = attempt.left
            found = base_rounds(
                modulus=modulus,
                copies=shape.copies,
                fixed=shape.fixed,
                sizes=sizes,
                bases=shape.bases,
                multipliers=multipliers,
                rng=rng,
                budget=attempt,
                used=frozenset(key for vector in vectors for key in orbits(vector, modulus)),
            )
            budget.left -= given - max(attempt.left, 0)
            if found is not None:
                return [
                    developed
                    for base in found
                    for developed in develop(base=base, modulus=modulus, copies=shape.copies)
                ] + [short_round(vector, modulus) for vector in vectors]
            if attempt.left > 0 and not shape.short:
                break
    return None
