"""The met rate on the Statistics page after a round answered on three channels.

A stack of its own (fresh data, its own Slack and Telegram servers), so the figures are this
round's alone: six members, two introduced by email, two by the Slack app, two by the
Telegram bot. They answer the way each channel lets them: the email's one-click link and its
confirmation page, a signed Slack button press, a Telegram button press through the webhook.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from devtools.local_provider import put_user
from tests.devstack.running import DevStack, dev_ports_env, start_dev
from tests.e2e.browser import SCREENSHOTS
from tests.e2e.chat_apps import SLACK_SIGNING_SECRET, TELEGRAM_WEBHOOK_SECRET, ChatServers
from tests.e2e.checks import visit
from tests.e2e.newcomers import signed_in_page
from tests.e2e.pages.admin import AdminRoundsPage, AdminSettingsPage, AdminStatsPage
from tests.e2e.pages.member import NotificationsPage
from tests.e2e.people import ADMIN, Person
from tests.notifications.servers import LocalTelegram, SlackCaller, buttons_of

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ZONE = "Europe/Berlin"
ON_EMAIL = (
    Person(subject="erin", name="Erin Email", email="erin@example.com", time_zone=ZONE),
    Person(subject="eli", name="Eli Email", email="eli@example.com", time_zone=ZONE),
)
ON_SLACK = (
    Person(subject="sasha", name="Sasha Slack", email="sasha@example.com", time_zone=ZONE),
    Person(subject="sol", name="Sol Slack", email="sol@example.com", time_zone=ZONE),
)
ON_TELEGRAM = (
    Person(subject="tara", name="Tara Telegram", email="tara@example.com", time_zone=ZONE),
    Person(subject="tom", name="Tom Telegram", email="tom@example.com", time_zone=ZONE),
)
MEMBERS = (*ON_EMAIL, *ON_SLACK, *ON_TELEGRAM)
CHAT_OF = {ON_TELEGRAM[0].email: 700101, ON_TELEGRAM[1].email: 700102}

# Each person's answer, by the channel they were introduced on; None: no answer.
ANSWERS: dict[str, str | None] = {
    ON_EMAIL[0].email: "met",
    ON_EMAIL[1].email: None,
    ON_SLACK[0].email: "met",
    ON_SLACK[1].email: "not_yet",
    ON_TELEGRAM[0].email: "not_yet",
    ON_TELEGRAM[1].email: None,
}
# What those answers make of each channel: (introduced, answered share, met share).
BY_CHANNEL = {
    "EMAIL": ("2", "50%", "50%"),
    "SLACK": ("2", "100%", "50%"),
    "TELEGRAM": ("2", "50%", "0%"),
}
CHANNEL_NAMES = {"EMAIL": "Email", "SLACK": "Slack", "TELEGRAM": "Telegram"}


@pytest.fixture(scope="module")
def round_apps() -> Iterator[ChatServers]:
    servers = ChatServers()
    servers.start()
    try:
        yield servers
    finally:
        servers.stop()


@pytest.fixture(scope="module")
def round_stack(
    built_frontend: Path, tmp_path_factory: pytest.TempPathFactory, round_apps: ChatServers
) -> Iterator[DevStack]:
    """`vcoffee dev` with data of its own, pointed at this module's Slack and Telegram."""
    stack = start_dev(
        data_dir=tmp_path_factory.mktemp("met-rate-data"),
        ports=dev_ports_env() | round_apps.environment(),
    )
    try:
        for person in (ADMIN, *MEMBERS):
            put_user(issuer=stack.oidc_url, subject=person.subject, claims=person.claims())
        yield stack
    finally:
        stack.stop()


def turn_slack_on(page: Page, app_url: str) -> None:
    """Slack on and primary on the Notifications page: the Slack app links by verified email.

    No webhook is asked for; the card then says whom the app linked.
    """
    notifications = NotificationsPage(page, base_url=app_url)
    notifications.open()
    card = page.get_by_test_id("channel-SLACK")
    expect(card.get_by_test_id("slack-link")).to_contain_text("Not linked yet")
    expect(card.get_by_label("Incoming webhook URL")).to_have_count(0)
    card.get_by_role("checkbox").check()
    page.get_by_role("radio", name="Slack").check()
    page.get_by_test_id("save-notifications").click()
    expect(notifications.flash("Notification settings saved.")).to_be_visible()
    expect(card.get_by_test_id("slack-link")).to_contain_text("introduces you in Slack as @")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    card.screenshot(path=SCREENSHOTS / "notifications-slack-app.png")


