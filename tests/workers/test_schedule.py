"""Rounds fire at the deployment's local time across DST, and missed ones are run or skipped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from rounds.schedule import due_slots, next_runs

BERLIN_MONDAYS = "0 9 * * mon"


def test_next_runs_keep_local_time_across_the_spring_change() -> None:
    runs = next_runs(
        cron=BERLIN_MONDAYS,
        timezone="Europe/Berlin",
        after=datetime(2026, 3, 20, tzinfo=UTC),
        count=3,
    )
    assert [run.hour for run in runs] == [9, 9, 9]
    assert [run.astimezone(UTC).hour for run in runs] == [8, 7, 7]


def test_next_runs_keep_local_time_across_the_autumn_change() -> None:
    runs = next_runs(
        cron=BERLIN_MONDAYS,
        timezone="Europe/Berlin",
        after=datetime(2026, 10, 15, tzinfo=UTC),
        count=2,
    )
    assert [run.astimezone(UTC).hour for run in runs] == [7, 8]


def test_a_slot_within_grace_is_due_once() -> None:
    now = datetime(2026, 3, 30, 7, 10, tzinfo=UTC)  # 09:10 in Berlin, first week of summer time
    due = due_slots(
        cron=BERLIN_MONDAYS,
        timezone="Europe/Berlin",
        now=now,
        grace=timedelta(hours=6),
        known=set(),
        since=now - timedelta(days=1),
    )
    assert due.run is not None
    assert due.run.at == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert due.run.local_date("Europe/Berlin") == "2026-03-30"
    again = due_slots(
        cron=BERLIN_MONDAYS,
        timezone="Europe/Berlin",
        now=now,
        grace=timedelta(hours=6),
        known={due.run.key},
        since=now - timedelta(days=1),
    )
    assert again.run is None
    assert again.skipped == ()


def test_slots_missed_beyond_grace_are_skipped_and_the_latest_runs() -> None:
    now = datetime(2026, 4, 13, 8, 0, tzinfo=UTC)  # two weeks of downtime, latest slot 1 h ago
    due = due_slots(
        cron=BERLIN_MONDAYS,
        timezone="Europe/Berlin",
        now=now,
        grace=timedelta(hours=6),
        known=set(),
        since=datetime(2026, 3, 31, tzinfo=UTC),
    )
    assert due.run is not None
    assert due.run.at == datetime(2026, 4, 13, 7, 0, tzinfo=UTC)
    assert [slot.at.date().isoformat() for slot in due.skipped] == ["2026-04-06"]


def test_a_slot_older_than_grace_is_skipped_not_run() -> None:
    now = datetime(2026, 4, 14, 8, 0, tzinfo=UTC)
    due = due_slots(
        cron=BERLIN_MONDAYS,
        timezone="Europe/Berlin",
        now=now,
        grace=timedelta(hours=6),
        known={"2026-04-06T07:00Z"},
        since=datetime(2026, 1, 1, tzinfo=UTC),
    )
    assert due.run is None
    assert [slot.key for slot in due.skipped] == ["2026-04-13T07:00Z"]


def test_a_schedule_change_takes_effect_on_the_next_tick() -> None:
    now = datetime(2026, 4, 15, 14, 5, tzinfo=UTC)  # Wednesday 16:05 in Berlin
    before = due_slots(
        cron=BERLIN_MONDAYS,
        timezone="Europe/Berlin",
        now=now,
        grace=timedelta(hours=1),
        known={"2026-04-13T07:00Z"},
        since=datetime(2026, 4, 1, tzinfo=UTC),
    )
    assert before.run is None
    after = due_slots(
        cron="0 16 * * wed",
        timezone="Europe/Berlin",
        now=now,
        grace=timedelta(hours=1),
        known={"2026-04-13T07:00Z"},
        since=now - timedelta(minutes=30),
    )
    assert after.run is not None
    assert after.run.at == datetime(2026, 4, 15, 14, 0, tzinfo=UTC)
