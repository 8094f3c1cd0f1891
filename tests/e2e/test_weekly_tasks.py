"""The weekly tasks of a person and of an admin, with no dead end: each point people tripped on."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, expect

from devtools.local_provider import put_user
from tests.devstack.running import DevStack
from tests.e2e.newcomers import LIN, register, signed_in_page
from tests.e2e.pages.admin import AdminRoundsPage, AdminSettingsPage, AdminUsersPage
from tests.e2e.pages.base import AppPage
from tests.e2e.pages.member import MatchPage, NotificationsPage, ParticipationPage, ProfilePage
from tests.e2e.pages.sign_in import SignInPage
from tests.e2e.people import ADMIN, Person

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SELF_DEACTIVATION = "You cannot deactivate your own account. Another admin can."


def console_errors(page: Page, app_url: str) -> list[str]:
    """Collects what the app's own pages log as errors from now on."""
    found: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type == "error" and page.url.startswith(app_url):
            found.append(f"{page.url}: {message.text}")

    page.on("console", record)
    return found


@pytest.mark.timeout(600)
def test_a_person_gets_through_the_week_without_a_dead_end(
    app_url: str,
    live_stack: DevStack,
    people: dict[str, Person],
    new_context: Callable[..., BrowserContext],
) -> None:
    assert ADMIN.subject in people
    register(live_stack, LIN)
    page = signed_in_page(new_context, app_url, LIN)
    errors = console_errors(page, app_url)
    profile = ProfilePage(page, base_url=app_url)
    profile.open()
    expect(profile.heading("Profile and preferences")).to_be_visible()

    # A submit with a field to correct moves focus to that field.
    name = page.get_by_label("Name", exact=True)
    name.fill("")
    page.get_by_test_id("save-profile").click()
    expect(name).to_be_focused()
    expect(page.get_by_text("Enter the name colleagues know you by.")).to_be_visible()
    name.fill(LIN.name)
    page.get_by_label(re.compile("^Team")).fill("Ops")
    page.get_by_test_id("save-profile").click()
    expect(profile.flash("Profile saved.")).to_be_in_viewport()

    # Drag to paint an afternoon; a preset fills working hours in her own zone.
    profile.paint("Monday 13:00", "Monday 16:00")
    summary = page.get_by_test_id("availability-summary")
    expect(summary).to_have_text("Mon 13:00\u201317:00 (Asia/Tokyo)")
    page.get_by_role("button", name=re.compile("^Presets in my zone")).click()
    page.get_by_role("menuitem", name=re.compile("^Working hours")).click()
    expect(page.get_by_test_id("availability-summary")).to_contain_text("Fri 09:00\u201317:00")

    # Topics: Enter adds what was typed; the starter topics stay on offer once topics exist.
    profile.preferences().get_by_text("Choose topics").click()
    search = page.get_by_placeholder("Find or type a new topic")
    search.fill("Origami")
    expect(page.get_by_role("option").filter(has_text='Add "Origami"')).to_be_visible()
    search.press("Enter")
    page.keyboard.press("Escape")
    expect(profile.preferences().get_by_text("Origami", exact=True)).to_be_visible()
    profile.choose_meeting_length(45)
    profile.save_preferences()
    offered = profile.offered_topics()
    assert any(text.startswith("Origami") for text in offered), offered
    assert "Travel" in offered, "starter topics are offered beside the deployment's own"

    # Leaving with unsaved edits warns; leaving anyway drops them for good.
    team = page.get_by_label(re.compile("^Team"))
    team.fill("Ops and Finance")
    expect(page.get_by_test_id("unsaved-note").first).to_be_visible()
    profile.navigate("History")
    leave = page.get_by_role("dialog", name="Leave without saving?")
    expect(leave).to_be_visible()
    leave.get_by_role("button", name="Keep editing").click()
    expect(team).to_have_value("Ops and Finance")
    profile.navigate("History")
    page.get_by_test_id("discard-and-leave").click()
    expect(page).to_have_url(app_url + "/history")
    profile.navigate("Profile and preferences")
    expect(team).to_have_value("Ops")
    expect(page.get_by_test_id("unsaved-note")).to_have_count(0)
    # A reload or a closed tab with edits gets the browser's own warning.
    team.fill("Ops, Finance")
    expect(page.get_by_test_id("unsaved-note").first).to_be_visible()
    profile.wait_for_leave_warning()
    # Dismissed, the reload does not happen: the page and the edit stay.
    assert profile.reload_and_stay().type == "beforeunload"
    expect(team).to_have_value("Ops, Finance")
    page.get_by_role("button", name="Discard changes").first.click()
    expect(team).to_have_value("Ops")

    # The match page says when the next round is, and the truth while paused.
    match = MatchPage(page, base_url=app_url)
    match.navigate("Current match")
    expect(page.get_by_test_id("no-match")).to_contain_text("The next round runs")
    participation = ParticipationPage(page, base_url=app_url)
    participation.navigate("Participation")
    participation.pause()
    match.navigate("Current match")
    no_match = page.get_by_test_id("no-match")
    expect(no_match).to_contain_text("You are paused until you resume, so you are not in the next")
    expect(no_match).not_to_contain_text("The next round runs")
    participation.navigate("Participation")
    participation.resume()

    # A test message is marked as one, in the subject people see first.
    notifications = NotificationsPage(page, base_url=app_url)
    notifications.navigate("Notifications")
    outcome = notifications.send_test("EMAIL")
    assert outcome.startswith("Test message sent on Email"), outcome
    admin = new_context(time_zone=ADMIN.time_zone).new_page()
    SignInPage(admin, base_url=app_url).open()
    SignInPage(admin, base_url=app_url).sign_in(subject=ADMIN.subject)
    admin.goto(app_url + "/admin/sent-mail")
    caught = admin.get_by_role("row").filter(has_text=LIN.email)
    expect(caught.first).to_contain_text("[Test] ")

    # App routes answer 200; unknown files and API paths a real 404.
    for path in ("/match", "/profile", "/history", "/admin/settings", "/admin/audit"):
        assert page.request.get(app_url + path).status == 200, path
    for path in ("/assets/missing.js", "/favicon.ico", "/auth/missing", "/graphql/missing"):
        assert page.request.get(app_url + path).status == 404, path
    page.reload()
    expect(match.heading("Notifications")).to_be_visible()
    assert errors == [], errors


