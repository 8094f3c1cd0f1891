"""The profile filled and saved by keyboard alone, within a small budget of key presses."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.devstack.running import DevStack
from tests.e2e.newcomers import KIM, register, signed_in_page
from tests.e2e.pages.member import ProfilePage

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BUDGET = 40


class Keyboard:
    """Presses keys and types text, counting every key it presses."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.presses = 0

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.page.keyboard.press(key)
            self.presses += 1

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.presses += len(text)


@pytest.mark.timeout(300)
def test_the_profile_is_filled_and_saved_by_keyboard_alone(
    app_url: str, live_stack: DevStack, new_context: Callable[..., BrowserContext]
) -> None:
    register(live_stack, KIM)
    page = signed_in_page(new_context, app_url, KIM)
    profile = ProfilePage(page, base_url=app_url)
    profile.open()
    expect(profile.heading("Profile and preferences")).to_be_visible()
    # The heading shows while the forms load; the keys are for the forms.
    expect(page.get_by_label("Name", exact=True)).to_be_visible()
    expect(profile.hour("Monday 09:00")).to_be_visible()
    keys = Keyboard(page)

    # The first Tab stop skips the top bar and the navigation.
    keys.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    keys.press("Enter")
    # Name, display name, pronouns, job title, team.
    keys.press("Tab", 5)
    team = page.get_by_label(re.compile("^Team"))
    expect(team).to_be_focused()
    keys.type("Ops")
    keys.press("Enter")
    expect(profile.flash("Profile saved.")).to_be_visible()

    # About me, Save profile, time zone; then the grid is one Tab stop.
    keys.press("Tab", 4)
    expect(profile.hour("Monday 09:00")).to_be_focused()
    keys.press(" ")
    keys.press("ArrowRight")
    keys.press(" ")
    keys.press("ArrowDown")
    keys.press("Enter")
    assert profile.hour_is_picked("Tuesday 10:00")
    # Presets, Clear, topics, meeting length, Discard changes, Save preferences.
    keys.press("Tab", 6)
    expect(page.get_by_test_id("save-preferences")).to_be_focused()
    keys.press("Enter")
    expect(profile.flash("Preferences saved.")).to_be_visible()
    assert keys.presses <= BUDGET, f"{keys.presses} key presses"

    page.reload()
    expect(profile.heading("Profile and preferences")).to_be_visible()
    expect(team).to_have_value("Ops")
    expect(page.get_by_test_id("availability-summary")).to_have_text(
        "Mon 09:00\u201311:00, Tue 10:00\u201311:00 (Europe/Berlin)"
    )
