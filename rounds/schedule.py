"""When rounds are due: a cron expression read in the deployment's own time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from croniter import croniter

# Enough to look back over a long outage without scanning years of minutes.
MAX_MISSED = 52


@dataclass(frozen=True)
class Slot:
    """One scheduled firing, identified by its UTC instant."""

    at: datetime

    @property
    def key(self) -> str:
        return self.at.strftime("%Y-%m-%dT%H:%MZ")

    def local_date(self, timezone: str) -> str:
        return self.at.astimezone(ZoneInfo(timezone)).date().isoformat()


@dataclass(frozen=True)
class Due:
    run: Slot | None
    skipped: tuple[Slot, ...]


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo("UTC"))


def next_runs(*, cron: str, timezone: str, after: datetime, count: int) -> list[datetime]:
    """The next `count` firings, in the deployment's time zone (for previews)."""
    iterator = croniter(cron, after.astimezone(ZoneInfo(timezone)))
    return [iterator.get_next(datetime) for _ in range(count)]


def due_slots(
    *,
    cron: str,
    timezone: str,
    now: datetime,
    grace: timedelta,
    known: set[str],
    since: datetime,
) -> Due:
    """The slot to run now (the latest unhandled one within the grace period) and those to skip.

    `known` holds the keys of slots that already have a round record (any status), `since`
    bounds how far back missed slots are looked for (e.g. when the schedule last changed).
    """
    iterator = croniter(cron, now.astimezone(ZoneInfo(timezone)))
    missed: list[Slot] = []
    for _ in range(MAX_MISSED):
        fired = _utc(iterator.get_prev(datetime))
        if fired < since:
            break
        slot = Slot(at=fired)
        if slot.key in known:
            break
        missed.append(slot)
    if not missed:
        return Due(run=None, skipped=())
    latest, older = missed[0], tuple(reversed(missed[1:]))
    if now - latest.at <= grace:
        return Due(run=latest, skipped=older)
    return Due(run=None, skipped=(*older, latest))
