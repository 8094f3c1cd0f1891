"""Building instances and reading results in matching tests."""

from __future__ import annotations

import io
import json
from typing import Any

from matching.command import run


def people(count: int, **fields: Any) -> list[dict[str, Any]]:
    return [{"id": f"u{number}", **fields} for number in range(count)]


def instance(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"round": "2026-11-30", "group_size": 2, "seed": 7}
    base.update(fields)
    base.setdefault("participants", people(6))
    return base


def run_command(raw: str | dict[str, Any], tmp_path: Any) -> tuple[int, str, str]:
    """Run `vcoffee match --input FILE` on the instance; (exit status, stdout, stderr)."""
    path = tmp_path / "instance.json"
    path.write_text(raw if isinstance(raw, str) else json.dumps(raw))
    stdout = io.StringIO()
    stderr = io.StringIO()
    status = run(source=str(path), stdout=stdout, stderr=stderr)
    return status, stdout.getvalue(), stderr.getvalue()


def pairs_of(groups: list[list[str]]) -> set[frozenset[str]]:
    return {
        frozenset((a, b))
        for members in groups
        for position, a in enumerate(members)
        for b in members[position + 1 :]
    }
