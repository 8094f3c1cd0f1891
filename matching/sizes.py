"""Group sizes the contract prescribes for N participants and a target size k."""

from __future__ import annotations


def group_sizes(*, participants: int, group_size: int) -> list[int]:
    """Sizes of the groups, largest first; empty when fewer than two people take part.

    With q = N div k and r = N mod k: if r <= q, q groups of which r get one extra member;
    otherwise q + 1 groups whose sizes differ by at most one.
    """
    if participants < 2:
        return []
    whole, extra = divmod(participants, group_size)
    count = whole if extra <= whole else whole + 1
    base, larger = divmod(participants, count)
    return [base + 1] * larger + [base] * (count - larger)
