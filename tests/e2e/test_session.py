"""Sessions in the browser: a reload renews silently; an ended session keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.e2e.pages.admin import AdminSettingsPage
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
