"""Validation of the addresses people give for each channel, refusing what could be abused."""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

BAD_USER_INPUT = "BAD_USER_INPUT"

Resolver = Callable[[str], Awaitable[list[str]]]


class InvalidAddress(ValueError):
    """An address a person entered cannot be used; `field` names the input, `reason` why."""

    code = BAD_USER_INPUT

    def __init__(self, *, field: str, reason: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class WebhookPolicy:
    """Which webhook URLs are acceptable; the default accepts only Slack's own host over https.

    Tests that point Slack at a local server pass a widened policy explicitly; nothing here
    reads the environment, so production code cannot be widened by configuration by accident.
    """

    hosts: frozenset[str] = field(default_factory=lambda: frozenset({"hooks.slack.com"}))
    schemes: frozenset[str] = field(default_factory=lambda: frozenset({"https"}))
    allow_private_addresses: bool = False
    path_prefix: str = "/services/"


SLACK_WEBHOOKS = WebhookPolicy()

_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_PHONE_SEPARATORS = re.compile(r"[\s().-]")
_TELEGRAM_CHAT_ID = re.compile(r"^-?[1-9]\d{0,19}$")
_EMAIL_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$")
_DOMAIN_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


async def system_resolver(host: str) -> list[str]:
    """All addresses the host name resolves to, through the system resolver."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, 443, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def validate_webhook_url(
    *,
    url: str,
    field: str = "slackWebhook",
    policy: WebhookPolicy = SLACK_WEBHOOKS,
    resolve: Resolver = system_resolver,
) -> str:
    """The webhook URL, stripped, if Slack issued it and it does not lead inside the network."""

    def refuse(reason: str, message: str) -> InvalidAddress:
        return InvalidAddress(field=field, reason=reason, message=message)

    candidate = url.strip()
    if len(candidate) > 2048 or any(ord(ch) < 0x21 for ch in candidate):
        raise refuse("MALFORMED", "The webhook URL contains spaces or control characters.")
    try:
        parts = urlsplit(candidate)
        port = parts.port
    except ValueError as exc:
        raise refuse("MALFORMED", "The webhook URL is not a valid URL.") from exc
    if parts.scheme not in policy.schemes:
        raise refuse("NOT_HTTPS", "The webhook URL must start with https://.")
    host = (parts.hostname or "").lower()
    if host not in policy.hosts:
        raise refuse(
            "NOT_SLACK", "The webhook URL must be a Slack incoming webhook (hooks.slack.com)."
        )
    if parts.username is not None or parts.password is not None:
        raise refuse("MALFORMED", "The webhook URL must not carry a user name or password.")
    if port is not None and not policy.allow_private_addresses and port != 443:
        raise refuse("MALFORMED", "The webhook URL must use the standard https port.")
    if not parts.path.startswith(policy.path_prefix) or parts.fragment:
        raise refuse(
            "MALFORMED", "The webhook URL must look like https://hooks.slack.com/services/…"
        )
    if not policy.allow_private_addresses:
        try:
            resolved = await resolve(host)
        except OSError as exc:
            raise refuse("UNRESOLVABLE", "The webhook host name does not resolve.") from exc
        if not resolved:
            raise refuse("UNRESOLVABLE", "The webhook host name does not resolve.")
        if not all(_is_public(address) for address in resolved):
            raise refuse(
                "PRIVATE_ADDRESS",
                "The webhook host resolves to a private or loopback address.",
            )
    return candidate


def validate_telegram_chat_id(*, chat_id: str, field: str = "telegramChatId") -> str:
    """The chat id as Telegram expects it: a non-zero integer, negative for groups."""
    candidate = chat_id.strip()
    if not _TELEGRAM_CHAT_ID.fullmatch(candidate):
        raise InvalidAddress(
            field=field,
            reason="MALFORMED",
            message="A Telegram chat id is a number, such as 123456789 (ask the bot for yours).",
        )
    return candidate


def validate_e164(*, number: str, field: str = "signalNumber") -> str:
    """The phone number in E.164 form (+ and country code), spaces and dashes removed."""
    candidate = _PHONE_SEPARATORS.sub("", number.strip())
    if not _E164.fullmatch(candidate):
        raise InvalidAddress(
            field=field,
            reason="MALFORMED",
            message="Enter the number in international form, such as +44 20 7946 0958.",
        )
    return candidate


def validate_email(*, email: str, field: str = "email") -> str:
    """The email address with its domain lower-cased, if it can safely go in a header."""
    candidate = email.strip()
    refused = InvalidAddress(
        field=field, reason="MALFORMED", message="Enter an email address such as ada@example.com."
    )
    if len(candidate) > 254 or candidate.count("@") != 1:
        raise refused
    local, domain = candidate.split("@")
    if not _EMAIL_LOCAL.fullmatch(local) or local.startswith(".") or local.endswith("."):
        raise refused
    if ".." in local:
        raise refused
    labels = domain.lower().split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.fullmatch(label) for label in labels):
        raise refused
    return f"{local}@{'.'.join(labels)}"
