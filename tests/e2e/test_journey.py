"""A week of Virtual Coffee in the browser, against the whole stack as `make dev` starts it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.chat_apps import SLACK_SIGNING_SECRET
from tests.e2e.checks import visit
from tests.e2e.pages.admin import AdminRoundsPage, AdminSettingsPage, AdminStatsPage, AdminUsersPage
from tests.e2e.pages.member import (
    HistoryPage,
    MatchPage,
    NotificationsPage,
    ParticipationPage,
    ProfilePage,
)
from tests.e2e.pages.sign_in import OptInPage, SignInPage
from tests.e2e.people import ADA, ADMIN, GRACE, GRACE_ON_SLACK, Person
from tests.notifications.servers import SlackCaller

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def signed_in(
    new_context: Callable[..., BrowserContext], app_url: str, person: Person, *, shots: bool
) -> Page:
    page = new_context(time_zone=person.time_zone).new_page()
    sign_in = SignInPage(page, base_url=app_url)
    sign_in.open()
    assert sign_in.provider_buttons() == ["Sign in with Local sign-in"]
    if shots:
        visit(sign_in, "sign-in")
    sign_in.sign_in(subject=person.subject)
    return page


def join(page: Page, app_url: str, *, shots: bool) -> None:
    opt_in = OptInPage(page, base_url=app_url)
    expect(opt_in.heading("Join Virtual Coffee")).to_be_visible()
    if shots:
        visit(opt_in, "opt-in")
    opt_in.join()


def set_preferences(page: Page, app_url: str, *, hours: list[str], topics: list[str]) -> None:
    profile = ProfilePage(page, base_url=app_url)
    expect(profile.heading("Profile and preferences")).to_be_visible()
    profile.pick_hours(hours)
    profile.add_topics(topics)
    profile.choose_meeting_length(30)
    profile.save_preferences()


@pytest.mark.timeout(900)
def test_members_meet_after_an_admin_runs_a_round(
    app_url: str, people: dict[str, Person], new_context: Callable[..., BrowserContext]
) -> None:
    assert set(people) == {ADA.subject, GRACE.subject, ADMIN.subject}

    # Ada signs in, opts in and sets her preferences in her own time zone.
    ada = signed_in(new_context, app_url, ADA, shots=True)
    join(ada, app_url, shots=True)
    set_preferences(ada, app_url, hours=["Monday 09:00", "Monday 10:00"], topics=["Books", "Chess"])
    ada.reload()
    profile = ProfilePage(ada, base_url=app_url)
    expect(profile.heading("Profile and preferences")).to_be_visible()
    assert profile.hour_is_picked("Monday 09:00"), "a reload signs in silently and keeps the hours"
    assert profile.availability_summary() == "Mon 09:00\u201311:00 (Europe/London)"
    visit(profile, "profile")

    notifications = NotificationsPage(ada, base_url=app_url)
    notifications.navigate("Notifications")
    expect(notifications.heading("Notifications")).to_be_visible()
    # Shown either way: whether this API process may send mail is the deployment's choice.
    outcome = notifications.send_test("EMAIL")
    assert outcome.startswith(("Test message sent on Email", "Email did not deliver")), outcome
    assert len(outcome.splitlines()) >= 2, "the outcome says what happened"
    visit(notifications, "notifications")

    # She pauses until next week, then changes her mind.
    participation = ParticipationPage(ada, base_url=app_url)
    participation.navigate("Participation")
    last_day = datetime.now(UTC).date() + timedelta(days=7)
    participation.pause(until=last_day.strftime("%Y/%m/%d"))
    expect(ada.get_by_test_id("participation-status")).to_contain_text("Paused through")
    visit(participation, "participation")
    participation.resume()
    expect(ada.get_by_test_id("participation-status")).to_have_text("Taking part")

    # Grace, in New York, is free at the same moment: 04:00 there is 09:00 in London.
    grace = signed_in(new_context, app_url, GRACE, shots=False)
    join(grace, app_url, shots=False)
    # The picker offers what people of the deployment listed: Ada's topics, Chess included.
    offered = ProfilePage(grace, base_url=app_url).offered_topics()
    # Listed topics come first, each with how many people list it (other tests of this stack
    # may list them too, which changes the counts and their order, not what is offered).
    counted = re.compile(r"\n\d+ (person|people)$")
    listed = [entry for entry in offered if counted.search(entry)]
    assert {"Books", "Chess"} <= {entry.split("\n")[0] for entry in listed}, offered
    assert offered[: len(listed)] == listed, offered  # before the starter topics
    set_preferences(grace, app_url, hours=["Monday 04:00"], topics=["Books", "Sailing"])

    # The admin offers the deployment's Slack app; Grace links her Slack account with the
    # one-time command the Notifications page gives her, typed in Slack (the test plays Slack).
    admin = signed_in(new_context, app_url, ADMIN, shots=False)
    admin_settings = AdminSettingsPage(admin, base_url=app_url)
    admin_settings.open()
    admin_settings.offer_channels("Slack")
    grace_notifications = NotificationsPage(grace, base_url=app_url)
    grace_notifications.open()
    command = grace_notifications.slack_command()
    assert command.startswith("/coffee connect "), command
    linked = SlackCaller(app_url=app_url, signing_secret=SLACK_SIGNING_SECRET).command(
        user_id=GRACE_ON_SLACK.user_id,
        user_name=GRACE_ON_SLACK.name,
        text=command.removeprefix("/coffee "),
    )
    assert linked.json()["text"] == "Linked: your coffee chats can reach you here."

    ada_match = MatchPage(ada, base_url=app_url)
    ada_match.navigate("Current match")
    grace_match = MatchPage(grace, base_url=app_url)
    grace_match.navigate("Current match")
    for match in (ada_match, grace_match):
        expect(match.page.get_by_text("No match yet")).to_be_visible()
        expect(match.live()).to_contain_text("Live")
    visit(ada_match, "match-empty")
    # A marker that a reload would wipe: the match must arrive without one.
    for match in (ada_match, grace_match):
        match.page.evaluate("() => { window.__stillTheSamePage = true; }")

    # The admin looks at the figures, previews a round and runs it.
    stats = AdminStatsPage(admin, base_url=app_url)
    stats.open()
    assert stats.figure("stat-feedback") == "0"
    assert stats.figure("stat-active") == "2"
    assert stats.figure("stat-rating") == "\u2014"
    # Before a round, the round charts say so rather than draw empty axes.
    expect(admin.get_by_test_id("chart-empty")).to_have_count(2)
    expect(admin.get_by_test_id("delivery-empty")).to_be_visible()
    rounds = AdminRoundsPage(admin, base_url=app_url)
    rounds.navigate("Rounds")
    preview = rounds.preview()
    expect(preview.get_by_role("heading", name="Preview: 1 group")).to_be_visible()
    expect(preview.get_by_test_id("preview-quality-repeats")).to_contain_text("0")
    expect(preview.get_by_role("columnheader", name="Suggested time (UTC)")).to_be_visible()
    rounds.run_now()
    # The preview of what is now written goes; the outcome follows the run to its end.
    expect(admin.get_by_test_id("round-preview")).to_have_count(0)
    visit(rounds, "admin-rounds")

    # Both see their match appear, live.
    ada_match.wait_for_match_with(GRACE.name)
    grace_match.wait_for_match_with(ADA.name)
    for match in (ada_match, grace_match):
        expect(match.page.get_by_text("You have a new match")).to_be_visible()
        assert match.page.evaluate("() => window.__stillTheSamePage === true")
    expect(ada_match.current().get_by_text("Books", exact=True)).to_be_visible()
    assert ada_match.suggested_time().startswith("Monday"), ada_match.suggested_time()
    assert "09:00" in ada_match.suggested_time()
    assert "04:00" in grace_match.suggested_time()
    calendar = ada_match.download_calendar()
    assert "BEGIN:VEVENT" in calendar
    assert "mailto:grace@example.com" in calendar
    visit(ada_match, "match")

    # The admin saw the round being written, live, and it is listed with its figures.
    expect(admin.get_by_test_id("run-outcome").get_by_text("Round complete")).to_be_visible()
    expect(admin.get_by_text("Round queued")).to_have_count(0)
    expect(rounds.past_rounds().filter(has_text="completed")).to_have_count(1)
    # Beside the side navigation of a 1280 px screen, the table fits without scrolling sideways.
    admin.set_viewport_size({"width": 1280, "height": 800})
    expect(admin.get_by_role("navigation", name="Side navigation")).to_be_visible()
    assert rounds.sideways_overflow(rounds.past_rounds_table()) == 0
    rounds.past_rounds_table().scroll_into_view_if_needed()
    rounds.screenshot("admin-rounds-past")

    # The match page leads to the feedback question for this match.
    ada.get_by_test_id("give-feedback").click()
    asked = ada.get_by_role("dialog", name=f"Did you meet {GRACE.name}?")
    expect(asked).to_be_visible()
    asked.get_by_role("button", name="Cancel").click()
    expect(asked).to_be_hidden()

    # Ada says they met; the table shows her answer.
    history = HistoryPage(ada, base_url=app_url)
    expect(history.rows().filter(has_text=GRACE.name)).to_have_count(1)
    history.give_feedback(with_name=GRACE.name, met=True, rating=5)
    assert "Yes, we met" in history.answer_for(GRACE.name)
    visit(history, "history")

    # The admin's figures reflect the round and the feedback.
    stats.navigate("Statistics")
    expect(admin.get_by_test_id("stat-feedback")).to_have_text("1")
    expect(admin.get_by_test_id("stat-rounds")).to_have_text("1 of 1")
    expect(admin.get_by_test_id("stat-groups")).to_have_text("1")
    expect(admin.get_by_test_id("stat-met-share")).to_have_text("100%")
    expect(admin.get_by_test_id("stat-rating")).to_have_text("5.0 / 5")
    expect(admin.get_by_test_id("chart-empty")).to_have_count(0)
    visit(stats, "admin-stats")

    users = AdminUsersPage(admin, base_url=app_url)
    users.navigate("Users")
    for person in (ADA, GRACE, ADMIN):
        expect(users.rows().filter(has_text=person.email)).to_have_count(1)
    assert "Active" in users.status_of(ADA.email)
    visit(users, "admin-users")
    # The admin pauses Ada for her, then resumes her.
    users.pause(ADA.name)
    expect(users.rows().filter(has_text=ADA.email)).to_contain_text("Paused")
    ada.goto(app_url + "/participation")
    expect(ada.get_by_test_id("participation-status")).to_have_text("Paused until you resume")
    users.resume(ADA.name)
    expect(users.rows().filter(has_text=ADA.email)).to_contain_text("Active")

    settings = AdminSettingsPage(admin, base_url=app_url)
    settings.navigate("Deployment settings")
    settings.set_schedule("30 10 * * tue")
    assert settings.schedule_description().startswith("At 10:30, only on Tuesday")
    expect(settings.page.get_by_test_id("schedule-runs").locator("li")).to_have_count(5)

    # The admin rewrites the match message, watching the preview as they type.
    settings.write_template(subject="Coffee with {{ partner_names }}", body="Hi {{ nickname }}")
    expect(settings.template()).to_contain_text("Unknown variable: nickname")
    settings.write_template(
        subject="Coffee with {{ partner_names }}",
        body="Hi {{ reader.name }}, meet {{ partner_names }}.\n{{ conversation_starter }}",
    )
    expect(settings.preview_text()).to_have_text(
        "Hi Ada, meet Grace.\nWhat is something you learned this week?"
    )
    expect(admin.get_by_test_id("preview-subject")).to_have_text("Coffee with Grace")
    visit(settings, "admin-settings")
    settings.save_template()
    expect(admin.get_by_text("Template saved.")).to_be_visible()
    admin.reload()
    expect(settings.template().get_by_label("Message")).to_have_value(
        "Hi {{ reader.name }}, meet {{ partner_names }}.\n{{ conversation_starter }}"
    )
