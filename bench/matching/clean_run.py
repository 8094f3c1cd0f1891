"""Repeat-free rounds of a stable population: `python bench/matching/clean_run.py N K ROUNDS`.

With `--no-plan` after them, each round gets only the history, as a caller that keeps no plan.

Runs by file path and imports only the matcher, so the same script measures any checkout of it
(PYTHONPATH=<checkout>). Each round's groups, and the plan when the matcher returns one, are fed
into the next round. Prints one JSON line: clean rounds from the start and seconds per round.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date, timedelta
from typing import Any

from matching.engine import match
from matching.instance import InstanceError, parse_instance


def clean_rounds(
    *, people: int, group_size: int, rounds: int, keep_plan: bool = True
) -> dict[str, Any]:
    ids = [f"p{number:04d}" for number in range(people)]
    history: list[dict[str, Any]] = []
    plan: Any = None
    met: set[frozenset[str]] = set()
    clean = None
    elapsed = 0.0
    for number in range(rounds):
        raw: dict[str, Any] = {
            "round": (date(2026, 1, 5) + timedelta(weeks=number)).isoformat(),
            "group_size": group_size,
            "seed": number + 1,
            "participants": [{"id": person} for person in ids],
            "history": history,
        }
        if plan is not None:
            raw["plan"] = plan
        started = time.perf_counter()
        try:
            result = match(parse_instance({**raw, "plan_ahead": True} if keep_plan else raw))
        except InstanceError:  # an engine without plans refuses the field: run it without
            result = match(parse_instance(raw))
        elapsed += time.perf_counter() - started
        pairs = {
            frozenset((a, b))
            for members in result.groups
            for position, a in enumerate(members)
            for b in members[position + 1 :]
        }
        if clean is None and pairs & met:
            clean = number
            break
        met |= pairs
        history.append({"round": raw["round"], "groups": result.groups})
        found = getattr(result, "plan", None)
        plan = None if found is None or not keep_plan else found.model_dump(mode="json")
    played = len(history) + (1 if clean is not None else 0)
    return {
        "clean": rounds if clean is None else clean,
        "seconds_per_round": round(elapsed / max(played, 1), 3),
    }


if __name__ == "__main__":
    n, k, count = (int(value) for value in sys.argv[1:4])
    keep = "--no-plan" not in sys.argv[4:]
    print(json.dumps(clean_rounds(people=n, group_size=k, rounds=count, keep_plan=keep)))
