"""The channels people are reached on: one entry per channel.

The list of channels is the shared enum `core.enums.Channel` (the stored settings and the
GraphQL enum, hence the web app's generated types, are that enum); where each keeps its
address is the stored model's (`ADDRESS_FIELDS`). Everything else about a channel is here:
its label, how the address is linked and checked, its sender factory and the settings it
reads. Adding a channel is a member of the enum, an entry here, its sender module under
`channels/`, its settings section in `ChannelSetup` and, if it keeps an address, the field.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx

from core.enums import Channel as Channel
from notifications.addresses import (
    SLACK_WEBHOOKS,
    WebhookPolicy,
    validate_e164,
    validate_email,
    validate_telegram_chat_id,
    validate_webhook_url,
)
from repositories.models.users import ADDRESS_FIELDS

if TYPE_CHECKING:
    from notifications.channels.base import Sender
    from notifications.channels.slack_app import IntroLedger


@dataclass(frozen=True)
class SmtpEmail:
    """Email through an SMTP server (self-hosting; the mail catcher in development)."""

    host: str
    port: int
    sender: str
    username: str | None = None
    use_tls: bool = False
    start_tls: bool | None = None


@dataclass(frozen=True)
class SesEmail:
    """Email through Amazon SES v2 in one region; credentials come from the AWS chain."""

    region: str
    sender: str
    endpoint_url: str | None = None
    configuration_set: str | None = None


@dataclass(frozen=True)
class SlackApp:
    """The deployment's installed Slack app; its bot token and signing secret are secrets."""

    base_url: str = "https://slack.com/api"


@dataclass(frozen=True)
class SlackWebhooks:
    """Slack through each person's own incoming webhook; `policy` says which URLs are allowed."""

    policy: WebhookPolicy = field(default=SLACK_WEBHOOKS)


@dataclass(frozen=True)
class TelegramBot:
    """The deployment's Telegram bot, by its user name (for t.me links); its token is a secret."""

    username: str | None = None
    base_url: str = "https://api.telegram.org"


@dataclass(frozen=True)
class SignalApi:
    """A signal-cli REST API and the number registered with it."""

    base_url: str
    sender_number: str


@dataclass(frozen=True)
class ChannelSetup:
    """How this instance reaches each channel's service; a section left None is not offered."""

    email: SmtpEmail | SesEmail | None = None
    # The app when the deployment installed one; otherwise each person's incoming webhook.
    slack: SlackApp | SlackWebhooks | None = field(default_factory=SlackWebhooks)
    telegram: TelegramBot | None = None
    signal: SignalApi | None = None
    reply_to: str | None = None
    http_timeout: float = 10.0
    max_connections: int = 200


@dataclass(frozen=True)
class ChannelSecrets:
    """Secrets read from the environment or a secret store, never from the table."""

    smtp_password: str | None = None
    slack_bot_token: str | None = None
    telegram_bot_token: str | None = None


@dataclass(frozen=True)
class Opening:
    """What a channel's sender factory may use: the setup, secrets and shared clients."""

    setup: ChannelSetup
    secrets: ChannelSecrets
    client: httpx.AsyncClient
    stack: contextlib.AsyncExitStack
    intro_ledger: IntroLedger | None = None


Opener = Callable[[Opening], Awaitable["Sender | None"]]
Validator = Callable[[str], Awaitable[str]]


@dataclass(frozen=True)
class ChannelSpec:
    """One channel's facts.

    `address_field` names the field of the person's notification settings that holds their
    address on the channel (None: the profile's email). `linked_by` says how it gets there:
    `profile` (the email they sign in with), `bot` (the deployment's app or bot links it
    when the person proves who they are), `form` (typed in the web app). `validate`
    normalises an address a person gives, raising `InvalidAddress` with the field's name.
    """

    channel: Channel
    label: str
    address_field: str | None
    linked_by: str
    validate: Validator
    open: Opener
    setting_names: tuple[str, ...] = field(default_factory=tuple)


