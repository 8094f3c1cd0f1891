"""Rounds of groups follow the plan stored with the previous round, across job runs."""

from __future__ import annotations

import json
from datetime import date, timedelta

from repositories.models.config import DeploymentConfig
from repositories.models.round_plans import RoundPlan
from runtime.services import Services
from tests.workers.conftest import enrol
from workers.rounds import execute_round


def _slot(week: int) -> str:
    return f"{(date(2026, 11, 30) + timedelta(weeks=week)).isoformat()}T08:00Z"


async def _in_trios(services: Services) -> None:
    repos = services.repositories
    config = await repos.config.get()
    edited = DeploymentConfig.model_validate(config.model_dump() | {"group_size": 3})
    await repos.config.update(config=edited, expected_version=config.version)


async def test_fifteen_people_in_trios_meet_no_one_twice_in_seven_rounds(
    services: Services,
) -> None:
    repos = services.repositories
    await _in_trios(services)
    for number in range(15):
        await enrol(repos, f"p{number:02d}")
    met: set[frozenset[str]] = set()
    for week in range(7):
        outcome = await execute_round(services, slot=_slot(week), owner=f"job:{week}")
        assert outcome.status == "completed"
        stored = await repos.rounds.get(slot=_slot(week))
        assert stored is not None
        assert stored.quality is not None
        assert stored.quality.repeats == 0
        plan = await repos.round_plans.get(slot=_slot(week))
        assert plan is not None
        assert len(json.loads(plan.plan_json)["rounds"]) == 6 - week
        for match in await repos.rounds.groups_of(slot=_slot(week)):
            pairs = {
                frozenset((a, b)) for a in match.participants for b in match.participants if a < b
            }
            assert not pairs & met
            met |= pairs
    assert len(met) == 15 * 14 // 2


async def test_rounds_stored_before_plans_existed_are_continued_with_a_new_plan(
    services: Services,
) -> None:
    repos = services.repositories
    await _in_trios(services)
    for number in range(9):
        await enrol(repos, f"p{number}")
    first = await execute_round(services, slot=_slot(0), owner="job:0")
    assert first.status == "completed"
    # A round written by the release before plans has no plan item beside it.
    pk, sk = repos.gateway.keys.round_plan(_slot(0))
    await repos.gateway.delete((pk, sk))
    assert await repos.round_plans.get(slot=_slot(0)) is None
    second = await execute_round(services, slot=_slot(1), owner="job:1")
    assert second.status == "completed"
    stored = await repos.rounds.get(slot=_slot(1))
    assert stored is not None
    assert stored.quality is not None
    assert stored.quality.repeats == 0
    assert await repos.round_plans.get(slot=_slot(1)) is not None


def test_a_stored_plan_reads_back_as_written() -> None:
    from repositories.keys import Keys

    text = json.dumps({"group_size": 3, "points": ["a"] * 400, "rounds": [[[0, 1, 2]]] * 200})
    item = RoundPlan(slot=_slot(0), plan_json=text).to_item(Keys("team-a"))
    assert len(item["plan"]) < len(text) / 10
    assert RoundPlan.from_item(item).plan_json == text
