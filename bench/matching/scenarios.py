"""Benchmark scenarios: each returns a table of the matcher beside the baselines."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from random import Random
from typing import Any

import networkx as nx

from bench.matching import generate
from bench.matching.baselines import (
    Matcher,
    greedy_with_history,
    networkx_matching,
    random_shuffle,
)
from bench.matching.designs import churn, designs
from bench.matching.tables import Table
from matching.engine import match
from matching.instance import Instance, Plan, parse_instance
from matching.problem import compile_instance
from matching.quality import measure
from matching.sizes import group_sizes
from matching.slots import has_window


def ours(instance: Instance) -> list[list[str]]:
    """The matcher under test."""
    return match(instance).groups


class Planned:
    """The matcher as the round job runs it: planning ahead, each round's plan fed to the next."""

    def __init__(self) -> None:
        self.plan: Plan | None = None

    def __call__(self, instance: Instance) -> list[list[str]]:
        result = match(instance.model_copy(update={"plan_ahead": True, "plan": self.plan}))
        self.plan = result.plan
        return result.groups


METHODS: list[tuple[str, Matcher]] = [
    ("ours", ours),
    ("random shuffle", random_shuffle),
    ("shuffle + greedy with history", greedy_with_history),
    ("networkx max_weight_matching", networkx_matching),
]


@dataclass
class Run:
    """Per-round repeats of one method over a series of rounds."""

    repeats: list[int]
    seconds: float
    finished: bool

    @property
    def repeat_free_rounds(self) -> int:
        """Rounds from the first one until the first repeat."""
        return next(
            (number for number, count in enumerate(self.repeats) if count), len(self.repeats)
        )


def _series(
    *,
    method: Matcher,
    people: list[dict[str, Any]],
    group_size: int,
    rounds: int,
    paused_share: float = 0.0,
    seed: int = 1,
) -> Run:
    history: list[dict[str, Any]] = []
    pauses = Random(seed)
    repeats: list[int] = []
    elapsed = 0.0
    for number in range(rounds):
        active = people
        if paused_share:
            active = [person for person in people if pauses.random() >= paused_share]
        instance = parse_instance(
            generate.instance(
                people=active,
                group_size=group_size,
                round_number=number,
                seed=seed * 1000 + number,
                history=history,
            )
        )
        started = time.perf_counter()
        groups = method(instance)
        elapsed += time.perf_counter() - started
        if groups is None:
            return Run(repeats=repeats, seconds=elapsed, finished=False)
        quality = measure(
            problem=(problem := compile_instance(instance)),
            groups=[[problem.ids.index(person) for person in members] for members in groups],
            unmatched=0,
        )
        repeats.append(quality.repeats)
        history.append({"round": instance.round.isoformat(), "groups": groups})
    return Run(repeats=repeats, seconds=elapsed, finished=True)


def _repeat_table(
    *,
    title: str,
    people: list[dict[str, Any]],
    group_size: int,
    rounds: int,
    paused_share: float = 0.0,
    methods: list[tuple[str, Matcher]],
) -> Table:
    table = Table(
        title=title,
        header=[
            "method",
            "repeat-free rounds from start",
            "total repeats",
            "repeats per round",
            "s/round",
        ],
    )
    for name, method in methods:
        run = _series(
            method=Planned() if method is ours else method,
            people=people,
            group_size=group_size,
            rounds=rounds,
            paused_share=paused_share,
        )
        if not run.finished:
            table.rows.append(
                [name, "n/a", "n/a", "not applicable (pairs only, <= 400 people)", "-"]
            )
            continue
        table.rows.append(
            [
                name,
                str(run.repeat_free_rounds),
                str(sum(run.repeats)),
                " ".join(str(count) for count in run.repeats),
                f"{run.seconds / rounds:.3f}",
            ]
        )
    return table


def pairs40(methods: list[tuple[str, Matcher]]) -> list[Table]:
    """40 people in pairs, 39 rounds (the round-robin limit)."""
    return [
        _repeat_table(
            title="40 people in pairs, 39 rounds (target: 39 repeat-free)",
            people=generate.plain_people(40),
            group_size=2,
            rounds=39,
            methods=methods,
        )
    ]


