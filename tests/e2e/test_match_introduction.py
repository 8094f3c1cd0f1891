"""After the journey's round: the match page and the caught email introduce the partner alike,
Slack included, and the Notifications page links a Telegram chat through the bot's deep link."""

from __future__ import annotations

from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit

import pytest
from icalendar import Calendar
from playwright.sync_api import BrowserContext, Page, expect

from tests.devstack.running import DevStack
from tests.e2e.chat_apps import TELEGRAM_WEBHOOK_SECRET
from tests.e2e.checks import visit
from tests.e2e.pages.admin import AdminSettingsPage
from tests.e2e.pages.member import MatchPage, NotificationsPage
from tests.e2e.pages.sign_in import SignInPage
from tests.e2e.people import ADA, ADMIN, GRACE, GRACE_ON_SLACK, Person
from tests.notifications.servers import LocalTelegram

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SLACK_DIRECT_MESSAGE = f"slack://user?team=T0LOCAL01&id={GRACE_ON_SLACK.user_id}"


def signed_in(new_context: Callable[..., BrowserContext], app_url: str, person: Person) -> Page:
    page = new_context(time_zone=person.time_zone).new_page()
    sign_in = SignInPage(page, base_url=app_url)
    sign_in.open()
    sign_in.sign_in(subject=person.subject)
    return page


def attendees_of(ics: str | bytes) -> set[str]:
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    found = cast("list[Any]", event["ATTENDEE"])
    return {str(attendee) for attendee in found}


def caught_intro(data_dir: Path, *, to: str, subject: str) -> EmailMessage:
    for path in sorted((data_dir / "mailbox").rglob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        if message["To"] == to and message["Subject"] == subject:
            return message
    raise AssertionError(f"no caught mail to {to} with subject {subject!r}")


@pytest.mark.timeout(300)
def test_the_match_page_and_the_email_introduce_the_partner(
    app_url: str,
    live_stack: DevStack,
    people: dict[str, Person],
    new_context: Callable[..., BrowserContext],
) -> None:
    ada = signed_in(new_context, app_url, ADA)
    match = MatchPage(ada, base_url=app_url)
    match.open()
    intro = ada.get_by_test_id("match-introduction")
    expect(intro).to_be_visible()
    partner = intro.get_by_test_id("intro-partner")
    expect(partner).to_contain_text(GRACE.name)
    expect(partner.get_by_test_id("intro-contact-email")).to_have_text(GRACE.email)
    # Grace linked her Slack account before the round: a line that opens a direct message.
    slack = partner.get_by_test_id("intro-contact-slack")
    expect(slack).to_have_text(f"@{GRACE_ON_SLACK.name}")
    expect(slack).to_have_attribute("href", SLACK_DIRECT_MESSAGE)
    visit(match, "match-introduction")
    expect(partner.get_by_test_id("intro-time-zone")).to_contain_text("America/New_York")
    expect(partner).to_contain_text("Books")
    # Both chose 30 minutes in the journey; the length fits every member.
    expect(intro.get_by_test_id("intro-length")).to_have_text("30 minutes")
    with ada.expect_download() as download:
        intro.get_by_test_id("download-invitation").click()
    ics = download.value.path().read_text(encoding="utf-8")
    assert "METHOD:REQUEST" in ics
    assert attendees_of(ics) == {f"mailto:{ADA.email}", f"mailto:{GRACE.email}"}

    mail = caught_intro(
        live_stack.data_dir, to=ADA.email, subject=f"Your coffee chat with {GRACE.name}"
    )
    text = mail.get_body(preferencelist=("plain",))
    assert text is not None
    body = text.get_content()
    assert f"Email: {GRACE.email}" in body
    assert f"Slack: @{GRACE_ON_SLACK.name}" in body
    html = mail.get_body(preferencelist=("html",))
    assert html is not None
    assert (
        f'<a href="{SLACK_DIRECT_MESSAGE.replace("&", "&amp;")}">@{GRACE_ON_SLACK.name}</a>'
        in html.get_content()
    )
    assert "Time zone: America/New_York" in body
    assert ", 30 minutes." in body
    assert "We met: " in body
    [invite] = [part for part in mail.walk() if part.get_content_type() == "text/calendar"]
    payload = invite.get_payload(decode=True)
    assert isinstance(payload, bytes)
    assert attendees_of(payload) == {f"mailto:{ADA.email}", f"mailto:{GRACE.email}"}


@pytest.mark.timeout(300)
def test_the_telegram_deep_link_links_the_chat(
    app_url: str, people: dict[str, Person], new_context: Callable[..., BrowserContext]
) -> None:
    admin = signed_in(new_context, app_url, ADMIN)
    settings = AdminSettingsPage(admin, base_url=app_url)
    settings.open()
    telegram = admin.get_by_role("checkbox", name="Telegram")
    if not telegram.is_checked():
        telegram.check()
        admin.get_by_role("button", name="Save settings").click()
        expect(admin.get_by_text("saved", exact=False).first).to_be_visible()

    grace = signed_in(new_context, app_url, GRACE)
    notifications = NotificationsPage(grace, base_url=app_url)
    notifications.open()
    links = grace.get_by_test_id("chat-links")
    expect(links.get_by_test_id("telegram-status")).to_have_text("Not linked yet.")
    # Nobody types a chat id: the Telegram card has no field for one, and waits for the link.
    card = grace.get_by_test_id("channel-TELEGRAM")
    expect(card.get_by_test_id("telegram-chat")).to_contain_text("Choose Connect Telegram")
    expect(card.get_by_role("textbox")).to_have_count(0)
    expect(grace.get_by_label("Chat ID")).to_have_count(0)
    expect(card.get_by_role("checkbox")).to_be_disabled()
    links.get_by_test_id("telegram-connect").click()
    deep_link = links.get_by_test_id("telegram-deep-link")
    expect(deep_link).to_be_visible()
    url = urlsplit(deep_link.inner_text())
    assert (url.netloc, url.path) == ("t.me", "/coffee_e2e_bot")
    [code] = parse_qs(url.query)["start"]

    telegram_side = LocalTelegram(webhook_url=f"{app_url}/bots/telegram", secret=None)
    assert telegram_side.send_start(chat_id=777001, code=code, username="grace_h") == 401
    telegram_side.secret = TELEGRAM_WEBHOOK_SECRET
    assert telegram_side.send_start(chat_id=777001, code=code, username="grace_h") == 200
    assert "now linked" in telegram_side.replies[-1]["text"]
    assert telegram_side.send_start(chat_id=777002, code=code, username="mallory") == 200
    assert "already used" in telegram_side.replies[-1]["text"]

    grace.reload()
    expect(grace.get_by_test_id("chat-links").get_by_test_id("telegram-status")).to_have_text(
        "Your Telegram chat is linked."
    )
    # Linking turned Telegram on: the card names the linked chat, and still asks for no id.
    expect(card.get_by_role("checkbox")).to_be_checked()
    expect(card.get_by_role("checkbox")).to_be_enabled()
    expect(card.get_by_test_id("telegram-chat")).to_contain_text("the Telegram chat you linked")
    expect(card.get_by_role("textbox")).to_have_count(0)
