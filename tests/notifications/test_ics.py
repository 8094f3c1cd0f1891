"""The calendar invite is valid iCalendar whatever the names in it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from notifications.ics import build_event


def event(**changes: object) -> bytes:
    values: dict[str, object] = {
        "uid": "m-1@virtual-coffee",
        "start": datetime(2030, 3, 31, 9, 30, tzinfo=timezone(timedelta(hours=2))),
        "duration": timedelta(minutes=45),
        "summary": "Coffee chat with Grace",
        "description": "Talk about jazz",
        "url": "https://coffee.example.com/matches/m-1",
        "stamp": datetime(2030, 3, 1, tzinfo=UTC),
    }
    values.update(changes)
    return build_event(**values)  # type: ignore[arg-type]


def unfold(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def test_times_are_in_utc_and_lines_end_in_crlf() -> None:
    data = event()
    lines = unfold(data)
    assert "DTSTART:20300331T073000Z" in lines
    assert "DTEND:20300331T081500Z" in lines
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_hostile_text_cannot_add_properties_or_components() -> None:
    summary = "Eve\r\nEND:VEVENT\nBEGIN:VEVENT\nATTENDEE:mailto:x@evil.example; ok, \\"
    lines = unfold(event(summary=summary))
    assert lines.count("BEGIN:VEVENT") == 1
    assert lines.count("END:VEVENT") == 1
    assert not any(line.startswith("ATTENDEE") for line in lines)
    assert (
        "SUMMARY:Eve\\nEND:VEVENT\\nBEGIN:VEVENT\\nATTENDEE:mailto:x@evil.example\\; ok\\, \\\\"
        in lines
    )


def test_long_lines_fold_at_75_octets_without_splitting_characters() -> None:
    description = "Café ☕ " * 40
    data = event(description=description)
    for raw in data.split(b"\r\n"):
        assert len(raw) <= 75
        raw.decode("utf-8")
    assert f"DESCRIPTION:{description}" in unfold(data)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        event(start=datetime(2030, 1, 1, 9, 0))  # noqa: DTZ001
