"""Schedules for v * w people from schedules for v and for w people: the product construction.

People become pairs (b, x), b among v and x among w. Each group B of a round of the schedule on
v carries a resolvable transversal design on B x W whose groups are the fibres {b} x W: its w
parallel classes give w rounds per round of v, in which (b, x) and (b', x') meet exactly when b
and b' share a group of that round, and then once. People of one fibre never meet there, so the
schedule on w, run on every fibre at once, adds its rounds. With both schedules at their bound
the product is too: w (v - 1) / (k - 1) + (w - 1) / (k - 1) = (vw - 1) / (k - 1), for instance
45 in threes from 3 and 15 (a Kirkman triple system of order 45).

The transversal design with k rows and w columns is taken over GF(q) for each prime power factor
q of w, coordinate by coordinate (MacNeish), so it needs every such q to be at least k.
"""

from __future__ import annotations

from collections.abc import Callable

from matching.cyclic import Rounds
from matching.field import Field


def _prime_power_factors(value: int) -> list[tuple[int, int]]:
    factors = []
    divisor = 2
    while value > 1:
        if value % divisor == 0:
            power = 0
            while value % divisor == 0:
                value //= divisor
                power += 1
            factors.append((divisor, power))
        divisor += 1
    return factors


class TransversalDesign:
    """k rows of w columns; class t, block c puts column `column(row, c, t)` of each row together.

    Two cells of different rows share exactly one block: coordinate by coordinate their
    columns differ by (x_row - x_row') * t, and x_row - x_row' is invertible in each field.
    """

    def __init__(self, rows: int, columns: int) -> None:
        self.rows = rows
        self.columns = columns
        self.fields = [Field(prime, power) for prime, power in _prime_power_factors(columns)]

    @staticmethod
    def exists(rows: int, columns: int) -> bool:
        return all(int(p**e) >= rows for p, e in _prime_power_factors(columns))

    def _digits(self, value: int) -> list[int]:
        digits = []
        for field in self.fields:
            value, digit = divmod(value, field.q)
            digits.append(digit)
        return digits

    def classes(self) -> list[list[list[int]]]:
        """classes[t][c][row]: the column of `row` in block c of parallel class t."""
        found = []
        for t in range(self.columns):
            t_digits = self._digits(t)
            shifts = [
                [field.mul(row, digit) for field, digit in zip(self.fields, t_digits, strict=True)]
                for row in range(self.rows)
            ]
            blocks = []
            for c in range(self.columns):
                c_digits = self._digits(c)
                block = []
                for row in range(self.rows):
                    column = 0
                    place = 1
                    for field, digit, shift in zip(self.fields, c_digits, shifts[row], strict=True):
                        column += field.add(digit, shift) * place
                        place *= field.q
                    block.append(column)
                blocks.append(block)
            found.append(blocks)
        return found


def factor_pairs(*, people: int, group_size: int) -> list[tuple[int, int]]:
    """(v, w) with v * w = people for which the product applies: k divides v, v < people."""
    k = group_size
    return [
        (v, people // v)
        for v in range(k, people, k)
        if people % v == 0 and TransversalDesign.exists(k, people // v)
    ]


def product_rounds(
    *, outer: int, inner: int, group_size: int, schedule: Callable[[int], Rounds]
) -> Rounds:
    """The product of schedule(outer) and, when k divides `inner`, schedule(inner)."""
    k = group_size
    w = inner
    classes = TransversalDesign(k, w).classes()
    rounds: Rounds = []
    for groups in schedule(outer):
        for blocks in classes:
            rounds.append(
                [
                    [b * w + columns[row] for row, b in enumerate(members)]
                    for members in groups
                    for columns in blocks
                ]
            )
    if w % k == 0:
        for groups in schedule(w):
            rounds.append([[b * w + x for x in block] for b in range(outer) for block in groups])
    return rounds
