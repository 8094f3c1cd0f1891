"""The matcher: a pure function from a round instance to groups, deterministic per seed."""

from __future__ import annotations

from random import Random

from matching.construct import initial_groups
from matching.instance import Instance, InstanceError, MatchResult, Plan
from matching.meeting_times import suggest
from matching.problem import Problem, compile_instance, hard_level
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
    plan = instance.plan
    if sizes and instance.group_size >= 3:
        groups, plan = _follow_plan(
            instance=instance, problem=problem, sizes=sizes, searched=groups
        )
    if problem.blocked:
        groups = _keep_blocks(problem=problem, groups=groups, rng=rng)
    unmatched = [] if sizes else list(problem.ids)
    return MatchResult(
        groups=[[problem.ids[person] for person in members] for members in groups],
        unmatched=unmatched,
        quality=measure(problem=problem, groups=groups, unmatched=len(unmatched)),
        suggested_times=suggest(instance=instance, problem=problem, groups=groups),
        plan=plan,
    )


def _follow_plan(
    *, instance: Instance, problem: Problem, sizes: list[int], searched: list[list[int]]
) -> tuple[list[list[int]], Plan | None]:
    """The plan's next round, repaired, when it is as good as the searched round this time.

    With plan_ahead, a plan is made when there is none (or it no longer fits the people), and
    made again when the repaired round would hold a repeat that a fresh plan avoids.
    """
    # Plans are for groups of three and more: rounds of pairs do not pay for importing them.
    from matching.plan import make_plan, population_plan, usable

    k = instance.group_size
    rng = Random(f"vcoffee-plan-round:{instance.seed}")
    plan = instance.plan if usable(plan=instance.plan, problem=problem, group_size=k) else None
    if plan is None and instance.plan_ahead:
        plan = make_plan(problem=problem, group_size=k, seed=instance.seed)
    if plan is None:
        # No plan kept by the caller: a schedule derived from the people alone, if any.
        derived = population_plan(problem=problem, group_size=k)
        if derived is None:
            return searched, None
        groups, _ = _planned_round(plan=derived, problem=problem, sizes=sizes, rng=rng)
        return (groups if _level(problem, groups) <= _level(problem, searched) else searched), None
    groups, rest = _planned_round(plan=plan, problem=problem, sizes=sizes, rng=rng)
    if instance.plan_ahead and plan is instance.plan and _repeats(problem, groups):
        fresh = make_plan(problem=problem, group_size=k, seed=instance.seed)
        if fresh is not None:
            again, fresh_rest = _planned_round(plan=fresh, problem=problem, sizes=sizes, rng=rng)
            if _repeats(problem, again) < _repeats(problem, groups):
                groups, rest = again, fresh_rest
    if _level(problem, groups) <= _level(problem, searched):
        return groups, rest
    return searched, rest


def _planned_round(
    *, plan: Plan, problem: Problem, sizes: list[int], rng: Random
) -> tuple[list[list[int]], Plan]:
    from matching.plan import take_round

    groups, rest = take_round(plan=plan, problem=problem, sizes=sizes, rng=rng)
    order = list(range(problem.size))
    rng.shuffle(order)
    index = WindowIndex(masks=problem.masks, order=order)
    return improve(problem=problem, groups=groups, index=index, rng=rng), rest


def _repeats(problem: Problem, groups: list[list[int]]) -> int:
    return sum(
        problem.met_before(a, b)
        for members in groups
        for position, a in enumerate(members)
        for b in members[position + 1 :]
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
    return improve(problem=problem, groups=groups, index=index, rng=rng)


def _level(problem: Problem, groups: list[list[int]]) -> int:
    """Cost counting blocks, repeats and missing windows only, not teams or topics."""
    return sum(hard_level(problem.group_cost(members)) for members in groups)


def _keep_blocks(*, problem: Problem, groups: list[list[int]], rng: Random) -> list[list[int]]:
    groups = clear_blocks(problem=problem, groups=groups, rng=rng)
    for members in groups:
        for position, a in enumerate(members):
            for b in members[position + 1 :]:
                if problem.is_blocked(a, b):
                    raise InstanceError(
                        "blocks_unsatisfiable",
                        f"no grouping keeps {problem.ids[a]!r} and {problem.ids[b]!r} apart "
                        "while respecting every other block and the group sizes",
                    )
    return groups