def pairs100(methods: list[tuple[str, Matcher]]) -> list[Table]:
    """100 people in pairs, 52 weekly rounds, all history counts."""
    return [
        _repeat_table(
            title="100 people in pairs, 52 rounds, all history counts (target: 0 repeats)",
            people=generate.plain_people(100),
            group_size=2,
            rounds=52,
            methods=methods,
        )
    ]


def trios500(methods: list[tuple[str, Matcher]]) -> list[Table]:
    """500 people in trios, 26 rounds, 15% paused at random each round."""
    return [
        _repeat_table(
            title="500 people in trios, 26 rounds, 15% paused each round (target: 0 repeats)",
            people=generate.plain_people(500),
            group_size=3,
            rounds=26,
            paused_share=0.15,
            methods=methods,
        )
    ]


def fours32(methods: list[tuple[str, Matcher]]) -> list[Table]:
    """32 people in groups of 4, 10 rounds (10 is the known limit)."""
    return [
        _repeat_table(
            title="32 people in groups of 4, 10 rounds (target: >= 8 repeat-free)",
            people=generate.plain_people(32),
            group_size=4,
            rounds=10,
            methods=methods,
        )
    ]


def _window_floor(instance: Instance) -> int:
    """Fewest groups without a common window: pairs a maximum 'can meet' matching leaves over."""
    problem = compile_instance(instance)
    graph = nx.Graph()
    graph.add_nodes_from(range(problem.size))
    for a in range(problem.size):
        for b in range(a + 1, problem.size):
            if has_window(problem.masks[a] & problem.masks[b]):
                graph.add_edge(a, b)
    groups = len(group_sizes(participants=problem.size, group_size=2))
    return groups - min(groups, len(nx.max_weight_matching(graph, maxcardinality=True)))


def windows300(methods: list[tuple[str, Matcher]]) -> list[Table]:
    """300 people over three regions with 3-6 office-hour slots each: groups without a window."""
    table = Table(
        title="300 people, Americas/Europe/APAC, 3-6 one-hour slots (target: within 1% of floor)",
        header=["slots per person", "instance", "floor", *[name for name, _ in methods], "ours s"],
    )
    variants = [
        ("3-6 in office hours", generate.OFFICE_HOURS, (3, 6)),
        ("3-6 in 07-23 daily", generate.WAKING_HOURS, (3, 6)),
        ("1-2 in 07-23 daily (sparse)", generate.WAKING_HOURS, (1, 2)),
    ]
    for (label, hours, slots), seed in [
        (variant, seed) for variant in variants for seed in (1, 2, 3)
    ]:
        rng = Random(seed)
        instance = parse_instance(
            generate.instance(
                people=generate.worldwide_people(300, rng=rng, hours=hours, slots=slots),
                group_size=2,
                round_number=10,
                seed=seed,
                history=[],
            )
        )
        problem = compile_instance(instance)
        cells = [label, f"seed {seed}", str(_window_floor(instance))]
        ours_seconds = 0.0
        for name, method in methods:
            started = time.perf_counter()
            groups = method(instance)
            if name == "ours":
                ours_seconds = time.perf_counter() - started
            if groups is None:
                cells.append("n/a")
                continue
            number = {person_id: index for index, person_id in enumerate(problem.ids)}
            quality = measure(
                problem=problem,
                groups=[[number[person] for person in members] for members in groups],
                unmatched=0,
            )
            cells.append(f"{quality.groups_without_common_window} / {len(groups)}")
        cells.append(f"{ours_seconds:.2f}")
        table.rows.append(cells)
    return [table]


