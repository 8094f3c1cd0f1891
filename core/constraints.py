"""Limits on what people enter, declared once: the stored models, the API's input checks and
the web app's forms (through `vcoffee export-limits`) all take them from here."""

from __future__ import annotations

import re
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, Field, StringConstraints

AVAILABILITY_SLOT = re.compile(r"(mon|tue|wed|thu|fri|sat|sun)-([01][0-9]|2[0-3])")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
EMAIL_MAX = 254


def is_email(value: str) -> bool:
    # Length first: the pattern backtracks quadratically over a long run of dots.
    return len(value) <= EMAIL_MAX and EMAIL.fullmatch(value) is not None


# The longest IANA name is about 30 characters; a longer one is refused before any file lookup.
MAX_ZONE_CHARS = 64


# Files of a zone database that are not IANA zone names: `localtime` follows whatever zone the
# server runs in, and the others are copies or stand-ins kept for old software.
_NOT_ZONES = frozenset({"localtime", "Factory", "posixrules"})
_NOT_ZONE_FOLDERS = ("posix/", "right/")


def check_zone(value: str) -> str:
    """A zone name a person or an admin gives: an IANA name the zone database knows."""
    if value in _NOT_ZONES or value.startswith(_NOT_ZONE_FOLDERS):
        raise ValueError(f"{value!r} is not an IANA time zone name, such as Europe/Berlin")
    return check_known_zone(value)


def check_known_zone(value: str) -> str:
    """A zone the database knows: what stored items hold (earlier releases took `localtime`)."""
    if len(value) > MAX_ZONE_CHARS:
        raise ValueError(f"a time zone name is at most {MAX_ZONE_CHARS} characters")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a name the file system refuses (too long, a directory, no permission).
        raise ValueError(f"unknown time zone {value!r}") from None
    return value


def check_slots(value: list[str]) -> list[str]:
    """Weekly one-hour slots, `ddd-HH`; repeats are dropped, the order kept."""
    for slot in value:
        if not AVAILABILITY_SLOT.fullmatch(slot):
            raise ValueError(f"slot {slot!r} is not of the form ddd-HH (mon..sun, 00..23)")
    return list(dict.fromkeys(value))


# Text a person may leave empty to clear it, and text that must say something.
ClearableShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
ShortText = Annotated[ClearableShortText, StringConstraints(min_length=1)]
Pronouns = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)]
Bio = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]

TimeZone = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(check_zone)]
StoredTimeZone = Annotated[
    str, StringConstraints(strip_whitespace=True), AfterValidator(check_known_zone)
]
Topic = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Topics = Annotated[list[Topic], Field(max_length=20)]
# At most every hour of the week.
Availability = Annotated[list[str], Field(max_length=168), AfterValidator(check_slots)]
MeetingLengthMinutes = Annotated[int, Field(ge=15, le=120)]

Rating = Annotated[int, Field(ge=1, le=5)]
FeedbackComment = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]

GroupSize = Annotated[int, Field(ge=2, le=10)]
# How many recent rounds count when avoiding repeats (0: all); ten years of weekly rounds.
RepeatWindow = Annotated[int, Field(ge=0, le=520)]
ReminderDelayDays = Annotated[int, Field(ge=0, le=30)]
GracePeriodHours = Annotated[int, Field(ge=0, le=168)]
AdminEmails = Annotated[
    list[Annotated[str, StringConstraints(max_length=EMAIL_MAX)]], Field(max_length=100)
]
EmailDomains = Annotated[
    list[Annotated[str, StringConstraints(max_length=253)]], Field(max_length=100)
]

# The limits the web app's forms check before sending, by the name they have there.
PUBLISHED: dict[str, Any] = {
    "shortText": ShortText,
    "pronouns": Pronouns,
    "bio": Bio,
    "topic": Topic,
    "topics": Topics,
    "meetingLengthMinutes": MeetingLengthMinutes,
    "rating": Rating,
    "feedbackComment": FeedbackComment,
    "groupSize": GroupSize,
    "repeatWindow": RepeatWindow,
    "reminderDelayDays": ReminderDelayDays,
    "gracePeriodHours": GracePeriodHours,
}
