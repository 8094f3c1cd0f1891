"""Which channels a deployment has and how to reach them; secrets are passed in separately."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import aioboto3
import httpx

from notifications.addresses import SLACK_WEBHOOKS, Resolver, WebhookPolicy, system_resolver
from notifications.channels.base import Channel
from notifications.channels.email_ses import SesEmailChannel, ses_client_config
from notifications.channels.email_smtp import SmtpEmailChannel
from notifications.channels.signal import SignalChannel
from notifications.channels.slack import SlackChannel
from notifications.channels.telegram import TELEGRAM_API, TelegramChannel
from notifications.recipients import ChannelName


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
class TelegramBot:
    """The deployment's Telegram bot; its token is a secret."""

    base_url: str = TELEGRAM_API


@dataclass(frozen=True)
class SignalApi:
    """A signal-cli REST API and the number registered with it."""

    base_url: str
    sender_number: str


@dataclass(frozen=True)
class ChannelConfig:
    """The channels one deployment offers; a channel left None is not offered."""

    email: SmtpEmail | SesEmail | None = None
    slack: bool = True
    telegram: TelegramBot | None = None
    signal: SignalApi | None = None
    reply_to: str | None = None
    http_timeout: float = 10.0
    max_connections: int = 200
    webhook_policy: WebhookPolicy = field(default=SLACK_WEBHOOKS)


@dataclass(frozen=True)
class ChannelSecrets:
    """Secrets read from the environment or a secret store, never from the table."""

    smtp_password: str | None = None
    telegram_bot_token: str | None = None


@contextlib.asynccontextmanager
async def open_channels(
    *, config: ChannelConfig, secrets: ChannelSecrets, resolve: Resolver = system_resolver
) -> AsyncIterator[dict[ChannelName, Channel]]:
    """The configured channels with their clients opened once, closed on exit."""
    limits = httpx.Limits(
        max_connections=config.max_connections, max_keepalive_connections=config.max_connections
    )
    async with contextlib.AsyncExitStack() as stack:
        client = await stack.enter_async_context(
            httpx.AsyncClient(timeout=config.http_timeout, limits=limits, follow_redirects=False)
        )
        channels: dict[ChannelName, Channel] = {}
        email = config.email
        if isinstance(email, SmtpEmail):
            channels["email"] = SmtpEmailChannel(
                host=email.host,
                port=email.port,
                sender=email.sender,
                username=email.username,
                password=secrets.smtp_password,
                use_tls=email.use_tls,
                start_tls=email.start_tls,
                timeout=config.http_timeout,
                reply_to=config.reply_to,
            )
        elif isinstance(email, SesEmail):
            ses = await stack.enter_async_context(
                aioboto3.Session().client(
                    "sesv2",
                    region_name=email.region,
                    endpoint_url=email.endpoint_url,
                    config=ses_client_config(timeout=config.http_timeout),
                )
            )
            channels["email"] = SesEmailChannel(
                client=ses,
                sender=email.sender,
                configuration_set=email.configuration_set,
                reply_to=config.reply_to,
            )
        if config.slack:
            channels["slack"] = SlackChannel(
                client=client, policy=config.webhook_policy, resolve=resolve
            )
        if config.telegram is not None and secrets.telegram_bot_token:
            channels["telegram"] = TelegramChannel(
                client=client,
                bot_token=secrets.telegram_bot_token,
                base_url=config.telegram.base_url,
            )
        if config.signal is not None:
            channels["signal"] = SignalChannel(
                client=client,
                base_url=config.signal.base_url,
                sender_number=config.signal.sender_number,
            )
        yield channels
