"""Resolvable (3q + 1, 4, 1) designs developed over GF(q) from cyclotomic base blocks.

For q a prime power with q ≡ 1 mod 4, people become three copies of GF(q) plus a fixed point
∞ (n = 3q + 1, point c * q + x standing for x in copy c, ∞ being 3q). Adding t in GF(q) to every
copy (∞ stays) turns one base round into q rounds, the bound (n - 1) / 3: a resolvable design.

Let 2^s be the power of two in q - 1 and C the (2^s)-th powers, whose e = 2^s cosets split the
nonzero elements; -1 lies in the coset of index e / 2, not in C. The base round is
{∞, (0, 0), (0, 1), (0, 2)} and u * B for u in C, for e / 4 blocks B from each copy c to the next
(two points in copy c, two in copy c + 1 mod 3). It partitions the people when the e nonzero
points a base round takes from a copy lie in the e cosets. Its q shifts meet each pair once when
every difference is covered once: within a copy a pair with difference d covers ±d C, two
cosets, and the copy's e / 2 pairs must cover all e; across two copies each block covers four
cosets of differences and the e / 4 blocks joining them must cover all e (0 being ∞'s block's).

Whether blocks fit depends on cosets alone. Blocks are drawn at random (seeded by q), one for
each set of cosets they cover (its *features*), and a depth-first search picks e / 4 of them
for each pair of copies. With e = 4 (q ≡ 5 mod 8: 88 people for 29 rounds) three blocks are
needed and found at once; with e = 8 (76 and 124 people) six, found within a bounded search.
This is the 1-rotational construction of the design literature, found rather than looked up.
"""

from __future__ import annotations

from random import Random
from typing import NamedTuple

from matching.cyclic import Rounds
from matching.field import Field, prime_power

# The most cosets tried: with 16 the search here did not find blocks that fit (q = 17, 49).
_MOST_COSETS = 8
# Blocks with distinct features each search takes, per coset. The search is heavy-tailed: many
# small pools, each exhausted quickly, find blocks sooner than one large pool.
_POOLS = (10,) * 10 + (20,) * 10 + (40,) * 10
# Blocks drawn for the pool, per block kept, before it is taken as it is.
_DRAWS = 40
# Nodes one depth-first search may visit, and all of them together (under two seconds).
_WORK = 5_000
_TOTAL_WORK = 30_000


class _Block(NamedTuple):
    """Two points of one copy, two of the next, and the cosets each part of the block covers."""

    points: tuple[int, int, int, int]
    first: frozenset[int]
    first_pure: frozenset[int]
    second: frozenset[int]
    second_pure: frozenset[int]
    across: frozenset[int]


class _OutOfWork(Exception):
    """The search visited its nodes."""


def rotational_rounds(*, people: int, group_size: int) -> Rounds | None:
    """The q rounds of the design for n = 3q + 1 in fours, or None when none is built here."""
    if group_size != 4 or people % 3 != 1:
        return None
    q = (people - 1) // 3
    factors = prime_power(q)
    if factors is None or q % 4 != 1:
        return None
    cosets = 1
    while (q - 1) % (2 * cosets) == 0:
        cosets *= 2
    if cosets > _MOST_COSETS:
        return None
    field = Field(*factors)
    blocks = _base_blocks(field, cosets, Random(f"vcoffee-rotational:{q}"))
    if blocks is None:
        return None
    infinity = 3 * q
    units = [field.exp[power] for power in range(0, q - 1, cosets)]
    base = [[infinity, 0, q, 2 * q]]
    per_pair = cosets // 4
    for at, block in enumerate(blocks):
        first, second = at // per_pair * q, (at // per_pair + 1) % 3 * q
        for unit in units:
            a1, a2, b1, b2 = (field.mul(unit, point) for point in block.points)
            base.append([first + a1, first + a2, second + b1, second + b2])
    return [
        [[_shifted(field, point, step, infinity) for point in block] for block in base]
        for step in range(q)
    ]


def _shifted(field: Field, point: int, step: int, infinity: int) -> int:
    if point == infinity:
        return point
    copy, x = divmod(point, field.q)
    return copy * field.q + field.add(x, step)


