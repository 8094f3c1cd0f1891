"""Deployments sharing a table never see each other's items nor accept each other's cursors."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import TYPE_CHECKING

import pytest

from core.errors import BadUserInput, ErrorCode
from repositories.bundle import Repositories
from tests.repositories.conftest import CURSOR_SECRET, Clock, build, completed_round, register

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient


@pytest.fixture
def team_b(dynamodb: DynamoDBClient, table: str, clock: Clock) -> Repositories:
    return build(dynamodb, table, clock, "team-b")


async def test_deployment_a_cannot_read_deployment_b(
    repos: Repositories, team_b: Repositories
) -> None:
    bea = await register(team_b, "bea")
    (match_id,) = await completed_round(team_b, "2026-11-30", [[bea.id, "bo"]])
    await team_b.blocks.block(user_id=bea.id, blocked_id=(await register(team_b, "bo")).id)

    assert await repos.users.get(user_id=bea.id) is None
    assert await repos.users.get_many(user_ids=[bea.id]) == [None]
    assert await repos.users.get_by_email(email="bea@example.com") is None
    assert (await repos.users.list_users(limit=100)).items == []
    assert await repos.matches.get(match_id=match_id) is None
    assert (await repos.matches.history(user_id=bea.id)).items == []
    assert await repos.rounds.get(slot="2026-11-30") is None
    assert await repos.rounds.recent_groups(rounds=0) == []
    assert await repos.blocks.all_pairs() == []
    assert (await repos.config.get()).version == 0
    # The same email registers independently in the other deployment.
    await register(repos, "bea")


async def test_a_cursor_of_one_deployment_is_refused_by_the_other(
    repos: Repositories, team_b: Repositories
) -> None:
    for n in range(3):
        await register(team_b, f"b{n}")
    page = await team_b.users.list_users(limit=1)
    assert page.cursor is not None

    with pytest.raises(BadUserInput) as refused:
        await repos.users.list_users(limit=1, cursor=page.cursor)

    assert refused.value.code is ErrorCode.BAD_USER_INPUT
    assert refused.value.fields == ("cursor",)


def forged(payload: dict[str, object], secret: bytes) -> str:
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    signature = hmac.new(secret, body, hashlib.sha256).digest()[:16]
    encode = base64.urlsafe_b64encode
    return f"{encode(body).rstrip(b'=').decode()}.{encode(signature).rstrip(b'=').decode()}"


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "e30.AAAA",
        # Validly shaped but signed with a key the repository does not hold.
        forged({"d": "team-a", "s": "users:*", "k": {"PK": "D#team-b#USER#x"}}, b"x" * 32),
        # Signed with the right key yet pointing into another deployment's keys.
        forged({"d": "team-a", "s": "users:*", "k": {"GSI1PK": "D#team-b#USERS"}}, CURSOR_SECRET),
        # A cursor of another listing.
        forged({"d": "team-a", "s": "rounds", "k": {}}, CURSOR_SECRET),
    ],
)
async def test_a_forged_cursor_is_refused(repos: Repositories, cursor: str) -> None:
    with pytest.raises(BadUserInput):
        await repos.users.list_users(limit=5, cursor=cursor)
