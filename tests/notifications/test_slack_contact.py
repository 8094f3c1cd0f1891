"""A partner the Slack app linked can be reached from the intro: a Slack line on every channel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import httpx

from notifications.addresses import WebhookPolicy
from notifications.channels.email_smtp import SmtpEmailChannel
from notifications.channels.signal import SignalChannel
from notifications.channels.slack import SlackChannel
from notifications.channels.slack_app import SlackMember, member_of_user, slack_member
from notifications.channels.telegram import TelegramChannel
from notifications.content import MatchNotice, match_context, render_match_message
from notifications.sources import contacts_of, partner_of
from repositories.models.users import NotificationSettings, Profile, User
from tests.notifications.servers import ScriptedHttpService, ScriptedSmtpServer

STAMP = datetime(2030, 1, 1, tzinfo=UTC)
LINKED = {"slack_user_id": "U0GRACE01", "slack_team_id": "T0ACME001", "slack_name": "Grace H."}
DIRECT_MESSAGE = "slack://user?team=T0ACME001&id=U0GRACE01"


def grace(**notifications: Any) -> User:
    return User(
        id="g" * 32,
        profile=Profile(name="Grace Hopper", email="grace@example.com"),
        notifications=NotificationSettings(**notifications),
        created_at=STAMP,
        updated_at=STAMP,
    )


def lines(user: User) -> list[tuple[str, str, str]]:
    return [(contact.label, contact.value, contact.url) for contact in contacts_of(user)]


def test_a_member_the_slack_app_linked_has_a_slack_line_that_opens_a_direct_message() -> None:
    assert lines(grace(**LINKED, telegram_username="gracehopper")) == [
        ("Email", "grace@example.com", "mailto:grace@example.com"),
        ("Slack", "@Grace H.", DIRECT_MESSAGE),
        ("Telegram", "@gracehopper", "https://t.me/gracehopper"),
    ]


def test_without_a_complete_slack_link_only_the_other_contacts_show() -> None:
    email = [("Email", "grace@example.com", "mailto:grace@example.com")]
    # Not on Slack, or on Slack through her own webhook: nothing to reach her by there.
    assert lines(grace()) == email
    assert (
        lines(
            grace(
                enabled_channels=["email", "slack"],
                slack_webhook="https://hooks.slack.com/services/T0/B0/XYZ",
            )
        )
        == email
    )
    # Linked by the previous release (the member id alone): no workspace, so no link to give.
    assert lines(grace(slack_user_id="U0GRACE01")) == email
    assert lines(grace(slack_user_id="U0GRACE01", slack_name="Grace H.")) == email


def test_the_template_variables_carry_the_slack_line() -> None:
    notice = match_notice_for(grace(**LINKED))
    [partner] = match_context(notice=notice)["partners"]
    assert partner["slack"] == "@Grace H."
    assert partner["telegram"] is None
    assert {"label": "Slack", "value": "@Grace H.", "url": DIRECT_MESSAGE} in partner["contacts"]


def test_slack_members_are_read_from_what_slack_sends() -> None:
    lookup = {
        "id": "W012A3CDE",
        "team_id": "T012AB3C4",
        "name": "spengler",
        "profile": {"display_name": "Egon\n<!channel>\u0000 ", "real_name": "Egon Spengler"},
    }
    assert member_of_user(lookup) == SlackMember(
        user_id="W012A3CDE", team_id="T012AB3C4", name="Egon <!channel>"
    )
    # An unset display name is sent empty: the user name stands in.
    unset = {**lookup, "profile": {"display_name": ""}}
    assert member_of_user(unset) == SlackMember("W012A3CDE", "T012AB3C4", "spengler")
    assert member_of_user({"id": "not-an-id", "team_id": "T012AB3C4"}) is None
    assert member_of_user(None) is None
    # A workspace id not of Slack's form is dropped rather than put into a link.
    odd = slack_member(user_id="U0GRACE01", team_id="T0?x=1", names=("x" * 200,))
    assert odd == SlackMember(user_id="U0GRACE01", team_id=None, name="x" * 80)


def match_notice_for(partner: User) -> MatchNotice:
    return MatchNotice(
        match_id="2030-01-15T10:00Z_0001",
        deployment_name="Acme Coffee",
        reader_name="Ada",
        reader_topics=("jazz",),
        reader_time_zone="Europe/London",
        partners=(partner_of(partner),),
        suggested_start=datetime(2030, 1, 15, 10, 0, tzinfo=UTC),
        duration=timedelta(minutes=30),
        conversation_starter="What did you learn this week?",
        match_url="https://coffee.example.com/match",
    )


LOCAL_WEBHOOKS = WebhookPolicy(
    hosts=frozenset({"127.0.0.1"}), schemes=frozenset({"http"}), allow_private_addresses=True
)


async def test_the_email_slack_telegram_and_signal_messages_carry_the_slack_line(
    smtp_server: ScriptedSmtpServer,
    slack_server: ScriptedHttpService,
    telegram_server: ScriptedHttpService,
    signal_server: ScriptedHttpService,
    http_client: httpx.AsyncClient,
) -> None:
    message = await render_match_message(
        notice=match_notice_for(grace(**LINKED)), templates=None, stamp=STAMP
    )
    await SmtpEmailChannel(
        host="127.0.0.1", port=smtp_server.port, sender="coffee@example.com"
    ).send(message=message, address="ada@example.com")
    await SlackChannel(client=http_client, policy=LOCAL_WEBHOOKS).send(
        message=message, address=f"{slack_server.url}/services/T/B/X"
    )
    await TelegramChannel(
        client=http_client, bot_token="123456:SECRET", base_url=telegram_server.url
    ).send(message=message, address="123456789")
    await SignalChannel(
        client=http_client, base_url=signal_server.url, sender_number="+15550001111"
    ).send(message=message, address="+442079460958")

    [envelope] = smtp_server.handler.accepted
    assert isinstance(envelope.content, bytes)
    mail = message_from_bytes(envelope.content, policy=policy.default)
    assert isinstance(mail, EmailMessage)
    text, html = (mail.get_body(preferencelist=(kind,)) for kind in ("plain", "html"))
    assert text is not None
    assert html is not None
    assert "  Slack: @Grace H.\n" in text.get_content().replace("\r\n", "\n")
    assert f'<li>Slack: <a href="{DIRECT_MESSAGE.replace("&", "&amp;")}">@Grace H.</a></li>' in (
        html.get_content()
    )
    [(slack_text,)] = [(request.body["text"],) for request in slack_server.received]
    [telegram] = telegram_server.received
    [signal] = signal_server.received
    for sent in (slack_text, telegram.body["text"], signal.body["message"]):
        assert "  Email: grace@example.com\n  Slack: @Grace H.\n" in sent
