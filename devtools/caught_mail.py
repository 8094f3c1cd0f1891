"""The mail the local catcher caught for this deployment, for admins of a development instance."""

from __future__ import annotations

import asyncio
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import strawberry

from core.errors import BadUserInput, Forbidden
from devtools.mailbox import CaughtMessage, list_messages, mailbox_dir, read_message
from schema.caught_mail import CaughtMail
from schema.context import Context

MAX_CAUGHT_MAIL = 100


def plain_text(raw: bytes) -> str:
    """The plain-text part of a message, or nothing when it has none."""
    message = message_from_bytes(raw, _class=EmailMessage, policy=policy.default)
    body = message.get_body(preferencelist=("plain",))
    if body is None:
        return ""
    content = body.get_content()
    return content if isinstance(content, str) else ""


def _read(directory: Path, first: int) -> list[CaughtMail]:
    caught: list[CaughtMail] = []
    for message in list_messages(directory=directory, limit=first):
        try:
            raw = read_message(directory=directory, message_id=message.message_id)
        except KeyError:  # removed between the listing and the read
            continue
        caught.append(_to_type(message, text=plain_text(raw)))
    return caught


def _to_type(message: CaughtMessage, *, text: str) -> CaughtMail:
    return CaughtMail(
        id=strawberry.ID(message.message_id),
        sender=message.sender,
        to=list(message.recipients),
        subject=message.subject,
        sent_at=message.received_at,
        text=text,
    )


async def caught_mail(context: Context, *, first: int) -> list[CaughtMail]:
    context.require_admin()
    settings = context.services.settings
    if settings.environment == "production":
        # Caught mail holds people's messages; production sends mail and keeps none.
        raise Forbidden("caught mail is only kept by development and test instances")
    if not 1 <= first <= MAX_CAUGHT_MAIL:
        raise BadUserInput(f"first must be from 1 to {MAX_CAUGHT_MAIL}", fields=("first",))
    if settings.mailbox_dir is None:
        return []
    directory = mailbox_dir(root=settings.mailbox_dir, deployment_id=settings.deployment_id)
    # Reading files blocks; the event loop keeps serving others meanwhile.
    return await asyncio.to_thread(_read, directory, first)