def link_telegram(page: Page, app_url: str, *, chat_id: int, username: str) -> None:
    """The bot's deep link from the Notifications page, Start in Telegram, Telegram primary."""
    notifications = NotificationsPage(page, base_url=app_url)
    notifications.open()
    code = notifications.telegram_deep_link().rpartition("start=")[2]
    telegram = LocalTelegram(webhook_url=f"{app_url}/bots/telegram", secret=TELEGRAM_WEBHOOK_SECRET)
    assert telegram.send_start(chat_id=chat_id, code=code, username=username) == 200
    assert "now linked" in telegram.replies[-1]["text"]
    page.reload()
    page.get_by_role("radio", name="Telegram").check()
    page.get_by_test_id("save-notifications").click()
    expect(notifications.flash("Notification settings saved.")).to_be_visible()


def wait_for(found: Callable[[], Any], what: str, *, seconds: float = 90) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = found()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"no {what} within {seconds:.0f}s")


def caught_mail(data_dir: Path, *, to: str) -> EmailMessage | None:
    for path in sorted((data_dir / "mailbox").rglob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        if message["To"] == to and str(message["Subject"]).startswith("Your coffee chat with"):
            return message
    return None


def partner_in(text: str) -> str:
    """The partner a match message names: "This round you are meeting <name>."."""
    found = re.search(r"This round you are meeting (.+?)\.\n", text)
    assert found is not None, text
    return found.group(1)


def answer_by_email(page: Page, mail: EmailMessage, answer: str) -> None:
    """Opens the email's one-click link, then confirms on the page it opens."""
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None
    label = {"met": "We met", "not_yet": "Not yet"}[answer]
    link = re.search(rf"{label}: (\S+)", body.get_content())
    assert link is not None
    page.goto(link.group(1))
    expect(page.get_by_role("heading", name=f"{label}?")).to_be_visible()
    page.get_by_role("button", name=label).click()
    expect(page.get_by_role("heading", name=f"Recorded: {label}")).to_be_visible()


def slack_post_of(apps: ChatServers, slack_id: str) -> dict[str, Any] | None:
    for post in list(apps.slack.posts):
        value = buttons_of(post)["answer_met"]["value"]
        if slack_id in value:
            return post
    return None


def introduced_counts(stats: AdminStatsPage, by_channel: Locator) -> dict[str, str]:
    """Opens the Statistics page; how many introductions each channel counts."""
    stats.open()
    expect(stats.page.get_by_test_id("met-rate")).to_be_visible()
    return {
        channel: row.locator("td").nth(1).inner_text().strip()
        for channel in BY_CHANNEL
        for row in by_channel.locator("tbody tr").filter(has_text=CHANNEL_NAMES[channel]).all()
    }


@pytest.mark.timeout(900)
def test_the_statistics_page_shows_the_met_rate_by_intro_channel(
    round_stack: DevStack,
    round_apps: ChatServers,
    new_context: Callable[..., BrowserContext],
) -> None:
    app_url = round_stack.url.rstrip("/")
    admin = signed_in_page(new_context, app_url, ADMIN, join=False)
    settings = AdminSettingsPage(admin, base_url=app_url)
    settings.open()
    settings.offer_channels("Slack", "Telegram")

    pages = {person.email: signed_in_page(new_context, app_url, person) for person in MEMBERS}
    slack_ids = {}
    for person in ON_SLACK:
        slack_ids[person.email] = round_apps.slack.member(
            person.email, name=person.subject, display_name=person.name
        )
        turn_slack_on(pages[person.email], app_url)
    for person in ON_TELEGRAM:
        link_telegram(
            pages[person.email], app_url, chat_id=CHAT_OF[person.email], username=person.subject
        )

    rounds = AdminRoundsPage(admin, base_url=app_url)
    rounds.open()
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    rounds.pick(date=tomorrow.strftime("%Y/%m/%d"), time=tomorrow.strftime("%H:%M"))
    rounds.run_now()
    expect(admin.get_by_test_id("run-outcome")).to_contain_text("Round complete", timeout=60_000)

    # Each member's introduction arrives on their channel; it names their partner.
    partner_of: dict[str, str] = {}
    mails = {}
    for person in ON_EMAIL:
        mail = wait_for(partial(caught_mail, round_stack.data_dir, to=person.email), "mail")
        mails[person.email] = mail
        text = mail.get_body(preferencelist=("plain",))
        partner_of[person.name] = partner_in(text.get_content().replace("\r\n", "\n"))
    posts = {}
    for person in ON_SLACK:
        post = wait_for(partial(slack_post_of, round_apps, slack_ids[person.email]), "Slack post")
        posts[person.email] = post
        # The Slack app names everyone of the match, in one conversation.
        [other] = [
            name for name in post["text"].split(": ", 1)[1].split(", ") if name != person.name
        ]
        partner_of[person.name] = other
    telegram = LocalTelegram(webhook_url=f"{app_url}/bots/telegram", secret=TELEGRAM_WEBHOOK_SECRET)
    keyboards = {}
    for person in ON_TELEGRAM:
        chat = CHAT_OF[person.email]
        [message] = wait_for(partial(round_apps.telegram_messages, chat), "Telegram message")
        keyboards[person.email] = message["reply_markup"]["inline_keyboard"]
        partner_of[person.name] = partner_in(message["text"])
    assert sorted(partner_of) == sorted(person.name for person in MEMBERS)

    # The answers, each through its channel's own path.
    for person in ON_EMAIL:
        answer = ANSWERS[person.email]
        if answer is not None:
            answer_by_email(pages[person.email], mails[person.email], answer)
    slack = SlackCaller(app_url=app_url, signing_secret=SLACK_SIGNING_SECRET)
    for person in ON_SLACK:
        answer = ANSWERS[person.email]
        assert answer is not None
        pressed = slack.press(
            user_id=slack_ids[person.email],
            user_name=person.subject,
            button=buttons_of(posts[person.email])[f"answer_{answer}"],
        )
        assert pressed.status_code == 200, pressed.text
        assert pressed.json()["text"].startswith("Recorded: "), pressed.json()
    for person in ON_TELEGRAM:
        answer = ANSWERS[person.email]
        if answer is None:
            continue
        label = {"met": "We met", "not_yet": "Not yet"}[answer]
        [data] = [
            row[0]["callback_data"] for row in keyboards[person.email] if row[0]["text"] == label
        ]
        chat = CHAT_OF[person.email]
        assert telegram.press(chat_id=chat, data=data, username=person.subject) == 200
        assert telegram.replies[-1]["text"].startswith("Recorded: "), telegram.replies[-1]

    # The overall figures count matches: answered when any member answered, met when any met.
    said = {person.name: ANSWERS[person.email] for person in MEMBERS}
    matches = {frozenset((name, partner)) for name, partner in partner_of.items()}
    assert len(matches) == 3, matches
    answered = sum(any(said[name] for name in match) for match in matches)
    met = sum(any(said[name] == "met" for name in match) for match in matches)

    # A delivery is recorded as sent just after its message left: the page is read again
    # until every introduction counts.
    stats = AdminStatsPage(admin, base_url=app_url)
    met_rate = admin.get_by_test_id("met-rate")
    by_channel = met_rate.get_by_role("table", name="Met rate by channel")
    expected = {channel: figures[0] for channel, figures in BY_CHANNEL.items()}
    deadline = time.monotonic() + 60
    counts = introduced_counts(stats, by_channel)
    while counts != expected and time.monotonic() < deadline:
        time.sleep(1)
        counts = introduced_counts(stats, by_channel)
    assert counts == expected
    expect(admin.get_by_test_id("met-rate-overall")).to_have_text(f"{round(met / 3 * 100)}%")
    expect(admin.get_by_test_id("answered-rate-overall")).to_have_text(
        f"{round(answered / 3 * 100)}%"
    )
    for channel, (introduced, answered_share, met_share) in BY_CHANNEL.items():
        row = by_channel.locator("tbody tr").filter(has=admin.get_by_test_id(f"met-{channel}"))
        expect(row.locator("td").nth(1)).to_have_text(introduced)
        expect(admin.get_by_test_id(f"answered-{channel}")).to_have_text(answered_share)
        expect(admin.get_by_test_id(f"met-{channel}")).to_have_text(met_share)
    by_round = met_rate.get_by_role("table", name="Met rate by round").locator("tbody tr")
    expect(by_round).to_have_count(1)
    expect(by_round.locator("td").nth(1)).to_have_text("3")
    expect(by_round.locator("td").nth(2)).to_have_text(f"{round(answered / 3 * 100)}%")
    expect(by_round.locator("td").nth(3)).to_have_text(f"{round(met / 3 * 100)}%")
    met_rate.scroll_into_view_if_needed()
    visit(stats, "admin-met-rate")
