"""A notification ready to send: the same content in the forms each channel needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Attachment:
    """A file sent along with an email, such as the calendar invite."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Button:
    """An answer button of a chat message; `data` says what a press answers, for whom."""

    label: str
    data: str


@dataclass(frozen=True)
class GroupPerson:
    """A member of a match as a group introduction presents them."""

    user_id: str
    name: str
    email: str
    time_zone: str
    local_time: str
    pronouns: str | None = None
    title: str | None = None
    team: str | None = None
    about: str | None = None
    topics: tuple[str, ...] = ()
    slack_id: str | None = None


@dataclass(frozen=True)
class GroupIntro:
    """A match introduced to all its members at once (a Slack group conversation)."""

    match_id: str
    reader_id: str
    deployment_name: str
    people: tuple[GroupPerson, ...]
    start: datetime
    duration_minutes: int
    conversation_starter: str


@dataclass(frozen=True)
class RenderedMessage:
    """Subject and bodies rendered for one reader; chat channels use `text`, email uses all.

    Chat channels that can show buttons (Telegram's inline keyboard) add `buttons`. An email
    with a `message_id` carries it in its Message-ID, the same in every copy, so that a mail
    server or client that sees the message twice can keep one; without one each is fresh.
    """

    subject: str
    text: str
    html: str
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)
    buttons: tuple[Button, ...] = field(default_factory=tuple)
    group: GroupIntro | None = None
    message_id: str | None = None