@pytest.mark.timeout(300)
def test_a_refused_sign_in_gives_its_reason(
    app_url: str, live_stack: DevStack, new_context: Callable[..., BrowserContext]
) -> None:
    # A provider that shares no email address.
    put_user(issuer=live_stack.oidc_url, subject="no-mail", claims={"name": "No Mail"})
    page = new_context().new_page()
    sign_in = SignInPage(page, base_url=app_url)
    sign_in.open()
    page.get_by_role("link", name="Sign in with Local sign-in").click()
    page.locator("input[name=sub]").fill("no-mail")
    page.get_by_role("button", name="Authorize").click()
    expect(page).to_have_url(app_url + "/sign-in")
    expect(page.get_by_text("Your sign-in provider shared no email address")).to_be_visible()
    expect(page.get_by_text("Your session has ended")).to_have_count(0)


@pytest.mark.timeout(600)
def test_an_admin_runs_the_deployment_without_joining(
    app_url: str, people: dict[str, Person], new_context: Callable[..., BrowserContext]
) -> None:
    assert ADMIN.subject in people
    page = new_context(time_zone=ADMIN.time_zone).new_page()
    errors = console_errors(page, app_url)
    sign_in = SignInPage(page, base_url=app_url)
    sign_in.open()
    sign_in.sign_in(subject=ADMIN.subject)
    # Not joined, yet not stuck on "Join": the admin lands on their overview, joining offered.
    expect(page).to_have_url(app_url + "/admin")
    home = AppPage(page, base_url=app_url)
    expect(home.heading("Administration")).to_be_visible()
    expect(page.get_by_test_id("admin-not-joined")).to_contain_text("not taking part")
    expect(page.get_by_test_id("admin-next-round")).not_to_be_empty()
    page.goto(app_url + "/match")
    expect(page).to_have_url(app_url + "/admin")

    users = AdminUsersPage(page, base_url=app_url)
    users.navigate("Users")
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumbs")
    expect(breadcrumbs.get_by_role("link", name="Administration")).to_be_visible()
    expect(users.rows().filter(has_text=ADMIN.email)).to_contain_text("Admin")
    # Their own row does not offer to deactivate themself, and says why.
    own = users.deactivate_button(ADMIN.name)
    expect(own).to_have_attribute("aria-disabled", "true")
    expect(own).to_have_accessible_description(SELF_DEACTIVATION)
    own.focus()
    expect(page.get_by_role("tooltip")).to_have_text(SELF_DEACTIVATION)
    page.get_by_placeholder("Find by name or email").fill(ADMIN.email)
    expect(page.get_by_text("1 person", exact=True).first).to_be_visible()
    page.get_by_placeholder("Find by name or email").fill("nobody-at-all")
    nobody = page.get_by_text("Nobody matches", exact=True)
    clear = page.get_by_role("button", name="Clear filters")
    expect(clear).to_be_visible()
    title_box, button_box = nobody.bounding_box(), clear.bounding_box()
    assert title_box is not None
    assert button_box is not None
    assert button_box["y"] >= title_box["y"] + title_box["height"], "title and button on one line"

    # The audit log is a page of its own.
    page.get_by_role("navigation").get_by_role("link", name="Audit log", exact=True).click()
    log = page.get_by_role("table", name="Audit log")
    expect(log.locator("tbody tr").first).to_be_visible()
    expect(log).to_contain_text("Sign in")

    # The round picker speaks the deployment's time zone.
    settings = AdminSettingsPage(page, base_url=app_url)
    settings.navigate("Deployment settings")
    page.locator("#settings-time-zone").click()
    page.keyboard.type("Europe/Berlin")
    page.get_by_role("option").filter(has_text="Europe/Berlin").first.click()
    page.get_by_test_id("save-settings").click()
    expect(settings.flash("Settings saved.")).to_be_in_viewport()
    rounds = AdminRoundsPage(page, base_url=app_url)
    rounds.navigate("Rounds")
    rounds.pick(date="2030/12/02", time="10:00")
    expect(page.get_by_test_id("round-slot-utc")).to_have_text("2030-12-02T09:00Z")
    preview = rounds.preview()
    expect(preview).to_contain_text("Slot 2030-12-02T09:00Z (UTC); times in Europe/Berlin")
    assert errors == [], errors