def _coset_table(field: Field, cosets: int) -> list[list[int]]:
    """table[a][b]: the coset of b - a, -1 for 0."""
    q = field.q
    negative = [field.mul(field.exp[(q - 1) // 2], a) for a in range(q)]
    return [
        [-1 if a == b else field.log[field.add(b, negative[a])] % cosets for b in range(q)]
        for a in range(q)
    ]


def _pool(
    field: Field, coset: list[list[int]], cosets: int, rng: Random, wanted: int
) -> list[_Block]:
    """Up to `wanted` blocks whose differences across lie in four cosets, one per set of features.

    Each block drawn brings its multiples by the powers of a primitive element, whose cosets are
    those of the block turned round by one step each.
    """
    q = field.q
    found: dict[tuple[frozenset[int], ...], _Block] = {}
    for _ in range(_DRAWS * wanted):
        if len(found) >= wanted:
            break
        a1, a2, b1, b2 = (rng.randrange(1, q) for _ in range(4))
        across = {coset[a][b] for a in (a1, a2) for b in (b1, b2)}
        if coset[0][a1] == coset[0][a2] or coset[0][b1] == coset[0][b2] or len(across) < 4:
            continue
        if -1 in across or a1 == a2 or b1 == b2:
            continue
        for turn in range(cosets):
            unit = field.exp[turn]
            block = _Block(
                points=(
                    field.mul(unit, a1),
                    field.mul(unit, a2),
                    field.mul(unit, b1),
                    field.mul(unit, b2),
                ),
                first=_turned((coset[0][a1], coset[0][a2]), turn, cosets),
                first_pure=_turned((coset[a1][a2], coset[a2][a1]), turn, cosets),
                second=_turned((coset[0][b1], coset[0][b2]), turn, cosets),
                second_pure=_turned((coset[b1][b2], coset[b2][b1]), turn, cosets),
                across=_turned(tuple(across), turn, cosets),
            )
            found.setdefault(block[1:], block)
    return list(found.values())


def _turned(values: tuple[int, ...], turn: int, cosets: int) -> frozenset[int]:
    return frozenset((value + turn) % cosets for value in values)


def _base_blocks(field: Field, cosets: int, rng: Random) -> list[_Block] | None:
    """e / 4 blocks for copies 0-1, then 1-2, then 2-0, that cover every coset once, or None."""
    coset = _coset_table(field, cosets)
    left = _TOTAL_WORK
    for size in _POOLS:
        pool = _pool(field, coset, cosets, rng, size * cosets)
        found, spent = _search(pool, cosets, min(_WORK, left))
        if found is not None:
            return found
        left -= spent
        if left <= 0:
            break
    return None


def _search(pool: list[_Block], cosets: int, work: int) -> tuple[list[_Block] | None, int]:
    """e / 4 blocks of the pool for copies 0-1, then 1-2, then 2-0 that fit (or None), visiting
    at most `work` nodes, and the nodes visited."""
    per_pair = cosets // 4
    points: list[set[int]] = [set(), set(), set()]
    pure: list[set[int]] = [set(), set(), set()]
    across: list[set[int]] = [set(), set(), set()]
    chosen: list[_Block] = []
    left = [work]

    def fits(block: _Block, copy: int, after: int) -> bool:
        return not (
            block.first & points[copy]
            or block.first_pure & pure[copy]
            or block.second & points[after]
            or block.second_pure & pure[after]
            or block.across & across[copy]
        )

    def place(block: _Block, copy: int, after: int, sign: int) -> None:
        for held, cover in (
            (points[copy], block.first),
            (pure[copy], block.first_pure),
            (points[after], block.second),
            (pure[after], block.second_pure),
            (across[copy], block.across),
        ):
            if sign > 0:
                held.update(cover)
            else:
                held.difference_update(cover)

    def fill(slot: int, start: int) -> bool:
        if slot == 3 * per_pair:
            return True
        left[0] -= 1
        if left[0] < 0:
            raise _OutOfWork
        copy = slot // per_pair
        after = (copy + 1) % 3
        # Blocks of one pair in pool order: each set of them is tried once.
        for at in range(start if slot % per_pair else 0, len(pool)):
            block = pool[at]
            if not fits(block, copy, after):
                continue
            place(block, copy, after, 1)
            chosen.append(block)
            if fill(slot + 1, at + 1):
                return True
            chosen.pop()
            place(block, copy, after, -1)
        return False

    try:
        return (chosen if fill(0, 0) else None), work - left[0]
    except _OutOfWork:
        return None, work
