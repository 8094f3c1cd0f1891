"""The matcher: a pure function from a round instance to groups, deterministic per seed."""

from __future__ import annotations

from random import Random

from matching.construct import initial_groups
from matching.design import next_design_round
from matching.instance import Instance, InstanceError, MatchResult
from matching.meeting_times import suggest
from matching.problem import NO_WINDOW, Problem, compile_instance
from matching.quality import measure
from matching.round_robin import next_round
from matching.search import clear_blocks, improve
from matching.sizes import group_sizes
from matching.window_index import WindowIndex
from matching.window_pairs import pair_up_windows


def match(instance: Instance) -> MatchResult:
    """Form the round's groups; InstanceError("blocks_unsatisfiable") when blocks forbid any.

    Blocks are hard: a grouping that keeps them is proven to exist whenever every person has
    fewer blocks than there are groups (Hajnal-Szemeredi: a graph of maximum degree d has an
    equitable colouring with any c > d colours, and the colour classes are the groups).
    """
    problem = compile_instance(instance)
    rng = Random(f"vcoffee-match:{instance.seed}")
    sizes = group_sizes(participants=problem.size, group_size=instance.group_size)
    groups = _form_groups(problem=problem, sizes=sizes, group_size=instance.group_size, rng=rng)
    if problem.blocked:
        groups = _keep_blocks(problem=problem, groups=groups, rng=rng)
    unmatched = [] if sizes else list(problem.ids)
    return MatchResult(
        groups=[[problem.ids[person] for person in members] for members in groups],
        unmatched=unmatched,
        quality=measure(problem=problem, groups=groups, unmatched=len(unmatched)),
        suggested_times=[
            suggest(instance=instance, problem=problem, members=members) for members in groups
        ],
    )


def _form_groups(
    *, problem: Problem, sizes: list[int], group_size: int, rng: Random
) -> list[list[int]]:
    if not sizes:
        return []
    if group_size == 2:
        continued = next_round(problem=problem, rng=rng)
        if continued is not None:
            return continued
    order = list(range(problem.size))
    rng.shuffle(order)
    index = WindowIndex(masks=problem.masks, order=order)
    groups = initial_groups(problem=problem, sizes=sizes, order=order, index=index, rng=rng)
    if group_size == 2:
        groups = pair_up_windows(problem=problem, groups=groups, rng=rng)
    groups = improve(problem=problem, groups=groups, index=index, rng=rng)
    if group_size >= 3:
        planned = next_design_round(problem=problem, group_size=group_size, rng=rng)
        if planned is not None and _level(problem, planned) <= _level(problem, groups):
            return planned
    return groups


def _level(problem: Problem, groups: list[list[int]]) -> int:
    """Cost counting blocks, repeats and missing windows only, not teams or topics."""
    return sum(problem.group_cost(members) // NO_WINDOW for members in groups)


def _keep_blocks(*, problem: Problem, groups: list[list[int]], rng: Random) -> list[list[int]]:
    groups = clear_blocks(problem=problem, groups=groups, rng=rng)
    for members in groups:
        for position, a in enumerate(members):
            for b in members[position + 1 :]:
                if problem.key(a, b) in problem.blocked:
                    raise InstanceError(
                        "blocks_unsatisfiable",
                        f"no grouping keeps {problem.ids[a]!r} and {problem.ids[b]!r} apart "
                        "while respecting every other block and the group sizes",
                    )
    return groups
