"""Finite fields GF(p^e) on the numbers 0..q-1, for constructions over a field."""

from __future__ import annotations


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