def _speed_instance(people: int) -> dict[str, Any]:
    rng = Random(people)
    population = generate.worldwide_people(people, rng=rng)
    ids = [person["id"] for person in population]
    return generate.instance(
        people=population,
        group_size=2,
        round_number=20,
        seed=3,
        history=generate.random_history(ids=ids, rounds=20, group_size=2, rng=rng),
        prefer_cross_team=True,
    )


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def _peak_mib(call: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def speed(
    methods: list[tuple[str, Matcher]], sizes: tuple[int, ...] = (1_000, 10_000, 20_000, 100_000)
) -> list[Table]:
    """Time and peak memory of one round with 20 rounds of history, beside the baselines' time."""
    table = Table(
        title=(
            "Speed: pairs, worldwide slots, teams, 20 rounds of history"
            " (targets: 20k <= 2 s, 100k <= 15 s)"
        ),
        header=[
            "people",
            "history pairs",
            "parse s",
            "ours s",
            "ours peak MiB",
            "repeats",
            "no window",
            "cross-team",
            *[f"{name} s" for name, _ in methods if name != "ours"],
        ],
    )
    for people in sizes:
        raw = _speed_instance(people)
        started = time.perf_counter()
        instance = parse_instance(raw)
        parse_seconds = time.perf_counter() - started
        started = time.perf_counter()
        result = match(instance)
        ours_seconds = time.perf_counter() - started
        peak = _peak_mib(partial(match, instance))
        cells = [
            f"{people:,}",
            f"{sum(len(past.groups) for past in instance.history):,}",
            f"{parse_seconds:.2f}",
            f"{ours_seconds:.2f}",
            f"{peak:.0f}",
            str(result.quality.repeats),
            f"{result.quality.groups_without_common_window:,} / {len(result.groups):,}",
            f"{result.quality.cross_team_share}",
        ]
        for name, method in methods:
            if name == "ours":
                continue
            if name.startswith("networkx") and people > 400:
                cells.append("not run (N^2 edges, cubic time)")
                continue
            cells.append(f"{_timed(partial(method, instance)):.2f}")
        table.rows.append(cells)
    return [table]


def determinism(methods: list[tuple[str, Matcher]]) -> list[Table]:
    """Same instance and seed give the same groups; different seeds give different groups."""
    raw = _speed_instance(1_000)
    table = Table(
        title="Determinism (1,000 people, 20 rounds of history)",
        header=["check", "outcome"],
    )
    first = match(parse_instance(raw)).groups
    again = match(parse_instance(raw)).groups
    table.rows.append(["same seed twice gives identical groups", str(first == again)])
    by_seed = [
        {frozenset(members) for members in match(parse_instance({**raw, "seed": seed})).groups}
        for seed in range(1, 6)
    ]
    distinct = len({frozenset(groups) for groups in by_seed})
    shared = len(by_seed[0] & by_seed[1]) / len(by_seed[0])
    table.rows.append(["distinct groupings from seeds 1..5", f"{distinct} of 5"])
    table.rows.append(["groups shared by seed 1 and seed 2", f"{shared:.1%}"])
    return [table]


def _run_command(path: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MiB of `vcoffee match --input path`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).with_name("vcoffee")), "match", "--input", str(path)],
        stdout=subprocess.DEVNULL,
        check=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, after.ru_maxrss / 1024


def command(sizes: tuple[int, ...] = (20_000, 100_000)) -> list[Table]:
    """`vcoffee match` end to end (reading the JSON included), pairs with 20 rounds of history."""
    table = Table(
        title=(
            "vcoffee match end to end: pairs, worldwide slots, teams, 20 rounds of history"
            " (targets: 20k <= 1.5 s, 100k <= 10 s, < 2 GiB)"
        ),
        header=["people", "JSON MiB", "wall s", "CPU s", "peak RSS MiB", "repeats", "no window"],
    )
    with tempfile.TemporaryDirectory(prefix="vcoffee-match-") as folder:
        for people in sizes:
            path = Path(folder) / f"{people}.json"
            raw = _speed_instance(people)
            path.write_text(json.dumps(raw))
            wall, cpu, peak = _run_command(path)
            quality = match(parse_instance(raw)).quality
            table.rows.append(
                [
                    f"{people:,}",
                    f"{path.stat().st_size / 2**20:.0f}",
                    f"{wall:.2f}",
                    f"{cpu:.2f}",
                    f"{peak:.0f}",
                    str(quality.repeats),
                    str(quality.groups_without_common_window),
                ]
            )
    return [table]


SCENARIOS: dict[str, Callable[[list[tuple[str, Matcher]]], list[Table]]] = {
    "pairs40": pairs40,
    "pairs100": pairs100,
    "trios500": trios500,
    "fours32": fours32,
    "windows300": windows300,
    "speed": speed,
    "determinism": determinism,
    "designs": lambda methods: designs(),
    "churn": lambda methods: churn(),
    "command": lambda methods: command(),
}
