"""The rule every round schedule meets: it fires, and goes on firing, at least once a year."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from croniter import CroniterBadDateError, croniter

# A cron expression can name a day that comes rarely (29 February) or never (30 February);
# croniter would search for it for decades. One year is as far as a round schedule may wait.
MAX_YEARS_BETWEEN_ROUNDS = 1
# Two gaps in a row: a leap day may come within a year once, but not the time after.
CHECKED_GAPS = 2


def next_firing(*, cron: str, timezone: str, after: datetime) -> datetime | None:
    """The next firing within a year of `after`, in the deployment's time zone; else None."""
    iterator = croniter(
        cron,
        after.astimezone(ZoneInfo(timezone)),
        max_years_between_matches=MAX_YEARS_BETWEEN_ROUNDS,
    )
    try:
        fired: datetime = iterator.get_next(datetime)
    except CroniterBadDateError:
        return None
    return fired


def fires_yearly(*, cron: str, timezone: str, now: datetime) -> bool:
    moment = now
    for _ in range(CHECKED_GAPS):
        fired = next_firing(cron=cron, timezone=timezone, after=moment)
        if fired is None:
            return False
        moment = fired
    return True
