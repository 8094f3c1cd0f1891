"""The calendar invitation parses back as one event inviting every member."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any, cast

import pytest
from icalendar import Calendar, Event

from notifications.ics import Attendee, build_invitation


def invitation(**changes: object) -> bytes:
    values: dict[str, object] = {
        "uid": "2030-03-31_0001@coffee.example.com",
        "start": datetime(2030, 3, 31, 9, 30, tzinfo=timezone(timedelta(hours=2))),
        "duration": timedelta(minutes=45),
        "summary": "Coffee chat with Grace",
        "description": "Talk about jazz",
        "url": "https://coffee.example.com/match",
        "stamp": datetime(2030, 3, 1, tzinfo=UTC),
        "organizer": "coffee@example.com",
        "attendees": [
            Attendee(name="Ada", email="ada@example.com"),
            Attendee(name="Grace", email="grace@example.com"),
        ],
    }
    values.update(changes)
    data: bytes = build_invitation(**values)  # type: ignore[arg-type]
    return data


def only_event(data: bytes) -> tuple[Calendar, Event]:
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert isinstance(events[0], Event)
    return calendar, events[0]


def test_an_invitation_with_organizer_attendees_utc_times_and_an_alarm() -> None:
    calendar, event = only_event(invitation())
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == "2030-03-31_0001@coffee.example.com"
    assert str(event["ORGANIZER"]) == "mailto:coffee@example.com"
    attendees = cast("list[Any]", event["ATTENDEE"])
    assert [str(a) for a in attendees] == ["mailto:ada@example.com", "mailto:grace@example.com"]
    assert [a.params["CN"] for a in attendees] == ["Ada", "Grace"]
    assert {a.params["PARTSTAT"] for a in attendees} == {"NEEDS-ACTION"}
    assert {a.params["ROLE"] for a in attendees} == {"REQ-PARTICIPANT"}
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == datetime(2030, 3, 31, 7, 30, tzinfo=UTC)
    assert start.utcoffset() == timedelta(0)
    assert end - start == timedelta(minutes=45)
    assert b"DTSTART:20300331T073000Z" in invitation()
    alarms = event.walk("VALARM")
    assert len(alarms) == 1
    assert alarms[0].decoded("TRIGGER") == -timedelta(minutes=10)


def test_the_uid_is_the_matchs_so_a_resend_updates_the_same_entry() -> None:
    first = only_event(invitation())[1]
    again = only_event(invitation(stamp=datetime(2030, 3, 2, tzinfo=UTC)))[1]
    assert first["UID"] == again["UID"]


def test_hostile_text_cannot_add_properties_or_components() -> None:
    summary = "Eve\r\nEND:VEVENT\nBEGIN:VEVENT\nATTENDEE:mailto:x@evil.example; ok, \\"
    hostile = Attendee(name='Eve"\r\nATTENDEE:mailto:x@evil.example', email="eve@example.com")
    data = invitation(summary=summary, attendees=[hostile])
    event = only_event(data)[1]
    assert str(event["ATTENDEE"]) == "mailto:eve@example.com"
    assert str(event["SUMMARY"]) == summary.replace("\r\n", "\n")
    lines = data.replace(b"\r\n ", b"").split(b"\r\n")
    assert [line for line in lines if line.startswith(b"ATTENDEE")] == [
        b'ATTENDEE;CN="EveATTENDEE:mailto:x@evil.example";CUTYPE=INDIVIDUAL;'
        b"PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:eve@example.com"
    ]


def test_long_lines_fold_at_75_octets_without_splitting_characters() -> None:
    description = "Café ☕ " * 40
    data = invitation(description=description)
    for raw in data.split(b"\r\n"):
        assert len(raw) <= 75
        raw.decode("utf-8")
    assert str(only_event(data)[1]["DESCRIPTION"]) == description


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        invitation(start=datetime(2030, 1, 1, 9, 0))  # noqa: DTZ001
