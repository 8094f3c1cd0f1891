"""Resolvable (4q + 1, 5, 1) designs developed over GF(q) from base blocks and fifth roots of one.

For q a prime power with q ≡ 1 mod 10, people become four copies of GF(q) plus a fixed point ∞
(n = 4q + 1, point c * q + x standing for x in copy c, ∞ being 4q). Adding t in GF(q) to every
copy (∞ stays) turns one base round into q rounds, the bound (n - 1) / 4: a resolvable design.

C is the group of fifth roots of one; its e = (q - 1) / 5 cosets split the nonzero elements, and
-1, in the coset of index e / 2, is not in C (C has odd order). The base round is
{∞, (0, 0), (1, 0), (2, 0), (3, 0)}, a few blocks x * C inside one copy (C fixes them), and u * B
for u in C for the other base blocks B. It partitions the people when the 4e cosets of points
(one per copy and coset) are each taken once. Its q shifts meet each pair once when every
difference is covered once: within a copy a pair with difference d covers ±d C, two cosets, and
x * C covers the four cosets of x (w^i - 1) for the roots w ≠ 1; across two copies a pair covers
one coset (0 being ∞'s block's), and each of the six pairs of copies needs all e. Counting
points and pairs, the blocks x * C number a ≡ 4e mod 5, with a ≤ 2e / 3 so that every other
block holds a pair inside one copy.

Whether blocks fit depends on cosets alone, each kept as one bit. The base round is sought
invariant under moving every point two copies on, which halves the blocks to choose (a is taken
even): a seeded depth-first search, restarted in a fresh order when it has visited its nodes,
picks the blocks x * C, then grows the others point by point from the first coset of a copy no
block takes yet, each with its image. For q = 41 (165 people, 41 rounds) this takes under a
second of CPU; without the symmetry four million nodes did not find one.
"""

from __future__ import annotations

from random import Random

from matching.cyclic import Rounds
from matching.field import Field, prime_power

# The most cosets tried: the search is quick up to here (q = 41).
_MOST_COSETS = 8
# Nodes one depth-first search may visit, and all of them together (about three seconds).
# The search is heavy-tailed: over twelve seeds q = 41 took 0.01 to 2.8 s of CPU, median 0.8.
_WORK = 5_000
_TOTAL_WORK = 200_000

_COPIES = 4
_SIZE = 5


class _OutOfWork(Exception):
    """The search visited its nodes."""


def rotational_fives_rounds(*, people: int, group_size: int) -> Rounds | None:
    """The q rounds of the design for n = 4q + 1 in fives, or None when none is built here."""
    if group_size != _SIZE or people % _COPIES != 1:
        return None
    q = (people - 1) // _COPIES
    factors = prime_power(q)
    if factors is None or q % 10 != 1:
        return None
    cosets = (q - 1) // _SIZE
    whole = _whole_blocks(cosets)
    if cosets > _MOST_COSETS or whole is None:
        return None
    field = Field(*factors)
    found = _Search(field, cosets, whole).run(Random(f"vcoffee-rotational-fives:{q}"))
    if found is None:
        return None
    wholes, blocks = found
    roots = [field.exp[power] for power in range(0, q - 1, cosets)]
    infinity = _COPIES * q
    base = [[infinity, *(copy * q for copy in range(_COPIES))]]
    for copy, x in wholes:
        base.append([copy * q + field.mul(root, x) for root in roots])
    for block in blocks:
        for root in roots:
            base.append([copy * q + field.mul(root, x) for copy, x in block])
    return [
        [[_shifted(field, point, step, infinity) for point in block] for block in base]
        for step in range(q)
    ]


