"""axe-core injected into a page: the serious and critical violations it finds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Page

from tests.e2e.browser import AXE_SCRIPT

BLOCKING = frozenset({"serious", "critical"})


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: list[str]

    def __str__(self) -> str:
        return f"{self.impact} {self.rule}: {self.help} at {', '.join(self.targets[:3])}"


def blocking_violations(page: Page) -> list[Violation]:
    """Runs axe on the page as it is now; keeps the violations that block a person."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the debugging protocol, which the page's CSP does not restrict.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;true")
    result: dict[str, Any] = page.evaluate(
        "async () => await window.axe.run(document, { resultTypes: ['violations'] })"
    )
    found: list[Violation] = []
    for violation in result["violations"]:
        impact = str(violation.get("impact") or "")
        if impact not in BLOCKING:
            continue
        targets = [", ".join(map(str, node["target"])) for node in violation["nodes"]]
        found.append(
            Violation(rule=violation["id"], impact=impact, help=violation["help"], targets=targets)
        )
    return found
