"""Generated round instances for the matching benchmarks."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from typing import Any

from matching.slots import DAYS

REGIONS: dict[str, tuple[str, ...]] = {
    "americas": (
        "America/Los_Angeles",
        "America/Denver",
        "America/Chicago",
        "America/New_York",
        "America/Mexico_City",
        "America/Bogota",
        "America/Sao_Paulo",
    ),
    "europe": (
        "Europe/London",
        "Europe/Lisbon",
        "Europe/Paris",
        "Europe/Berlin",
        "Europe/Warsaw",
        "Europe/Helsinki",
    ),
    "apac": (
        "Asia/Kolkata",
        "Asia/Singapore",
        "Asia/Shanghai",
        "Asia/Tokyo",
        "Australia/Sydney",
        "Pacific/Auckland",
    ),
}
TEAMS = ("payments", "search", "platform", "mobile", "data", "growth", "infra", "design")
TOPICS = ("hiking", "rust", "cooking", "chess", "music", "football", "books", "travel", "film")
FIRST_ROUND = date(2026, 1, 5)


def round_date(number: int) -> date:
    """Weekly rounds, Mondays, from early January."""
    return FIRST_ROUND + timedelta(weeks=number)


def plain_people(count: int) -> list[dict[str, Any]]:
    """People free at any time, with no team or topics."""
    return [{"id": f"p{number:06d}"} for number in range(count)]


OFFICE_HOURS = tuple(f"{day}-{hour:02d}" for day in DAYS[:5] for hour in range(8, 18))
WAKING_HOURS = tuple(f"{day}-{hour:02d}" for day in DAYS for hour in range(7, 23))


def worldwide_people(
    count: int,
    *,
    rng: Random,
    slots: tuple[int, int] = (3, 6),
    hours: tuple[str, ...] = OFFICE_HOURS,
) -> list[dict[str, Any]]:
    """People over three regions, each with a few one-hour slots among `hours`, a team, topics."""
    regions = list(REGIONS.values())
    people = []
    for number in range(count):
        zone = rng.choice(regions[number % len(regions)])
        people.append(
            {
                "id": f"p{number:06d}",
                "timezone": zone,
                "availability": sorted(rng.sample(hours, rng.randint(*slots))),
                "team": rng.choice(TEAMS),
                "topics": rng.sample(TOPICS, rng.randint(0, 3)),
            }
        )
    return people


def instance(
    *,
    people: list[dict[str, Any]],
    group_size: int,
    round_number: int,
    seed: int,
    history: list[dict[str, Any]],
    prefer_cross_team: bool = False,
) -> dict[str, Any]:
    """An instance as the command line would read it."""
    return {
        "round": round_date(round_number).isoformat(),
        "group_size": group_size,
        "seed": seed,
        "prefer_cross_team": prefer_cross_team,
        "participants": people,
        "history": history,
    }


def random_history(
    *, ids: list[str], rounds: int, group_size: int, rng: Random
) -> list[dict[str, Any]]:
    """Earlier rounds of shuffled groups, oldest first."""
    history = []
    for number in range(rounds):
        shuffled = ids[:]
        rng.shuffle(shuffled)
        groups = [shuffled[at : at + group_size] for at in range(0, len(shuffled), group_size)]
        history.append({"round": round_date(number).isoformat(), "groups": groups})
    return history
