"""What every page object shares: the Playwright page, the app's address and its screenshots."""

from __future__ import annotations

import time

from playwright.sync_api import Dialog, Locator, Page, expect

from tests.e2e.accessibility import Violation, blocking_violations
from tests.e2e.browser import SCREENSHOTS


class AppPage:
    path = "/"

    def __init__(self, page: Page, *, base_url: str) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")

    def open(self) -> None:
        self.page.goto(self.base_url + self.path)

    def navigate(self, link_text: str) -> None:
        """Follows a link of the side navigation, as a person would."""
        self.page.get_by_role("navigation").get_by_role("link", name=link_text, exact=True).click()

    def heading(self, name: str) -> Locator:
        return self.page.get_by_role("heading", name=name, exact=True)

    def wait_loaded(self) -> None:
        expect(self.page.get_by_text("Loading", exact=False)).to_have_count(0, timeout=15_000)

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        # The viewport only: full-page captures repeat the sticky top bar mid-page.
        self.page.screenshot(path=SCREENSHOTS / f"{name}.png")

    def accessibility_problems(self) -> list[Violation]:
        # A message still fading in is measured at part of its opacity: axe would report the
        # contrast of a frame nobody reads. Checked once the page's transitions have ended
        # (endless ones, such as a spinner's, are not waited for).
        self.page.wait_for_function(
            """() => document.getAnimations().every(
                (a) =>
                  a.playState !== "running" ||
                  a.effect?.getComputedTiming().endTime === Infinity
            )""",
            timeout=10_000,
        )
        return blocking_violations(self.page)

    def flash(self, text: str) -> Locator:
        """A message of the Flashbar at the top of the page, which stays in view."""
        return self.page.get_by_test_id("flashbar").get_by_text(text, exact=True)

    def alert(self, header: str) -> Locator:
        return self.page.get_by_text(header, exact=True)

    def sideways_overflow(self, element: Locator) -> int:
        """The pixels of `element` beyond the box that scrolls it sideways (or the page)."""
        overflow: int = element.evaluate(
            """(element) => {
              let box = element.parentElement;
              while (box && !["auto", "scroll"].includes(getComputedStyle(box).overflowX)) {
                box = box.parentElement;
              }
              box = box ?? document.documentElement;
              return box.scrollWidth - box.clientWidth;
            }"""
        )
        return overflow

    def leave_warning_set(self) -> bool:
        """Whether the page holds a `beforeunload` listener, as the debugger lists them."""
        cdp = self.page.context.new_cdp_session(self.page)
        try:
            window = cdp.send("Runtime.evaluate", {"expression": "window"})["result"]
            found = cdp.send("DOMDebugger.getEventListeners", {"objectId": window["objectId"]})
        finally:
            cdp.detach()
        return any(listener["type"] == "beforeunload" for listener in found["listeners"])

    def wait_for_leave_warning(self, *, seconds: float = 15) -> None:
        deadline = time.monotonic() + seconds
        while not self.leave_warning_set():
            assert time.monotonic() < deadline, "the page never set its leave warning"
            self.page.wait_for_timeout(50)

    def reload_and_stay(self) -> Dialog:
        """Reloads, answers the browser's leave prompt with "stay", and returns that prompt.

        The page is the same document afterwards: a marker set before the reload is still there.
        """
        self.page.evaluate("() => { window.__beforeReload = true; }")
        with self.page.expect_event("dialog") as shown:
            # Later, so this call returns before the prompt holds the page.
            self.page.evaluate("() => { setTimeout(() => location.reload()); }")
        prompt = shown.value
        prompt.dismiss()
        assert self.page.evaluate("() => window.__beforeReload === true"), "the page reloaded"
        return prompt
