"""What the browser tests check on every page they visit: a screenshot, then axe."""

from __future__ import annotations

from tests.e2e.pages.base import AppPage


def visit(page: AppPage, name: str) -> None:
    """Writes the page's screenshot, then fails on any serious or critical axe violation."""
    page.wait_loaded()
    page.screenshot(name)
    problems = page.accessibility_problems()
    assert problems == [], f"{name}: " + "; ".join(map(str, problems))
