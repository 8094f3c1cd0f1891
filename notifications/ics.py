"""The calendar invitation (RFC 5545 / 5546 REQUEST) for a match's suggested time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event, vCalAddress, vText

PRODID = "-//Virtual Coffee//Match invitations//EN"
REMINDER_BEFORE = timedelta(minutes=10)


@dataclass(frozen=True)
class Attendee:
    """A member invited to the chat."""

    name: str
    email: str | None


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("calendar times must be timezone-aware")
    return moment.astimezone(UTC)


def _address(*, email: str, name: str | None = None, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        # A parameter value cannot hold a double quote or a control character (RFC 5545 3.1).
        cleaned = "".join(ch for ch in name if ch >= " " and ch not in '"\x7f')
        address.params["CN"] = vText(cleaned.strip() or email)
    for key, value in params.items():
        address.params[key.replace("_", "-").upper()] = vText(value)
    return address


def build_invitation(
    *,
    uid: str,
    start: datetime,
    duration: timedelta,
    summary: str,
    description: str,
    url: str,
    stamp: datetime,
    organizer: str | None,
    attendees: Sequence[Attendee],
    sequence: int = 0,
) -> bytes:
    """One event inviting every member, times in UTC, with a reminder before it starts.

    The UID is the match's, so sending it again updates the entry instead of adding one.
    Text goes through icalendar's escaping: no name or topic can end a line or add a property.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", _utc(stamp))
    event.add("dtstart", _utc(start))
    event.add("dtend", _utc(start + duration))
    event.add("sequence", sequence)
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    if organizer:
        event.add("organizer", _address(email=organizer, name="Virtual Coffee"))
    for attendee in attendees:
        if attendee.email is None:
            continue
        event.add(
            "attendee",
            _address(
                email=attendee.email,
                name=attendee.name,
                cutype="INDIVIDUAL",
                role="REQ-PARTICIPANT",
                partstat="NEEDS-ACTION",
                rsvp="TRUE",
            ),
        )
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", -REMINDER_BEFORE)
    event.add_component(alarm)
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