def _whole_blocks(cosets: int) -> int | None:
    """How many blocks x * C the base round takes (an even number), or None if none fits."""
    for whole in range(0, 2 * cosets // 3 + 1, 2):
        if (_COPIES * cosets - whole) % _SIZE == 0:
            return whole
    return None


def _shifted(field: Field, point: int, step: int, infinity: int) -> int:
    if point == infinity:
        return point
    copy, x = divmod(point, field.q)
    return copy * field.q + field.add(x, step)


_Point = tuple[int, int]
_Blocks = tuple[list[_Point], list[list[_Point]]]


class _Search:
    """Depth-first searches for base blocks; what each covers is a bit mask.

    Bits: the coset of a point of copy c at c * e, of a difference inside copy c at (4 + c) * e,
    of a difference across the j-th pair of copies at (8 + j) * e.
    """

    def __init__(self, field: Field, cosets: int, whole: int) -> None:
        q = field.q
        self.field = field
        self.cosets = cosets
        self.whole_wanted = whole
        self.blocks_wanted = (_COPIES * cosets - whole) // _SIZE
        coset = [-1] + [field.log[x] % cosets for x in range(1, q)]
        minus_one = field.exp[(q - 1) // 2]
        # Point i is x = i % (q - 1) + 1 of copy i // (q - 1).
        self.points: list[_Point] = [(copy, x) for copy in range(_COPIES) for x in range(1, q)]
        self.point_bit = [1 << (copy * cosets + coset[x]) for copy, x in self.points]
        self.image = [((copy + 2) % _COPIES) * (q - 1) + x - 1 for copy, x in self.points]
        pairs = [(a, b) for a in range(_COPIES) for b in range(a + 1, _COPIES)]
        # pair_bits[i][j]: what points i and j together cover, -1 where they cannot meet.
        self.pair_bits = [[-1] * len(self.points) for _ in self.points]
        for i, (copy, x) in enumerate(self.points):
            for j, (other, y) in enumerate(self.points):
                if copy == other and coset[x] != coset[y]:
                    inside = coset[field.add(y, field.mul(minus_one, x))]
                    self.pair_bits[i][j] = 1 << ((_COPIES + copy) * cosets + inside) | 1 << (
                        (_COPIES + copy) * cosets + (inside + cosets // 2) % cosets
                    )
                elif copy < other and x != y:
                    across = coset[field.add(y, field.mul(minus_one, x))]
                    bit = (2 * _COPIES + pairs.index((copy, other))) * cosets + across
                    self.pair_bits[i][j] = self.pair_bits[j][i] = 1 << bit
        root = field.exp[cosets]
        self.whole_bits: dict[_Point, int] = {}
        for copy in range(_COPIES):
            for power in range(cosets):
                x = field.exp[power]
                bits, seen, step = 1 << (copy * cosets + power), 1, 1
                for _ in range(_SIZE - 1):
                    step = field.mul(step, root)
                    inside = coset[field.mul(x, field.add(step, minus_one))]
                    seen += 1
                    bits |= 1 << ((_COPIES + copy) * cosets + inside)
                if bits.bit_count() == seen:
                    self.whole_bits[copy, x] = bits
        self.all_points = (1 << (_COPIES * cosets)) - 1
        self.order: list[int] = []
        self.whole_order: list[_Point] = []
        self.wholes: list[_Point] = []
        self.blocks: list[list[int]] = []
        self.left = 0

    def run(self, rng: Random) -> _Blocks | None:
        left = _TOTAL_WORK
        while left > 0:
            self.order = list(range(len(self.points)))
            rng.shuffle(self.order)
            self.whole_order = list(self.whole_bits)
            rng.shuffle(self.whole_order)
            self.wholes, self.blocks = [], []
            self.left = min(_WORK, left)
            try:
                if self._fill_whole(0, 0):
                    points = self.points
                    return self.wholes, [[points[i] for i in block] for block in self.blocks]
                return None
            except _OutOfWork:
                left -= _WORK
        return None

    def _visit(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise _OutOfWork

    def _fill_whole(self, start: int, held: int) -> bool:
        if len(self.wholes) == self.whole_wanted:
            return self._fill_blocks(held)
        self._visit()
        for at in range(start, len(self.whole_order)):
            copy, x = self.whole_order[at]
            bits = self.whole_bits[copy, x]
            image = ((copy + 2) % _COPIES, x)
            image_bits = self.whole_bits.get(image, -1)
            if bits & held or image_bits < 0 or image_bits & (held | bits):
                continue
            self.wholes += [(copy, x), image]
            if self._fill_whole(at + 1, held | bits | image_bits):
                return True
            del self.wholes[-2:]
        return False

    def _fill_blocks(self, held: int) -> bool:
        if len(self.blocks) == self.blocks_wanted:
            return True
        free = ~held & self.all_points
        slot = (free & -free).bit_length() - 1
        copy, power = divmod(slot, self.cosets)
        first = copy * (self.field.q - 1) + self.field.exp[power] - 1
        return self._grow([first], held | self.point_bit[first], 0, slot)

    def _joined(self, block: list[int], point: int, held: int) -> int:
        """What adding the point to the block covers besides `held`, -1 if it cannot."""
        bits = self.point_bit[point]
        if bits & held:
            return -1
        for other in block:
            pair = self.pair_bits[other][point]
            if pair < 0 or pair & (held | bits):
                return -1
            bits |= pair
        return bits

    def _grow(self, block: list[int], held: int, start: int, slot: int) -> bool:
        self._visit()
        if len(block) == _SIZE:
            return self._close(block, held)
        for at in range(start, len(self.order)):
            point = self.order[at]
            if self.point_bit[point] >> slot <= 1:
                continue
            bits = self._joined(block, point, held)
            if bits < 0:
                continue
            block.append(point)
            if self._grow(block, held | bits, at + 1, slot):
                return True
            block.pop()
        return False

    def _close(self, block: list[int], held: int) -> bool:
        """Add the block and its image two copies on, and go on to the next block."""
        image: list[int] = []
        for point in block:
            bits = self._joined(image, self.image[point], held)
            if bits < 0:
                return False
            held |= bits
            image.append(self.image[point])
        self.blocks += [list(block), image]
        if self._fill_blocks(held):
            return True
        del self.blocks[-2:]
        return False
