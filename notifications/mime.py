"""Building the MIME email (plain text, HTML, attachments) shared by SMTP and SES."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from notifications.errors import PermanentError
from notifications.message import RenderedMessage


def build_email(
    *,
    message: RenderedMessage,
    sender: str,
    recipient: str,
    now: datetime,
    reply_to: str | None = None,
) -> EmailMessage:
    """A multipart/alternative email with text and HTML parts and any attachments."""
    email = EmailMessage()
    # Header values are checked by EmailMessage: a newline in the subject cannot add headers.
    email["Subject"] = " ".join(message.subject.split())
    email["From"] = sender
    email["To"] = recipient
    if reply_to:
        email["Reply-To"] = reply_to
    email["Date"] = format_datetime(now)
    domain = sender.rpartition("@")[2] or None
    email["Message-ID"] = (
        f"<{message.message_id}@{domain or 'virtual-coffee'}>"
        if message.message_id
        else make_msgid(domain=domain)
    )
    email.set_content(message.text)
    email.add_alternative(message.html, subtype="html")
    for attachment in message.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        # An invitation: calendars offer to accept it, and a resend with the same UID updates it.
        params = {"method": "REQUEST"} if subtype == "calendar" else {}
        email.add_attachment(
            attachment.data,
            maintype=maintype,
            subtype=subtype,
            filename=attachment.filename,
            params=params,
        )
    return email


def email_to(
    *, message: RenderedMessage, sender: str, recipient: str, now: datetime, reply_to: str | None
) -> EmailMessage:
    """The email for one recipient; an address that would break the headers is permanent."""
    try:
        return build_email(
            message=message, sender=sender, recipient=recipient, now=now, reply_to=reply_to
        )
    except ValueError as exc:
        raise PermanentError("INVALID_ADDRESS", "The email address cannot be used") from exc
