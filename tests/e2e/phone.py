"""What a page must do at phone width: no sideways scrolling and every action within reach."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, ViewportSize

PHONE: ViewportSize = {"width": 390, "height": 844}

# Everything a person can act on, including the cells of the availability grid.
INTERACTIVE = ", ".join(
    [
        "a[href]",
        "button",
        "input:not([type=hidden])",
        "select",
        "textarea",
        "[tabindex]:not([tabindex='-1'])",
        "[role=gridcell]",
        "[role=button]",
        "[role=link]",
    ]
)

MEASURE = """(selector) => {
  const width = document.documentElement.clientWidth;
  const outside = [];
  for (const element of document.querySelectorAll(selector)) {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    // Not drawn: nothing to reach.
    if (box.width === 0 || box.height === 0 || style.visibility === "hidden") continue;
    if (element.closest("[aria-hidden=true], [inert]")) continue;
    if (box.left < -1 || box.right > width + 1) {
      const name = element.getAttribute("aria-label") || element.textContent.trim().slice(0, 40);
      const where = `${Math.round(box.left)}..${Math.round(box.right)}`;
      outside.push(`${element.tagName.toLowerCase()} "${name}" at ${where}`);
    }
  }
  return { width, scrollWidth: document.documentElement.scrollWidth, outside };
}"""


def reach_problems(page: Page) -> list[str]:
    """Sideways scrolling, and each interactive element not within the viewport's width."""
    measured: dict[str, Any] = page.evaluate(MEASURE, INTERACTIVE)
    problems = [f"off-screen: {item}" for item in measured["outside"]]
    if measured["scrollWidth"] > measured["width"]:
        problems.insert(0, f"scrolls sideways: {measured['scrollWidth']} > {measured['width']}")
    return problems
