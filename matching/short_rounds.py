"""Rounds that shifting leaves unchanged: one person of each copy of Z_m per group.

With k copies of Z_m for n = k * m people in groups of k, an offset vector a (a_0 = 0) gives the
round {(x + a_0, 0), ..., (x + a_{k-1}, k - 1)} for x in Z_m, which every shift maps to itself.
It covers, for each pair of copies i < j, the whole orbit of difference a_j - a_i. Rounds from
vectors whose differences differ for every pair of copies are repeat-free together, and a base
round developed mod m that avoids their orbits adds m more: m + f rounds in all, as in Kirkman
triple systems of order 3m (m + (m - 1) / 2 rounds) and resolvable designs of order 4m with
m ≡ 1 mod 3 (m + (m - 1) / 3), such as 52 people in fours for 17 rounds.
"""

from __future__ import annotations

from random import Random

Orbit = tuple[int, int, int]
# Random vectors tried before giving up on one selection.
_DRAWS = 400


def orbits(vector: tuple[int, ...], modulus: int) -> list[Orbit]:
    """The pair orbits (copy i, copy j, difference) that the vector's round covers."""
    copies = len(vector)
    return [
        (i, j, (vector[j] - vector[i]) % modulus)
        for i in range(copies)
        for j in range(i + 1, copies)
    ]


def offset_vectors(
    *, modulus: int, copies: int, count: int, multipliers: list[int], rng: Random
) -> list[tuple[int, ...]] | None:
    """`count` vectors whose rounds share no pair orbit, closed under multiplying by `multipliers`.

    Closed, so that the orbits they use look the same to each multiplier as the base round does.
    The zero vector is the one vector the multipliers fix: it is taken when `count` needs it.
    """
    group = [1, *multipliers]
    chosen: list[tuple[int, ...]] = []
    taken: set[Orbit] = set()
    zero = (0,) * copies
    if count % len(group) or (len(group) == 1 and rng.random() < 0.5):
        chosen.append(zero)
        taken.update(orbits(zero, modulus))
    for _ in range(_DRAWS):
        if len(chosen) == count:
            return chosen
        vector = (0, *(rng.randrange(modulus) for _ in range(copies - 1)))
        images = sorted({tuple(unit * x % modulus for x in vector) for unit in group})
        if len(chosen) + len(images) > count:
            continue
        keys = [key for image in images for key in orbits(image, modulus)]
        if len(set(keys)) < len(keys) or not taken.isdisjoint(keys):
            continue
        chosen.extend(images)
        taken.update(keys)
    return chosen if len(chosen) == count else None


def short_round(vector: tuple[int, ...], modulus: int) -> list[list[int]]:
    return [
        [copy * modulus + (x + offset) % modulus for copy, offset in enumerate(vector)]
        for x in range(modulus)
    ]