async def _open_email(opening: Opening) -> Sender | None:
    from notifications.channels.email_ses import SesEmailChannel, ses_client_config
    from notifications.channels.email_smtp import SmtpEmailChannel

    setup, email = opening.setup, opening.setup.email
    if isinstance(email, SmtpEmail):
        return SmtpEmailChannel(
            host=email.host,
            port=email.port,
            sender=email.sender,
            username=email.username,
            password=opening.secrets.smtp_password,
            use_tls=email.use_tls,
            start_tls=email.start_tls,
            timeout=setup.http_timeout,
            reply_to=setup.reply_to,
        )
    if isinstance(email, SesEmail):
        import aioboto3

        ses = await opening.stack.enter_async_context(
            aioboto3.Session().client(
                "sesv2",
                region_name=email.region,
                endpoint_url=email.endpoint_url,
                config=ses_client_config(timeout=setup.http_timeout),
            )
        )
        return SesEmailChannel(
            client=ses,
            sender=email.sender,
            configuration_set=email.configuration_set,
            reply_to=setup.reply_to,
        )
    return None


async def _open_slack(opening: Opening) -> Sender | None:
    from notifications.channels.slack import SlackChannel
    from notifications.channels.slack_app import SlackApi, SlackAppChannel

    slack = opening.setup.slack
    if isinstance(slack, SlackApp):
        token, ledger = opening.secrets.slack_bot_token, opening.intro_ledger
        if not token or ledger is None:
            return None
        api = SlackApi(client=opening.client, token=token, base_url=slack.base_url)
        return SlackAppChannel(api=api, ledger=ledger)
    if slack is None:
        return None
    return SlackChannel(client=opening.client, policy=slack.policy)


async def _open_telegram(opening: Opening) -> Sender | None:
    from notifications.channels.telegram import TelegramChannel

    telegram, token = opening.setup.telegram, opening.secrets.telegram_bot_token
    if telegram is None or not token:
        return None
    return TelegramChannel(client=opening.client, bot_token=token, base_url=telegram.base_url)


async def _open_signal(opening: Opening) -> Sender | None:
    from notifications.channels.signal import SignalChannel

    signal = opening.setup.signal
    if signal is None:
        return None
    return SignalChannel(
        client=opening.client, base_url=signal.base_url, sender_number=signal.sender_number
    )


async def _email(value: str) -> str:
    return validate_email(email=value)


# Saving settings checks the form only, so it does not depend on DNS; the Slack sender
# resolves the host and refuses private addresses when it sends.
_WEBHOOK_FORM = WebhookPolicy(allow_private_addresses=True)


async def _slack(value: str) -> str:
    return await validate_webhook_url(url=value, policy=_WEBHOOK_FORM)


async def _telegram(value: str) -> str:
    return validate_telegram_chat_id(chat_id=value)


async def _signal(value: str) -> str:
    return validate_e164(number=value)


REGISTRY: Mapping[Channel, ChannelSpec] = {
    Channel.EMAIL: ChannelSpec(
        channel=Channel.EMAIL,
        label="Email",
        address_field=ADDRESS_FIELDS.get(Channel.EMAIL),
        linked_by="profile",
        validate=_email,
        open=_open_email,
        setting_names=("SMTP_HOST", "SMTP_SENDER", "SMTP_PASSWORD", "SES_ENABLED", "SES_SENDER"),
    ),
    Channel.SLACK: ChannelSpec(
        channel=Channel.SLACK,
        label="Slack",
        address_field=ADDRESS_FIELDS.get(Channel.SLACK),
        linked_by="form",
        validate=_slack,
        open=_open_slack,
    ),
    Channel.TELEGRAM: ChannelSpec(
        channel=Channel.TELEGRAM,
        label="Telegram",
        address_field=ADDRESS_FIELDS.get(Channel.TELEGRAM),
        linked_by="bot",
        validate=_telegram,
        open=_open_telegram,
        setting_names=(
            "TELEGRAM_BOT_USERNAME",
            "TELEGRAM_API_URL",
            "TELEGRAM_BOT_TOKEN",
            "TELEGRAM_WEBHOOK_SECRET",
        ),
    ),
    Channel.SIGNAL: ChannelSpec(
        channel=Channel.SIGNAL,
        label="Signal",
        address_field=ADDRESS_FIELDS.get(Channel.SIGNAL),
        linked_by="form",
        validate=_signal,
        open=_open_signal,
        setting_names=("SIGNAL_API_URL", "SIGNAL_SENDER_NUMBER"),
    ),
}


def spec(channel: Channel) -> ChannelSpec:
    return REGISTRY[channel]


def address_fields() -> dict[Channel, str]:
    """The notification settings' address field of each channel that keeps one."""
    return {
        channel: entry.address_field
        for channel, entry in REGISTRY.items()
        if entry.address_field is not None
    }
