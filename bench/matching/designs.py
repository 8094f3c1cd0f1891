"""Schedules for groups: repeat-free rounds of a stable population, and plans under churn."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from random import Random
from typing import Any

from bench.matching.tables import Table
from matching.engine import match
from matching.instance import parse_instance
from matching.schedule import bound

ROOT = Path(__file__).resolve().parents[2]
CLEAN_RUN = Path(__file__).with_name("clean_run.py")
# The release before plans: its engine is measured by running clean_run.py against a checkout.
BEFORE = "ae75cd8"

# (people, group size, the most rounds known possible, what proves it)
SIZES: list[tuple[int, int, int, str]] = [
    (15, 3, 7, "Kirkman triple system"),
    (32, 4, 10, "social golfer 8-4-10 (2004)"),
    (40, 4, 13, "resolvable (40,4,1) design"),
    (30, 3, 14, "nearly Kirkman triple system"),
    (21, 3, 10, "Kirkman triple system"),
    (27, 3, 13, "affine geometry AG(3,3)"),
    (16, 4, 5, "affine plane AG(2,4)"),
    (64, 4, 21, "affine geometry AG(3,4)"),
    (25, 5, 6, "affine plane AG(2,5)"),
    (24, 3, 11, "nearly Kirkman triple system"),
    (52, 4, 17, "resolvable (52,4,1) design"),
    (45, 3, 22, "Kirkman triple system"),
    (57, 3, 28, "Kirkman triple system"),
    (28, 4, 9, "resolvable (28,4,1) design"),
    (112, 4, 37, "resolvable (112,4,1) design"),
    (76, 4, 25, "resolvable (76,4,1) design"),
    (88, 4, 29, "resolvable (88,4,1) design"),
    (124, 4, 41, "resolvable (124,4,1) design"),
    (165, 5, 41, "resolvable (165,5,1) design"),
    (36, 4, 11, "4-RGDD of type 3^12"),
    (44, 4, 14, "4-RGDD of type 2^22"),
    (48, 4, 15, "4-RGDD of type 3^16"),
    (60, 4, 19, "4-RGDD of type 3^20"),
    (72, 4, 23, "4-RGDD of type 3^24"),
    (48, 3, 23, "nearly Kirkman triple system"),
]


@contextmanager
def checkout(ref: str) -> Iterator[Path]:
    """A temporary detached worktree of `ref`."""
    with tempfile.TemporaryDirectory(prefix="vcoffee-before-") as folder:
        path = Path(folder) / "tree"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--quiet", str(path), ref],
            cwd=ROOT,
            check=True,
        )
        try:
            yield path
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, check=True
            )


def _clean_run(tree: Path, people: int, group_size: int, rounds: int) -> dict[str, Any]:
    finished = subprocess.run(
        [sys.executable, str(CLEAN_RUN), str(people), str(group_size), str(rounds)],
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(finished.stdout)
    return result


def designs(before: str = BEFORE) -> list[Table]:
    """Clean rounds from the start for stable populations, before and after plans."""
    table = Table(
        title="Stable populations in groups: rounds until the first repeat",
        header=[
            "people / group size",
            "bound",
            "proven maximum",
            "proof",
            "clean before",
            "clean after",
            "s/round before",
            "s/round after",
        ],
    )
    with checkout(before) as tree:
        for people, group_size, best, proof in SIZES:
            old = _clean_run(tree, people, group_size, best + 1)
            new = _clean_run(ROOT, people, group_size, best + 1)
            table.rows.append(
                [
                    f"{people} / {group_size}",
                    str(bound(people=people, group_size=group_size)),
                    str(best),
                    proof,
                    str(old["clean"]),
                    str(new["clean"]),
                    f"{old['seconds_per_round']:.3f}",
                    f"{new['seconds_per_round']:.3f}",
                ]
            )
    return [table]


def _churn_series(
    *, people: int, group_size: int, rounds: int, share: float, ahead: bool, seed: int
) -> tuple[list[int], float, float, float]:
    """Repeats per round when, each round, `share` of people leave, join or pause (a third each)."""
    rng = Random(seed)
    present = [f"p{number:04d}" for number in range(people)]
    paused: list[str] = []
    joined = people
    history: list[dict[str, Any]] = []
    plan: dict[str, Any] | None = None
    repeats = []
    slowest = 0.0
    slowest_cpu = 0.0
    total = 0.0
    for number in range(rounds):
        if number:
            changes = max(1, round(share * len(present) / 3))
            back = paused
            rng.shuffle(present)
            paused = present[:changes]
            leaving = present[changes : 2 * changes]
            present = present[2 * changes :] + back
            present += [f"p{joined + at:04d}" for at in range(len(leaving))]
            joined += len(leaving)
        raw = {
            "round": f"2026-{1 + number // 28:02d}-{1 + number % 28:02d}",
            "group_size": group_size,
            "seed": seed * 1000 + number,
            "participants": [{"id": person} for person in sorted(present)],
            "history": history,
            "plan_ahead": ahead,
            "plan": plan if ahead else None,
        }
        started = time.perf_counter()
        cpu = time.process_time()
        result = match(parse_instance(raw))
        spent = time.perf_counter() - started
        slowest = max(slowest, spent)
        slowest_cpu = max(slowest_cpu, time.process_time() - cpu)
        total += spent
        repeats.append(result.quality.repeats)
        history.append({"round": raw["round"], "groups": result.groups})
        plan = None if result.plan is None else result.plan.model_dump(mode="json")
    return repeats, total / rounds, slowest, slowest_cpu


def churn() -> list[Table]:
    """Plans under 15% churn a round: a third leave, a third pause for a round, newcomers join."""
    table = Table(
        title="Churn: 15% of people leave, pause or join each round (all history counts)",
        header=[
            "people / group size",
            "rounds",
            "bound (stable)",
            "engine",
            "total repeats",
            "repeats per round",
            "s/round",
            "slowest s",
            "slowest CPU s",
        ],
    )
    for people, group_size, rounds in [(30, 3, 14), (40, 4, 13), (60, 3, 20), (200, 4, 20)]:
        for ahead in (False, True):
            repeats, mean, slowest, slowest_cpu = _churn_series(
                people=people, group_size=group_size, rounds=rounds, share=0.15, ahead=ahead, seed=1
            )
            table.rows.append(
                [
                    f"{people} / {group_size}",
                    str(rounds),
                    str(bound(people=people, group_size=group_size)),
                    "with plans" if ahead else "round by round",
                    str(sum(repeats)),
                    " ".join(map(str, repeats)),
                    f"{mean:.2f}",
                    f"{slowest:.2f}",
                    f"{slowest_cpu:.2f}",
                ]
            )
    return [table]
