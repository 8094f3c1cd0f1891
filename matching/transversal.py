"""Resolvable transversal designs over GF(q), with their groups filled in: the affine geometries.

For k * q people (q a prime power at least k), people become cells (row i < k, column c in
GF(q)); round t puts (i, j + x_i * t) together for each column j, x_i being distinct field
elements. Two people of different rows meet in exactly one of these q rounds and people of one
row never meet. When k divides q, the rows (q people each) can then follow a schedule of their
own, side by side, for further rounds: with q = k that is the affine plane AG(2, q) (q + 1
rounds for q^2 people), and repeated it gives AG(d, q) ((q^d - 1) / (q - 1) rounds).
"""

from __future__ import annotations

from collections.abc import Callable

from matching.cyclic import Rounds
from matching.field import Field, prime_power


def transversal_rounds(
    *, people: int, group_size: int, rows_schedule: Callable[[int], Rounds]
) -> Rounds | None:
    """The q rounds of the design, then the rows' own rounds; None when n is not k * q."""
    k = group_size
    if people % k:
        return None
    q = people // k
    factors = prime_power(q)
    if factors is None or q < k:
        return None
    field = Field(*factors)
    rounds = []
    for t in range(q):
        shifts = [field.mul(row, t) for row in range(k)]
        rounds.append([[row * q + field.add(j, shifts[row]) for row in range(k)] for j in range(q)])
    if q % k == 0:
        for within in rows_schedule(q):
            rounds.append(
                [[row * q + point for point in block] for row in range(k) for block in within]
            )
    return rounds
