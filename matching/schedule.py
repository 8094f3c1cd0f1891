"""The longest repeat-free schedule found for n people in groups of k: constructions first.

A schedule is a list of rounds over points 0..n-1; each round splits the points into groups
whose sizes follow the contract's rule (matching/sizes.py), and no two points share a group in
two rounds. No schedule can be longer than floor((n - 1) / (k - 1)) rounds: each round brings a
person at least k - 1 people they have not met (`bound`). The constructions tried, in order:
resolvable transversal designs with their rows filled in (matching/transversal.py: the affine
geometries), products of the schedules of two factors of n (matching/product.py), resolvable
(3q + 1, 4, 1) designs developed over GF(q) from cyclotomic base blocks (matching/rotational.py)
and resolvable (4q + 1, 5, 1) designs developed likewise (matching/rotational_fives.py),
resolvable group divisible designs developed mod m, the people who never meet forming the
design's groups (matching/group_divisible.py: 36, 44, 48, 60 and 72 people in fours, 48 in
threes), then schedules developed from base rounds mod m (matching/cyclic.py: Kirkman and
nearly Kirkman triple systems, resolvable (3q + 1, 4, 1) designs and many packings, with the
rounds that the shifts leave unchanged of matching/short_rounds.py), for the bound and then for
fewer rounds.
"""

from __future__ import annotations

from functools import lru_cache
from random import Random

from matching.cyclic import Budget, Rounds, cyclic_rounds
from matching.group_divisible import group_divisible_rounds
from matching.product import factor_pairs, product_rounds
from matching.rotational import rotational_rounds
from matching.rotational_fives import rotational_fives_rounds
from matching.sizes import group_sizes
from matching.transversal import transversal_rounds

# Points the cyclic searches of one schedule may look at, together (a few seconds at most);
# each number of rounds tried may use a third of it.
_SEARCH_WORK = 9_000_000
# A factor of a product may search with this fraction of the work of the whole schedule.
_FACTOR_SHARE = 4
# Shapes with short rounds give complete designs: they search for the bound only, with this
# fraction of the work on top of the rest (which they leave as it was).
_SHORT_SHARE = 9
# The group divisible designs' search may use this fraction of the work left; what it spends
# comes out of the cyclic search's.
_DIVISIBLE_SHARE = 4
# How many rounds below the bound the cyclic search still tries.
_BELOW_BOUND = 2


def bound(*, people: int, group_size: int) -> int:
    """The most repeat-free rounds any schedule can have.

    Each round brings everyone at least (smallest group - 1) new people and uses up the pairs
    of all its groups; neither can run out.
    """
    if people < 2:
        return 0
    sizes = group_sizes(participants=people, group_size=group_size)
    if len(sizes) == 1:
        return 1
    per_person = (people - 1) // (min(sizes) - 1)
    per_pairs = people * (people - 1) // sum(size * (size - 1) for size in sizes)
    return min(per_person, per_pairs)


def best_schedule(*, people: int, group_size: int, work: int = _SEARCH_WORK) -> tuple[str, Rounds]:
    """(name of the construction, rounds) of the longest schedule found; rounds may be empty.

    The same for the same n and k (its searches are seeded by them), so it is remembered:
    callers must not change the rounds.
    """
    name, rounds, _ = _searched(people, group_size, work)
    return name, rounds


