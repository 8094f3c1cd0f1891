"""Weekly availability slots as UTC quarter-hour masks of the week that starts on the round date.

Bit i of a mask is the quarter hour starting i * 15 minutes after 00:00 UTC on the round date;
the week wraps around (weekly slots recur), so bit 671 is followed by bit 0. Quarter hours are
fine enough for every real UTC offset (+05:30, +05:45, ...). A slot's local time is converted
with the offset its zone has on the round date, as the contract asks.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

SLOT_PATTERN = re.compile(r"(mon|tue|wed|thu|fri|sat|sun)-([01][0-9]|2[0-3])")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
QUARTERS_PER_WEEK = 7 * 24 * 4
ANY_TIME = (1 << QUARTERS_PER_WEEK) - 1
_LAST = QUARTERS_PER_WEEK - 1
_QUARTER = timedelta(minutes=15)


def week_start(round_date: date) -> datetime:
    """00:00 UTC on the round date: the origin of every mask."""
    return datetime.combine(round_date, time(0), tzinfo=UTC)


@lru_cache(maxsize=4096)
def offset_on(zone_name: str, round_date: date) -> timedelta:
    """The zone's UTC offset at local noon on the round date (after an early-morning DST change)."""
    noon = datetime.combine(round_date, time(12), tzinfo=ZoneInfo(zone_name))
    offset = noon.utcoffset()
    assert offset is not None
    return offset


@lru_cache(maxsize=1024)
def is_slot(slot: str) -> bool:
    """Whether `slot` has the form ddd-HH; remembered, as there are only 168 valid slots."""
    return SLOT_PATTERN.fullmatch(slot) is not None


@lru_cache(maxsize=1024)
def slot_masks(zone_name: str, round_date: date) -> dict[str, int]:
    """The UTC quarter-hour mask of each of the 168 weekly slots for a person in the zone."""
    offset_quarters = int(offset_on(zone_name, round_date) / _QUARTER)
    round_weekday = round_date.weekday()
    masks = {}
    for weekday, day in enumerate(DAYS):
        for hour in range(24):
            local_quarter = ((weekday - round_weekday) % 7) * 96 + hour * 4
            first = (local_quarter - offset_quarters) % QUARTERS_PER_WEEK
            mask = 0
            for step in range(4):
                mask |= 1 << ((first + step) % QUARTERS_PER_WEEK)
            masks[f"{day}-{hour:02d}"] = mask
    return masks


def availability_mask(zone_name: str, slots: Collection[str], round_date: date) -> int:
    """The UTC quarter-hour mask of a person's weekly slots; no slots means any time."""
    if not slots:
        return ANY_TIME
    table = slot_masks(zone_name, round_date)
    mask = 0
    for slot in slots:
        found = table.get(slot)
        if found is None:
            raise ValueError(f"slot {slot!r} is not of the form ddd-HH")
        mask |= found
    return mask


def window_starts(mask: int) -> int:
    """Bits i such that quarters i and i+1 (wrapping) are both in the mask: 30-minute windows."""
    rotated = (mask >> 1) | ((mask & 1) << _LAST)
    return mask & rotated


def has_window(mask: int) -> bool:
    """Whether the mask holds at least 30 consecutive minutes."""
    # window_starts written out: this runs in the innermost loop of the search.
    return mask & ((mask >> 1) | ((mask & 1) << _LAST)) != 0


def bit_positions(mask: int) -> list[int]:
    """Indices of the set bits, lowest first."""
    positions = []
    while mask:
        low = mask & -mask
        positions.append(low.bit_length() - 1)
        mask ^= low
    return positions


def earliest_window(mask: int) -> tuple[int, int] | None:
    """(first quarter, length in quarters, capped at one hour) of the earliest common window."""
    starts = window_starts(mask)
    if not starts:
        return None
    first = (starts & -starts).bit_length() - 1
    length = 2
    while length < 4 and mask >> ((first + length) % QUARTERS_PER_WEEK) & 1:
        length += 1
    return first, length


def local_time(instant: datetime, zone_name: str, round_date: date) -> datetime:
    """`instant` on the person's clock, with the offset their zone has on the round date."""
    return instant.astimezone(timezone(offset_on(zone_name, round_date)))


def quarter_start(round_date: date, quarter: int) -> datetime:
    """The UTC instant at which quarter `quarter` of the round's week begins."""
    return week_start(round_date) + quarter * _QUARTER
