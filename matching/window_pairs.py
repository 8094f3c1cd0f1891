"""Re-pairing along augmenting paths so that as many pairs as possible share a window.

Pairs that can meet form a matching in the "can meet" graph (edges: a common window and neither a
block nor a recent meeting); people in pairs that cannot meet are unmatched in it. An alternating
path between two of them, flipped, gives every pair on it a window. Swapping two people at a time
only finds paths of length three; searching paths reaches (close to) a maximum matching.
"""

from __future__ import annotations

from collections import deque
from random import Random

from matching.problem import Problem

LARGEST = 400
_ROUNDS = 4
_IN_LARGER_GROUP = -2


def _neighbours(problem: Problem) -> list[list[int]]:
    n = problem.size
    near: list[list[int]] = [[] for _ in range(n)]
    for a in range(n):
        for b in range(a + 1, n):
            if problem.can_meet(a, b):
                near[a].append(b)
                near[b].append(a)
    return near


def _augment(start: int, mate: list[int], near: list[list[int]], rng: Random) -> list[int] | None:
    """An alternating path from unmatched `start` to another unmatched person, or None."""
    parent = {start: start}
    queue = deque([start])
    while queue:
        person = queue.popleft()
        candidates = near[person][:]
        rng.shuffle(candidates)
        for other in candidates:
            if other in parent or mate[other] == _IN_LARGER_GROUP:
                continue
            parent[other] = person
            if mate[other] == -1:
                path = [other]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return path
            partner = mate[other]
            if partner not in parent:
                parent[partner] = other
                queue.append(partner)
    return None


def pair_up_windows(*, problem: Problem, groups: list[list[int]], rng: Random) -> list[list[int]]:
    """The same people in pairs (and any trio untouched), with fewer pairs lacking a window."""
    if problem.size > LARGEST:
        return groups
    pairs = [members for members in groups if len(members) == 2]
    others = [members for members in groups if len(members) != 2]
    near = _neighbours(problem)
    mate = [-1] * problem.size
    for members in others:
        for person in members:
            mate[person] = _IN_LARGER_GROUP
    for a, b in pairs:
        if b in near[a]:
            mate[a], mate[b] = b, a
    for _ in range(_ROUNDS):
        grown = False
        loose = [person for person in range(problem.size) if mate[person] == -1]
        rng.shuffle(loose)
        for person in loose:
            if mate[person] != -1:
                continue
            path = _augment(person, mate, near, rng)
            if path is None:
                continue
            for at in range(0, len(path) - 1, 2):
                a, b = path[at], path[at + 1]
                mate[a], mate[b] = b, a
            grown = True
        if not grown:
            break
    loose = [person for person in range(problem.size) if mate[person] == -1]
    rng.shuffle(loose)
    paired = [[a, mate[a]] for a in range(problem.size) if mate[a] > a]
    paired += [loose[at : at + 2] for at in range(0, len(loose), 2)]
    return paired + others
