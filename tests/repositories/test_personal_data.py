"""A person's data exported and erased; a deployment erased; admin figures."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from core.errors import NotFound
from repositories.bundle import Repositories
from repositories.models import FeedbackOutcome, Identity, Profile
from tests.repositories.conftest import Clock, build, completed_round, register_active
from tests.repositories.test_outbox import Attempt, Outcome

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient


async def items_mentioning(dynamodb: DynamoDBClient, table: str, text: str) -> list[str]:
    """Keys of every item whose attributes contain `text` anywhere, read by a raw scan."""
    found: list[str] = []
    request: dict[str, object] = {"TableName": table}
    while True:
        page = await dynamodb.scan(**request)  # type: ignore[arg-type]
        for item in page["Items"]:
            if text in repr(item):
                found.append(f"{item['PK']['S']} {item['SK']['S']}")
        if "LastEvaluatedKey" not in page:
            return found
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


async def a_season(repos: Repositories, clock: Clock) -> tuple[str, str, list[str]]:
    """Ada and Bob met twice; Ada blocked Cy, Cy blocked Ada; feedback and deliveries."""
    ada = await register_active(repos, "ada")
    bob = await register_active(repos, "bob")
    cy = await register_active(repos, "cy")
    first = await completed_round(repos, "2026-11-23", [[ada.id, bob.id]])
    second = await completed_round(repos, "2026-11-30", [[ada.id, bob.id, cy.id]], repeats=1)
    await repos.blocks.block(user_id=ada.id, blocked_id=cy.id)
    await repos.blocks.block(user_id=cy.id, blocked_id=ada.id)
    for match_id in first + second:
        await repos.feedback.upsert(
            match_id=match_id, user_id=ada.id, outcome=FeedbackOutcome.MET, comment="nice"
        )
        await repos.outbox.claim(match_id=match_id, user_id=ada.id, channel="email", owner="job")
        await repos.outbox.record_attempt(
            attempt=Attempt(match_id, ada.id, "email", 1, "transient_failure", clock.now)
        )
        await repos.outbox.record_outcome(
            outcome=Outcome(match_id, ada.id, "sent", "email", (), clock.now)
        )
    await repos.feedback.upsert(
        match_id=second[0], user_id=bob.id, outcome=FeedbackOutcome.DID_NOT_MEET
    )
    return ada.id, bob.id, first + second


async def test_an_export_holds_everything_about_the_person(
    repos: Repositories, clock: Clock
) -> None:
    ada, bob, matches = await a_season(repos, clock)

    export = await repos.personal_data.export(user_id=ada)

    assert export["user"]["profile"]["email"] == "ada@example.com"
    assert sorted(entry["match_id"] for entry in export["history"]) == sorted(matches)
    assert len(export["blocks"]) == 1
    assert [f["comment"] for f in export["feedback"]] == ["nice", "nice"]
    assert len(export["notifications"]) == 2
    assert len(export["attempts"]) == 2
    assert len(export["deliveries"]) == 2
    assert bob not in repr(export["blocks"])


async def test_erasing_a_person_leaves_only_their_opaque_id_in_others_matches(
    repos: Repositories, clock: Clock, dynamodb: DynamoDBClient, table: str
) -> None:
    ada, _, _ = await a_season(repos, clock)

    removed = await repos.personal_data.delete(user_id=ada)

    assert removed > 10
    assert await repos.users.get(user_id=ada) is None
    assert await repos.users.get_by_email(email="ada@example.com") is None
    left = await items_mentioning(dynamodb, table, ada)
    # Group items and the others' history still list the id, so repeats stay avoided.
    groups = [key for key in left if " GROUP#" in key]
    others_history = [key for key in left if " MATCH#" in key and f"USER#{ada} " not in key]
    assert len(groups) == 2
    assert len(others_history) == 3  # Bob's two matches with Ada, Cy's one
    assert sorted(left) == sorted(groups + others_history)
    assert "nice" not in repr(await items_mentioning(dynamodb, table, "nice"))
    assert await repos.blocks.all_pairs() == []
    # The address and the sign-in are free again.
    await repos.users.register(
        identity=Identity(issuer="https://sso.example.com", subject="sub-ada"),
        profile=Profile(name="Ada again", email="ada@example.com"),
    )
    with pytest.raises(NotFound):
        await repos.personal_data.delete(user_id=ada)


async def test_admin_figures(repos: Repositories, clock: Clock) -> None:
    _, bob, _ = await a_season(repos, clock)
    await repos.users.pause(user_id=bob, until=clock.now.date() + timedelta(days=3))
    await repos.rounds.claim(slot="2026-12-07", owner="job", seed=1)

    stats = await repos.stats.compute()

    assert (stats.active, stats.paused, stats.not_joined, stats.deactivated) == (2, 1, 0, 0)
    assert (stats.rounds, stats.completed_rounds, stats.groups) == (3, 2, 2)
    assert stats.feedback == 3
    assert stats.matches_with_feedback == 2
    assert stats.met_share == 1.0
    assert stats.repeats == 1
    assert stats.repeat_rate == pytest.approx(1 / 4)  # one of 1 + 3 pairs had met before
    assert stats.notification_failures == 2
    assert stats.undeliverable == 0


async def test_erasing_a_deployment_spares_the_other_in_a_shared_table(
    dynamodb: DynamoDBClient, table: str, clock: Clock
) -> None:
    team_a = build(dynamodb, table, clock, "team-a")
    team_b = build(dynamodb, table, clock, "team-b")
    await a_season(team_a, clock)
    await a_season(team_b, clock)
    b_people = (await team_b.users.list_users(limit=100)).items

    removed = await team_a.deployment_data.delete_all()

    assert removed > 20
    assert await items_mentioning(dynamodb, table, "D#team-a#") == []
    assert (await team_a.users.list_users(limit=100)).items == []
    assert (await team_b.users.list_users(limit=100)).items == b_people
    assert (await team_b.stats.compute()).completed_rounds == 2
