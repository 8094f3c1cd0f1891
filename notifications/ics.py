"""The iCalendar (RFC 5545) event attached to match emails, for the suggested time."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

PRODID = "-//Virtual Coffee//Match notifications//EN"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LINE_LIMIT = 75


def escape_text(value: str) -> str:
    """A TEXT value escaped so no input can end the line or start a property of its own."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces, never inside a UTF-8 character."""
    pieces: list[str] = []
    current = ""
    size = 0
    # Continuation lines start with a space, which counts against their 75 octets.
    limit = _LINE_LIMIT
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, _LINE_LIMIT - 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def _param(value: str) -> str:
    """A parameter or address with nothing that could end it: no quote, separator or control."""
    return _CONTROL.sub("", value).translate({ord(c): None for c in '"\r\n;:,'})


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("calendar times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def build_event(
    *,
    uid: str,
    start: datetime,
    duration: timedelta,
    summary: str,
    description: str,
    url: str,
    stamp: datetime,
    attendees: Sequence[tuple[str, str]] = (),
) -> bytes:
    """A one-event calendar to add to the reader's calendar, times in UTC.

    `attendees` are (name, email) pairs, listed so a calendar shows who the chat is with.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid)}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(start)}",
        f"DTEND:{_utc(start + duration)}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"URL:{_CONTROL.sub('', url).replace(chr(10), '').replace(chr(13), '')}",
        *(f'ATTENDEE;CN="{_param(name)}":mailto:{_param(email)}' for name, email in attendees),
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Reminder",
        "TRIGGER:-PT10M",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
