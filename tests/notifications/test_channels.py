"""Each channel speaks its service's protocol and sorts failures into retry or move on."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from email import message_from_bytes, policy
from typing import TYPE_CHECKING

import aioboto3
import httpx
import pytest
from moto.ses.models import ses_backends

from notifications.addresses import WebhookPolicy
from notifications.buttons import answer_buttons, read_press
from notifications.channels.email_ses import SesEmailChannel, ses_client_config
from notifications.channels.email_smtp import SmtpEmailChannel
from notifications.channels.signal import SignalChannel
from notifications.channels.slack import SlackChannel
from notifications.channels.telegram import TelegramChannel
from notifications.content import render_match_message, sample_notice
from notifications.errors import PermanentError, TransientError
from notifications.message import Attachment, RenderedMessage
from tests.notifications.servers import (
    Reply,
    ScriptedHttpService,
    ScriptedSmtpServer,
    SmtpReply,
    closed_port,
)

if TYPE_CHECKING:
    from types_aiobotocore_sesv2 import SESV2Client

MESSAGE = RenderedMessage(
    subject="Your coffee chat with Grace",
    text="Hi Ada, you meet Grace <!channel> & co",
    html="<p>Hi Ada</p>",
    attachments=(
        Attachment(
            filename="coffee-chat.ics",
            content_type="text/calendar",
            data=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        ),
    ),
)
LOCAL = WebhookPolicy(
    hosts=frozenset({"127.0.0.1"}), schemes=frozenset({"http"}), allow_private_addresses=True
)
TOKEN = "123456:SECRET-bot-token"


def slack(client: httpx.AsyncClient) -> SlackChannel:
    return SlackChannel(client=client, policy=LOCAL)


async def test_slack_posts_escaped_text_to_the_webhook(
    slack_server: ScriptedHttpService, http_client: httpx.AsyncClient
) -> None:
    await slack(http_client).send(message=MESSAGE, address=f"{slack_server.url}/services/T/B/X")
    [request] = slack_server.received
    assert request.path == "/services/T/B/X"
    assert request.body["text"] == "Hi Ada, you meet Grace &lt;!channel&gt; &amp; co"


async def test_telegram_shows_the_answer_buttons_as_an_inline_keyboard(
    telegram_server: ScriptedHttpService, http_client: httpx.AsyncClient
) -> None:
    channel = TelegramChannel(client=http_client, bot_token=TOKEN, base_url=telegram_server.url)
    buttons = answer_buttons(match_id="2030-01-07T09:00Z_0012", user_id="a" * 32)
    await channel.send(message=replace(MESSAGE, buttons=buttons), address="123456789")
    [request] = telegram_server.received
    keyboard = request.body["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard] == ["We met", "Not yet", "Skip next round"]
    pressed = [read_press(row[0]["callback_data"]) for row in keyboard]
    assert [press.answer.value for press in pressed if press] == ["met", "not_yet", "skip"]
    assert {press.user_id for press in pressed if press} == {"a" * 32}
    assert all(len(row[0]["callback_data"].encode()) <= 64 for row in keyboard)


@pytest.mark.parametrize(
    ("reply", "code"),
    [
        (Reply(status=404, body="no_service"), "WEBHOOK_INVALID"),
        (Reply(status=403, body="invalid_token"), "WEBHOOK_INVALID"),
        (Reply(status=410, body="channel_is_archived"), "WEBHOOK_INVALID"),
        (Reply(status=400, body="invalid_payload"), "REJECTED"),
    ],
)
async def test_slack_dead_webhooks_are_permanent(
    slack_server: ScriptedHttpService, http_client: httpx.AsyncClient, reply: Reply, code: str
) -> None:
    slack_server.then(reply)
    with pytest.raises(PermanentError) as failed:
        await slack(http_client).send(message=MESSAGE, address=f"{slack_server.url}/services/X")
    assert failed.value.code == code


async def test_slack_rate_limit_carries_retry_after(
    slack_server: ScriptedHttpService, http_client: httpx.AsyncClient
) -> None:
    slack_server.then(Reply(status=429, body="rate_limited", headers={"Retry-After": "7"}))
    with pytest.raises(TransientError) as failed:
        await slack(http_client).send(message=MESSAGE, address=f"{slack_server.url}/services/X")
    assert (failed.value.code, failed.value.retry_after) == ("RATE_LIMITED", 7.0)


async def test_slack_server_errors_and_refused_connections_are_transient(
    slack_server: ScriptedHttpService, http_client: httpx.AsyncClient
) -> None:
    slack_server.then(Reply(status=503, body="unavailable"))
    with pytest.raises(TransientError) as failed:
        await slack(http_client).send(message=MESSAGE, address=f"{slack_server.url}/services/X")
    assert failed.value.code == "SERVER_ERROR"
    with pytest.raises(TransientError) as refused:
        await slack(http_client).send(
            message=MESSAGE, address=f"http://127.0.0.1:{closed_port()}/services/X"
        )
    assert refused.value.code == "CONNECTION_FAILED"


async def test_slack_refuses_at_send_time_a_webhook_outside_its_policy(
    slack_server: ScriptedHttpService, http_client: httpx.AsyncClient
) -> None:
    with pytest.raises(PermanentError) as failed:
        await SlackChannel(client=http_client).send(
            message=MESSAGE, address=f"{slack_server.url}/services/X"
        )
    assert failed.value.code == "INVALID_ADDRESS"
    assert slack_server.received == []


async def test_slack_hanging_server_times_out_as_transient(
    slack_server: ScriptedHttpService,
) -> None:
    slack_server.then(Reply(hang=True))
    async with httpx.AsyncClient(timeout=0.2) as client:
        with pytest.raises(TransientError) as failed:
            await slack(client).send(message=MESSAGE, address=f"{slack_server.url}/services/X")
    assert failed.value.code == "TIMEOUT"


async def test_telegram_calls_send_message_with_the_chat_id(
    telegram_server: ScriptedHttpService, http_client: httpx.AsyncClient
) -> None:
    channel = TelegramChannel(client=http_client, bot_token=TOKEN, base_url=telegram_server.url)
    await channel.send(message=MESSAGE, address="123456789")
    [request] = telegram_server.received
    assert request.path == f"/bot{TOKEN}/sendMessage"
    assert request.body["chat_id"] == "123456789"
    assert request.body["text"] == MESSAGE.text
    assert "parse_mode" not in request.body


@pytest.mark.parametrize(
    ("reply", "code"),
    [
        (
            Reply(
                status=403,
                body={
                    "ok": False,
                    "error_code": 403,
                    "description": "Forbidden: bot was blocked by the user",
                },
            ),
            "BOT_BLOCKED",
        ),
        (
            Reply(
                status=400,
                body={"ok": False, "error_code": 400, "description": "Bad Request: chat not found"},
            ),
            "CHAT_NOT_FOUND",
        ),
        (
            Reply(status=401, body={"ok": False, "error_code": 401, "description": "Unauthorized"}),
            "BOT_TOKEN_INVALID",
        ),
    ],
)
async def test_telegram_blocked_bots_and_unknown_chats_are_permanent(
    telegram_server: ScriptedHttpService, http_client: httpx.AsyncClient, reply: Reply, code: str
) -> None:
    telegram_server.then(reply)
    channel = TelegramChannel(client=http_client, bot_token=TOKEN, base_url=telegram_server.url)
    with pytest.raises(PermanentError) as failed:
        await channel.send(message=MESSAGE, address="123456789")
    assert failed.value.code == code
    assert TOKEN not in str(failed.value)


async def test_telegram_rate_limit_uses_the_retry_after_in_the_body(
    telegram_server: ScriptedHttpService, http_client: httpx.AsyncClient
) -> None:
    telegram_server.then(
        Reply(
            status=429,
            body={
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 5",
                "parameters": {"retry_after": 5},
            },
        )
    )
    channel = TelegramChannel(client=http_client, bot_token=TOKEN, base_url=telegram_server.url)
    with pytest.raises(TransientError) as failed:
        await channel.send(message=MESSAGE, address="123456789")
    assert failed.value.retry_after == 5.0


async def test_telegram_errors_never_reveal_the_bot_token(http_client: httpx.AsyncClient) -> None:
    channel = TelegramChannel(
        client=http_client, bot_token=TOKEN, base_url=f"http://127.0.0.1:{closed_port()}"
    )
    with pytest.raises(TransientError) as failed:
        await channel.send(message=MESSAGE, address="123456789")
    assert TOKEN not in failed.value.message
    assert TOKEN not in str(failed.value)


async def test_signal_sends_from_the_deployment_number(
    signal_server: ScriptedHttpService, http_client: httpx.AsyncClient
) -> None:
    channel = SignalChannel(
        client=http_client, base_url=signal_server.url, sender_number="+15550001111"
    )
    await channel.send(message=MESSAGE, address="+442079460958")
    [request] = signal_server.received
    assert request.path == "/v2/send"
    assert request.body == {
        "message": MESSAGE.text,
        "number": "+15550001111",
        "recipients": ["+442079460958"],
    }


@pytest.mark.parametrize(
    ("reply", "error", "code"),
    [
        (
            Reply(status=400, body={"error": "Failed to send message: Unregistered user"}),
            PermanentError,
            "NOT_ON_SIGNAL",
        ),
        (
            Reply(status=400, body={"error": "Failed to send: [429] Rate limit exceeded"}),
            TransientError,
            "RATE_LIMITED",
        ),
        (Reply(status=500, body={"error": "signal-cli crashed"}), TransientError, "SERVER_ERROR"),
    ],
)
async def test_signal_failures_are_sorted(
    signal_server: ScriptedHttpService,
    http_client: httpx.AsyncClient,
    reply: Reply,
    error: type[Exception],
    code: str,
) -> None:
    signal_server.then(reply)
    channel = SignalChannel(
        client=http_client, base_url=signal_server.url, sender_number="+15550001111"
    )
    with pytest.raises(error) as failed:
        await channel.send(message=MESSAGE, address="+442079460958")
    assert getattr(failed.value, "code", None) == code


def smtp(server: ScriptedSmtpServer, *, timeout: float = 5.0) -> SmtpEmailChannel:
    return SmtpEmailChannel(
        host="127.0.0.1", port=server.port, sender="coffee@example.com", timeout=timeout
    )


async def test_smtp_delivers_text_html_and_the_invite(smtp_server: ScriptedSmtpServer) -> None:
    await smtp(smtp_server).send(message=MESSAGE, address="ada@example.com")
    [envelope] = smtp_server.handler.accepted
    assert envelope.rcpt_tos == ["ada@example.com"]
    assert isinstance(envelope.content, bytes)
    parsed = message_from_bytes(envelope.content, policy=policy.default)
    assert parsed["Subject"] == MESSAGE.subject
    assert [part.get_content_type() for part in parsed.walk()][2:] == [
        "text/plain",
        "text/html",
        "text/calendar",
    ]


@pytest.mark.parametrize(
    ("line", "error", "code"),
    [
        ("451 4.3.0 Try again later", TransientError, "SERVER_ERROR"),
        ("550 5.1.1 Mailbox unavailable", PermanentError, "REJECTED"),
        ("554 5.7.1 Sender not allowed", PermanentError, "REJECTED"),
    ],
)
async def test_smtp_4xx_is_transient_and_5xx_permanent(
    smtp_server: ScriptedSmtpServer, line: str, error: type[Exception], code: str
) -> None:
    smtp_server.handler.script.append(SmtpReply(line=line))
    with pytest.raises(error) as failed:
        await smtp(smtp_server).send(message=MESSAGE, address="ada@example.com")
    assert getattr(failed.value, "code", None) == code


async def test_smtp_hang_and_refusal_are_transient(smtp_server: ScriptedSmtpServer) -> None:
    smtp_server.handler.script.append(SmtpReply(hang=True))
    with pytest.raises(TransientError) as hung:
        await smtp(smtp_server, timeout=0.3).send(message=MESSAGE, address="ada@example.com")
    assert hung.value.code == "TIMEOUT"
    refused = SmtpEmailChannel(host="127.0.0.1", port=closed_port(), sender="coffee@example.com")
    with pytest.raises(TransientError) as failed:
        await refused.send(message=MESSAGE, address="ada@example.com")
    assert failed.value.code == "CONNECTION_FAILED"


async def test_smtp_refuses_an_address_that_would_break_the_headers(
    smtp_server: ScriptedSmtpServer,
) -> None:
    with pytest.raises(PermanentError) as failed:
        await smtp(smtp_server).send(
            message=MESSAGE, address="ada@example.com\r\nBcc: all@example.com"
        )
    assert failed.value.code == "INVALID_ADDRESS"
    assert smtp_server.handler.attempts == 0


@pytest.fixture
async def ses_client(moto_url: str) -> AsyncIterator[SESV2Client]:
    session = aioboto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
    async with session.client(
        "sesv2",
        region_name="eu-west-1",
        endpoint_url=moto_url,
        config=ses_client_config(timeout=5.0),
    ) as client:
        yield client


async def test_ses_sends_raw_email_with_the_invite(ses_client: SESV2Client) -> None:
    sender = "coffee-verified@example.com"
    await ses_client.create_email_identity(EmailIdentity=sender)
    channel = SesEmailChannel(
        client=ses_client, sender=sender, clock=lambda: datetime(2030, 1, 1, tzinfo=UTC)
    )
    # moto keeps one SES backend per process: count only what this send adds.
    backend = ses_backends["123456789012"]["eu-west-1"]
    earlier = len(backend.sent_messages)
    await channel.send(message=MESSAGE, address="ada@example.com")
    sent = await asyncio.to_thread(lambda: list(backend.sent_messages[earlier:]))
    raw = next(message for message in sent if "ada@example.com" in message.destinations)
    parsed = message_from_bytes(raw.raw_data.encode(), policy=policy.default)
    assert parsed["Subject"] == MESSAGE.subject
    assert any(part.get_filename() == "coffee-chat.ics" for part in parsed.walk())


async def test_ses_unverified_sender_is_permanent(ses_client: SESV2Client) -> None:
    channel = SesEmailChannel(client=ses_client, sender="nobody-verified@example.org")
    with pytest.raises(PermanentError) as failed:
        await channel.send(message=MESSAGE, address="ada@example.com")
    assert failed.value.code == "SENDER_UNVERIFIED"


async def test_ses_unreachable_is_transient() -> None:
    session = aioboto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
    async with session.client(
        "sesv2",
        region_name="eu-west-1",
        endpoint_url=f"http://127.0.0.1:{closed_port()}",
        config=ses_client_config(timeout=1.0),
    ) as client:
        channel = SesEmailChannel(client=client, sender="coffee@example.com")
        with pytest.raises(TransientError) as failed:
            await channel.send(message=MESSAGE, address="ada@example.com")
    assert failed.value.code == "CONNECTION_FAILED"


async def test_signal_carries_the_intro_text_with_the_answer_and_match_links(
    signal_server: ScriptedHttpService, http_client: httpx.AsyncClient
) -> None:
    message = await render_match_message(
        notice=sample_notice(), templates=None, stamp=datetime(2030, 1, 1, tzinfo=UTC)
    )
    channel = SignalChannel(
        client=http_client, base_url=signal_server.url, sender_number="+15550001111"
    )
    await channel.send(message=message, address="+442079460958")
    [request] = signal_server.received
    text = request.body["message"]
    assert text == message.text
    assert "Grace (she/her)" in text
    assert "Email: grace@example.com" in text
    assert "We met: https://coffee.example.com/answer?token=sample-met" in text
    assert "Your match: https://coffee.example.com/match" in text
