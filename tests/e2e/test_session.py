"""Sessions in the browser: a reload renews silently; an ended session keeps what was typed;
a renewal refused for a while (429) does not end it."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from itertools import pairwise

import pytest
from playwright.sync_api import BrowserContext, Route, expect

from tests.e2e.pages.admin import AdminSettingsPage, AdminUsersPage
from tests.e2e.pages.sign_in import SignInPage
from tests.e2e.people import ADMIN, Person

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.timeout(300)
def test_typing_survives_a_silent_renewal_and_a_new_sign_in(
    app_url: str, people: dict[str, Person], new_context: Callable[..., BrowserContext]
) -> None:
    assert ADMIN.subject in people
    context = new_context(time_zone=ADMIN.time_zone)
    page = context.new_page()
    settings = AdminSettingsPage(page, base_url=app_url)
    settings.open()
    sign_in = SignInPage(page, base_url=app_url)
    sign_in.sign_in(subject=ADMIN.subject)
    # Signing in brings the person back to the page they asked for.
    expect(settings.heading("Deployment settings")).to_be_visible()
    saved = page.get_by_label("Rounds run at").input_value()
    settings.set_schedule("15 8 * * wed")

    page.reload()
    expect(settings.heading("Deployment settings")).to_be_visible()
    expect(page.get_by_label("Rounds run at")).to_have_value("15 8 * * wed")
    assert settings.schedule_description().startswith("At 08:15, only on Wednesday")

    # The refresh cookie is gone, as after a sign-out elsewhere or its expiry.
    context.clear_cookies()
    page.reload()
    expect(page.get_by_role("link", name="Sign in with Local sign-in")).to_be_visible()
    sign_in.sign_in(subject=ADMIN.subject)
    expect(settings.heading("Deployment settings")).to_be_visible()
    expect(page.get_by_label("Rounds run at")).to_have_value("15 8 * * wed")

    page.get_by_role("button", name="Discard changes").click()
    expect(page.get_by_label("Rounds run at")).to_have_value(saved)


@pytest.mark.timeout(300)
def test_a_rate_limited_renewal_waits_and_does_not_sign_out(
    app_url: str, people: dict[str, Person], new_context: Callable[..., BrowserContext]
) -> None:
    assert ADMIN.subject in people
    page = new_context(time_zone=ADMIN.time_zone).new_page()
    users = AdminUsersPage(page, base_url=app_url)
    users.open()
    SignInPage(page, base_url=app_url).sign_in(subject=ADMIN.subject)
    expect(users.rows().first).to_be_visible()

    # For a while the API answers renewals as its rate limit does: 429, try again in 1 s.
    refresh = app_url + "/auth/refresh"
    asked: list[float] = []

    def rate_limited(route: Route) -> None:
        asked.append(time.monotonic())
        error = {"code": "RATE_LIMITED", "message": "too many requests", "retryAfter": 1}
        route.fulfill(
            status=429,
            headers={"Retry-After": "1", "Cache-Control": "no-store"},
            content_type="application/json",
            body=json.dumps({"error": error}),
        )

    page.route(refresh, rate_limited)
    page.reload()
    try_again = page.get_by_role("button", name="Try again")
    expect(try_again).to_be_visible()
    expect(page.get_by_test_id("session-problem")).to_contain_text("You are not signed out.")
    expect(page).to_have_url(app_url + users.path)
    # A bounded number of calls, each after the wait the answer asked for.
    assert len(asked) == 3, asked
    assert all(later - earlier >= 0.9 for earlier, later in pairwise(asked)), asked

    # Once the limit has passed, the same session renews: nobody signs in again.
    page.unroute(refresh)
    try_again.click()
    expect(users.rows().first).to_be_visible()
    expect(page.get_by_test_id("session-problem")).to_have_count(0)
