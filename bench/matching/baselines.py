"""Baselines the matcher is compared with: what pairing bots commonly do, and an exact matching."""

from __future__ import annotations

from collections.abc import Callable
from random import Random

import networkx as nx

from matching.instance import Instance
from matching.problem import compile_instance
from matching.sizes import group_sizes

Matcher = Callable[[Instance], list[list[str]] | None]
NETWORKX_LARGEST = 400
_SCAN = 200


def _split(ids: list[str], group_size: int) -> list[list[str]]:
    groups = []
    at = 0
    for size in group_sizes(participants=len(ids), group_size=group_size):
        groups.append(ids[at : at + size])
        at += size
    return groups


def random_shuffle(instance: Instance) -> list[list[str]]:
    """Shuffle everyone and cut the list into groups."""
    ids = [person.id for person in instance.participants]
    Random(instance.seed).shuffle(ids)
    return _split(ids, instance.group_size)


def greedy_with_history(instance: Instance) -> list[list[str]]:
    """Shuffle, then fill each group with the next people who have not met its members."""
    problem = compile_instance(instance)
    order = list(range(problem.size))
    Random(instance.seed).shuffle(order)
    taken = bytearray(problem.size)
    head = 0
    groups = []
    for size in group_sizes(participants=problem.size, group_size=instance.group_size):
        while taken[order[head]]:
            head += 1
        group = [order[head]]
        taken[order[head]] = 1
        while len(group) < size:
            fallback = None
            choice = None
            scanned = 0
            for position in range(head, problem.size):
                person = order[position]
                if taken[person]:
                    continue
                fallback = person if fallback is None else fallback
                if not any(problem.met_before(person, member) for member in group):
                    choice = person
                    break
                scanned += 1
                if scanned == _SCAN:
                    break
            picked = choice if choice is not None else fallback
            assert picked is not None
            taken[picked] = 1
            group.append(picked)
        groups.append(group)
    return [[problem.ids[person] for person in members] for members in groups]


def networkx_matching(instance: Instance) -> list[list[str]] | None:
    """Exact best pairs for this round alone (networkx max_weight_matching); None beyond pairs."""
    problem = compile_instance(instance)
    n = problem.size
    if instance.group_size != 2 or n > NETWORKX_LARGEST or n < 2:
        return None
    graph = nx.Graph()
    worst = 10**16
    for a in range(n):
        for b in range(a + 1, n):
            cost = problem.group_cost([a, b])
            graph.add_edge(a, b, weight=worst - cost)
    pairs = [sorted(pair) for pair in nx.max_weight_matching(graph, maxcardinality=True)]
    paired = {person for pair in pairs for person in pair}
    left = [person for person in range(n) if person not in paired]
    if left:
        pairs[0].extend(left)
    return [[problem.ids[person] for person in pair] for pair in pairs]
