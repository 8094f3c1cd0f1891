"""Every page at phone width (390x844): a screenshot, no serious axe violation, all within reach."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.devstack.running import DevStack
from tests.e2e.browser import SCREENSHOTS
from tests.e2e.newcomers import register, signed_in_page
from tests.e2e.pages.admin import AdminGraphiQLPage, AdminRoundsPage
from tests.e2e.pages.base import AppPage
from tests.e2e.pages.sign_in import SignInPage
from tests.e2e.people import ADMIN, Person
from tests.e2e.phone import PHONE, reach_problems

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAT = Person(subject="pat", name="Pat Quinn", email="pat@example.com", time_zone="Europe/Lisbon")
SAM = Person(subject="sam", name="Sam Rivera", email="sam@example.com", time_zone="Europe/Lisbon")

# Each page by the name of its screenshot: its path and its main heading.
MEMBER_PAGES = {
    "match": ("/match", "Current match"),
    "history": ("/history", "History"),
    "profile": ("/profile", "Profile and preferences"),
    "notifications": ("/notifications", "Notifications"),
    "participation": ("/participation", "Participation"),
    "not-found": ("/no-such-page", "Page not found"),
}
ADMIN_PAGES = {
    "admin-home": ("/admin", "Administration"),
    "admin-users": ("/admin/users", "Users"),
    "admin-stats": ("/admin/stats", "Statistics"),
    "admin-settings": ("/admin/settings", "Deployment settings"),
    "admin-rounds": ("/admin/rounds", "Rounds"),
    "admin-audit": ("/admin/audit", "Audit log"),
    "admin-deliveries": ("/admin/deliveries", "Undelivered notifications"),
    "admin-sent-mail": ("/admin/sent-mail", "Sent mail (development)"),
    "admin-graphiql": ("/admin/graphiql", "GraphiQL"),
}


def check(page: Page, name: str, heading: str | None = None) -> list[str]:
    """Writes the phone screenshot; returns what blocks a person on this page."""
    view = AppPage(page, base_url="")
    if heading is not None:
        # Table pages add a counter: "History (1)".
        named = re.compile("^" + re.escape(heading) + r"( \(\d+\+?\))?$")
        expect(page.get_by_role("heading", name=named).first).to_be_visible()
    view.wait_loaded()
    # Let late content (charts, live status) settle before measuring.
    page.wait_for_timeout(300)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"phone-{name}.png")
    problems = [f"{name}: {problem}" for problem in reach_problems(page)]
    problems += [f"{name}: {violation}" for violation in view.accessibility_problems()]
    return problems


def phone_page(
    new_context: Callable[..., BrowserContext], app_url: str, person: Person, *, join: bool = True
) -> Page:
    return signed_in_page(new_context, app_url, person, join=join, viewport=PHONE)


@pytest.mark.timeout(600)
def test_every_page_works_at_phone_width(
    app_url: str,
    live_stack: DevStack,
    people: dict[str, Person],
    new_context: Callable[..., BrowserContext],
) -> None:
    assert ADMIN.subject in people
    problems: list[str] = []

    # Signed out, then the opt-in step of someone new.
    visitor = new_context().new_page()
    visitor.set_viewport_size(PHONE)
    SignInPage(visitor, base_url=app_url).open()
    expect(visitor.get_by_role("link", name="Sign in with Local sign-in")).to_be_visible()
    problems += check(visitor, "sign-in", "Virtual Coffee")
    for person in (PAT, SAM):
        register(live_stack, person)
    sam = phone_page(new_context, app_url, SAM, join=False)
    expect(sam.get_by_role("heading", name="Join Virtual Coffee")).to_be_visible()
    problems += check(sam, "opt-in", "Join Virtual Coffee")
    sam.get_by_role("checkbox").check()
    sam.get_by_role("button", name="Join").click()
    expect(sam.get_by_role("heading", name="Join Virtual Coffee")).to_have_count(0)

    # An admin runs a round from the phone, so Pat has a match and a history row.
    pat = phone_page(new_context, app_url, PAT)
    admin = phone_page(new_context, app_url, ADMIN, join=False)
    rounds = AdminRoundsPage(admin, base_url=app_url)
    rounds.open()
    # Tomorrow at this minute: a slot no other test of this stack runs.
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    rounds.pick(date=tomorrow.strftime("%Y/%m/%d"), time=tomorrow.strftime("%H:%M"))
    rounds.run_now()
    expect(admin.get_by_test_id("run-outcome")).to_contain_text("Round complete", timeout=60_000)

    for name, (path, heading) in MEMBER_PAGES.items():
        pat.goto(app_url + path)
        if name == "history":
            action = pat.get_by_role("button", name="Did you meet?").first
            expect(action).to_be_visible()
            action.scroll_into_view_if_needed()
            expect(action).to_be_in_viewport(ratio=1)
        problems += check(pat, name, heading)
        if name == "profile":
            # On a phone the days run across and the hours down: cells a finger can hit.
            grid = pat.get_by_role("grid")
            # Its top just under the sticky bars, day names in view.
            grid.evaluate("e => window.scrollBy(0, e.getBoundingClientRect().top - 100)")
            cell = grid.get_by_role("gridcell", name="Monday 09:00").bounding_box()
            assert cell is not None
            assert cell["width"] >= 30, cell
            assert cell["height"] >= 24, cell
            pat.screenshot(path=SCREENSHOTS / "phone-profile-availability.png")
    for name, (path, heading) in ADMIN_PAGES.items():
        admin.goto(app_url + path)
        if name == "admin-graphiql":
            # The response stacks under the operation, both as wide as the phone.
            graphiql = AdminGraphiQLPage(admin, base_url=app_url)
            expect(admin.get_by_text("deploymentConfig").first).to_be_visible()
            graphiql.run_query()
            response = admin.locator(".graphiql-response")
            expect(response).to_contain_text('"activePeople"')
            editor, answer = graphiql.operation_box(), response.bounding_box()
            assert editor is not None
            assert answer is not None
            assert answer["y"] >= editor["y"] + editor["height"], (editor, answer)
            assert answer["width"] >= 300, answer
        problems += check(admin, name, heading)
    assert problems == [], "\n".join(problems)
