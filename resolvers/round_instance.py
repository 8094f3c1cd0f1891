"""The matching instance of a round, read from the repositories: who takes part and who met."""

from __future__ import annotations

import zlib

from matching.instance import HistoryRound, Instance, Participant
from repositories.bundle import Repositories
from repositories.models.rounds import slot_date


def seed_of(slot: str) -> int:
    """The same slot always gets the same seed, so a preview shows what the run will do."""
    return zlib.crc32(slot.encode())


async def build_instance(*, repositories: Repositories, slot: str) -> Instance:
    config = await repositories.config.get()
    day = slot_date(slot)
    people = await repositories.users.participants(on=day)
    history = await repositories.rounds.recent_groups(rounds=config.repeat_window)
    blocks = await repositories.blocks.all_pairs()
    return Instance(
        round=day,
        group_size=config.group_size,
        seed=seed_of(slot),
        repeat_window=config.repeat_window,
        prefer_cross_team=config.prefer_cross_team,
        participants=tuple(
            Participant(
                id=user.id,
                timezone=user.preferences.timezone,
                availability=tuple(user.preferences.availability),
                topics=tuple(user.preferences.topics),
                team=user.profile.team,
            )
            for user in people
        ),
        history=tuple(
            HistoryRound(round=slot_date(past.slot), groups=tuple(map(tuple, past.groups)))
            for past in history
        ),
        blocks=tuple(blocks),
    )