@lru_cache(maxsize=64)
def _searched(people: int, group_size: int, work: int) -> tuple[str, Rounds, int]:
    """best_schedule, and the search work it spent: its factors' searches count against it."""
    sizes = group_sizes(participants=people, group_size=group_size)
    if not sizes:
        return "none", [], 0
    if len(sizes) == 1:
        return "one group", [[list(range(people))]], 0
    limit = bound(people=people, group_size=group_size)
    name, best = "none", []
    transversal = transversal_rounds(
        people=people,
        group_size=group_size,
        rows_schedule=lambda rows: best_schedule(people=rows, group_size=group_size)[1],
    )
    if transversal is not None:
        name, best = "transversal design", transversal
    if len(best) >= limit:
        return name, best, 0
    product, spent = _best_product(
        people=people, group_size=group_size, reached=len(best), work=work
    )
    if product is not None:
        name, best = "product", product
    if len(best) >= limit:
        return name, best, spent
    rotational = rotational_rounds(people=people, group_size=group_size)
    if rotational is not None and len(rotational) > len(best):
        name, best = "rotational", rotational
    if len(best) >= limit:
        return name, best, spent
    rotational = rotational_fives_rounds(people=people, group_size=group_size)
    if rotational is not None and len(rotational) > len(best):
        name, best = "rotational", rotational
    if len(best) >= limit:
        return name, best, spent
    divisible_budget = Budget(max(work - spent, 0) // _DIVISIBLE_SHARE)
    given = divisible_budget.left
    divisible = group_divisible_rounds(
        people=people, group_size=group_size, budget=divisible_budget
    )
    spent += given - max(divisible_budget.left, 0)
    if divisible is not None and len(divisible) > len(best):
        name, best = "group divisible design", divisible
    if len(best) >= limit:
        return name, best, spent
    rng = Random(f"vcoffee-schedule:{people}:{group_size}")
    total = Budget(work - spent)
    for rounds in range(limit, max(len(best), limit - _BELOW_BOUND - 1), -1):
        budget = Budget(min(total.left, work // (_BELOW_BOUND + 1)))
        short_budget = Budget(work // _SHORT_SHARE if rounds == limit else 0)
        regular, extra = budget.left, short_budget.left
        found = cyclic_rounds(
            people=people,
            sizes=sizes,
            rounds=rounds,
            rng=rng,
            budget=budget,
            short_budget=short_budget,
        )
        total.left -= regular - max(budget.left, 0)
        spent += regular - max(budget.left, 0) + extra - max(short_budget.left, 0)
        if found is not None:
            return "cyclic", found, spent
    if not best:
        # Any split into groups is a schedule of one round.
        name, best = "one round", [_split(list(range(people)), sizes)]
    return name, best, spent


def _best_product(
    *, people: int, group_size: int, reached: int, work: int
) -> tuple[Rounds | None, int]:
    """The longest product of smaller schedules longer than `reached` rounds (or None), and the
    search work its factors spent.

    Factorisations are tried best possible first and only while they could still do better;
    each factor's schedule may search with a share of the work.
    """
    k = group_size

    def most(v: int, w: int) -> int:
        inner = bound(people=w, group_size=k) if w % k == 0 else 0
        return bound(people=v, group_size=k) * w + inner

    share = work // _FACTOR_SHARE
    spent = 0
    searched: set[int] = set()

    def schedule(size: int) -> Rounds:
        nonlocal spent
        _, rounds, used = _searched(size, k, share)
        if size not in searched:
            searched.add(size)
            spent += used
        return rounds

    found = None
    for v, w in sorted(factor_pairs(people=people, group_size=k), key=lambda vw: -most(*vw)):
        if most(v, w) <= reached:
            break
        rounds = product_rounds(outer=v, inner=w, group_size=k, schedule=schedule)
        if len(rounds) > reached:
            found, reached = rounds, len(rounds)
    return found, spent


def _split(points: list[int], sizes: list[int]) -> list[list[int]]:
    groups = []
    at = 0
    for size in sizes:
        groups.append(points[at : at + size])
        at += size
    return groups


def is_repeat_free(rounds: Rounds) -> bool:
    """Whether no two points share a group in two rounds (nor twice in one group)."""
    seen: set[tuple[int, int]] = set()
    for groups in rounds:
        for members in groups:
            for position, a in enumerate(members):
                for b in members[position + 1 :]:
                    pair = (a, b) if a < b else (b, a)
                    if a == b or pair in seen:
                        return False
                    seen.add(pair)
    return True
