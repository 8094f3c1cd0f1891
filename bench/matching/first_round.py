"""CPU seconds of the first round of a fresh population: `python bench/matching/first_round.py 56/4`
(one size or several, each N/K).

The first round through the engine with plan_ahead, as the round job runs it, makes the plan; the
script prints, per size, that round's CPU time, the plan's construction and its rounds. Runs by
file path and imports only the matcher, so the same script measures any checkout of it
(PYTHONPATH=<checkout>); each size runs in a fresh process of its own when given alone.
"""

from __future__ import annotations

import json
import sys
import time

from matching.engine import match
from matching.instance import parse_instance


def first_round(people: int, group_size: int) -> dict[str, object]:
    raw = {
        "round": "2026-01-05",
        "group_size": group_size,
        "seed": 1,
        "participants": [{"id": f"p{number:04d}"} for number in range(people)],
        "history": [],
        "plan_ahead": True,
    }
    started = time.process_time()
    result = match(parse_instance(raw))
    spent = time.process_time() - started
    plan = result.plan
    return {
        "size": f"{people}/{group_size}",
        "cpu_s": round(spent, 2),
        "construction": plan.construction if plan else None,
        "planned_rounds": len(plan.rounds) + 1 if plan else None,
    }


if __name__ == "__main__":
    for size in sys.argv[1:]:
        people, group_size = (int(part) for part in size.split("/"))
        print(json.dumps(first_round(people, group_size)), flush=True)
