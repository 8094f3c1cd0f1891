"""A round's matching instance, read from the repositories: who takes part, who met, who blocks."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from matching.instance import Instance, parse_instance
from repositories.bundle import Repositories
from repositories.models.config import DeploymentConfig
from repositories.models.rounds import slot_date
from repositories.models.users import User


def seed_for(*, deployment_id: str, slot: str) -> int:
    """A stable seed per round: a preview shows what the run will do, and anyone can replay it."""
    digest = hashlib.sha256(f"{deployment_id}\0{slot}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def build_instance(
    *,
    slot: str,
    seed: int,
    config: DeploymentConfig,
    people: list[User],
    history: list[tuple[str, list[list[str]]]],
    blocks: list[tuple[str, str]],
    plan: dict[str, Any] | None = None,
    plan_ahead: bool = False,
) -> Instance:
    present = {person.id for person in people}
    # Through parse_instance, so stored data that breaks the contract fails as InstanceError.
    return parse_instance(
        {
            "round": slot_date(slot).isoformat(),
            "group_size": config.meeting_size,
            "seed": seed,
            "repeat_window": config.repeat_window,
            "prefer_cross_team": config.prefer_cross_team,
            "participants": [
                {
                    "id": person.id,
                    "timezone": person.preferences.time_zone,
                    "availability": list(person.preferences.availability),
                    "topics": list(person.preferences.topics),
                    "team": person.profile.team,
                }
                for person in people
            ],
            "history": [
                {"round": slot_date(past).isoformat(), "groups": groups} for past, groups in history
            ],
            "blocks": [
                [blocker, blocked]
                for blocker, blocked in blocks
                if blocker in present and blocked in present
            ],
            "plan": plan,
            "plan_ahead": plan_ahead,
        }
    )


@dataclass(frozen=True)
class RoundInput:
    """A round's instance and the people it was read from."""

    instance: Instance
    people: list[User]


async def read_instance(
    *, repositories: Repositories, slot: str, seed: int, plan_ahead: bool = False
) -> Instance:
    """The instance of `slot` as the data stands now; InstanceError if it breaks the contract.

    It carries the plan the latest completed round left; with `plan_ahead` (the round job
    only, never a request) the matcher may make a new one.
    """
    read = await read_round_input(
        repositories=repositories, slot=slot, seed=seed, plan_ahead=plan_ahead
    )
    return read.instance


async def read_round_input(
    *, repositories: Repositories, slot: str, seed: int, plan_ahead: bool = False
) -> RoundInput:
    """As read_instance, with the people read: the round job announces matches with them."""
    config = await repositories.config.get()
    people = await repositories.users.participants(on=slot_date(slot))
    history = [
        (past.slot, past.groups)
        for past in await repositories.rounds.recent_groups(rounds=config.repeat_window)
        if past.slot != slot
    ]
    instance = build_instance(
        slot=slot,
        seed=seed,
        config=config,
        people=people,
        history=history,
        blocks=await repositories.blocks.all_pairs(),
        plan=await _latest_plan(repositories=repositories, slot=slot),
        plan_ahead=plan_ahead,
    )
    return RoundInput(instance=instance, people=people)


async def _latest_plan(*, repositories: Repositories, slot: str) -> dict[str, Any] | None:
    latest = await repositories.rounds.latest_completed()
    if latest is None or latest.slot == slot:
        return None
    stored = await repositories.round_plans.get(slot=latest.slot)
    if stored is None:
        return None
    plan: dict[str, Any] = json.loads(stored.plan_json)
    return plan
