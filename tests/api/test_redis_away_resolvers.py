"""Operations that reach Redis answer SERVICE_UNAVAILABLE, as a DynamoDB outage does, while it
is away (never INTERNAL), and change nothing: the rate limits of every mutation, the queues of
rounds, test messages and resends, chat link codes, and the audit cap of refused admin calls.

The app's own checks (admission, sessions) keep a Redis of their own here, so that the one the
operations use can be down while a request is let in: the moment a single Redis goes away in the
middle of a call.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from arq import create_pool
from arq.connections import RedisSettings
from redis.asyncio import Redis

from config.settings import Settings
from repositories.audit import AuditRepository
from repositories.models import User
from runtime.outages import is_redis_outage
from runtime.services import Services
from tests.api.conftest import Api
from tests.api.private_redis import private_redis, redis_url
from tests.faults.stack import Service
from vcoffee.app import create_app

SLOT = "2030-06-03"
NEXT_SLOT = "2030-06-10"


@dataclass
class Outage:
    api: Api
    operations_redis: Service
    queue_redis: Service
    admin: User
    member: User
    match_id: str


@pytest.fixture
async def outage(settings: Settings, table: str, tmp_path: Path) -> AsyncIterator[Outage]:
    with (
        private_redis(tmp_path, "checks") as checks,
        private_redis(tmp_path, "operations") as operations,
        private_redis(tmp_path, "queue") as queue_server,
    ):
        app = create_app(settings.model_copy(update={"redis_url": redis_url(checks)}))
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8000"
            ) as client,
            contextlib.aclosing(Redis.from_url(redis_url(operations))) as redis,
            contextlib.aclosing(
                await create_pool(RedisSettings.from_dsn(redis_url(queue_server)))
            ) as queue,
        ):
            services: Services = app.state.services
            app.state.services = dataclasses.replace(services, redis=redis, queue=queue)
            api = Api(client=client, services=app.state.services)
            admin = await api.person("root", admin=True)
            member, other = await api.person("ada"), await api.person("grace")
            [match_id] = await api.completed_round(SLOT, [[member.id, other.id]])
            yield Outage(
                api=api,
                operations_redis=operations,
                queue_redis=queue_server,
                admin=admin,
                member=member,
                match_id=match_id,
            )


# (operation, variables, as the admin?) for each way an operation reaches Redis.
Operation = tuple[str, Any, bool]
QUEUEING: dict[str, Operation] = {
    "run a round now": (
        "mutation($s: String!) { runRoundNow(slot: $s) { __typename } }",
        {"s": NEXT_SLOT},
        True,
    ),
    "send a test message": (
        "mutation { sendTestNotification(channel: EMAIL) { __typename } }",
        None,
        False,
    ),
}
LIMITED: dict[str, Operation] = {
    **QUEUEING,
    "send again": (
        "mutation($m: ID!, $u: ID!) { resendNotification(matchId: $m, userId: $u) { __typename } }",
        "match",
        True,
    ),
    "link Telegram": ("mutation { linkTelegram { __typename } }", None, False),
    "pause": ("mutation { pause { id } }", None, False),
    "deactivate a person": (
        "mutation($u: ID!) { deactivatePerson(userId: $u) { id } }",
        "member",
        True,
    ),
}


async def answer(outage: Outage, operation: tuple[str, Any, bool]) -> tuple[dict[str, Any], int]:
    query, variables, as_admin = operation
    if variables == "match":
        variables = {"m": outage.match_id, "u": outage.member.id}
    elif variables == "member":
        variables = {"u": outage.member.id}
    response = await outage.api.post(
        query, variables, as_=outage.admin if as_admin else outage.member
    )
    result: dict[str, Any] = response.json()
    return result, response.status_code


def assert_unavailable(name: str, result: dict[str, Any]) -> None:
    errors = result.get("errors")
    assert errors is not None, (name, result)
    [error] = errors
    assert error["extensions"] == {"code": "SERVICE_UNAVAILABLE"}, (name, error)


@pytest.mark.timeout(60)
async def test_operations_reaching_a_redis_that_is_away_answer_service_unavailable(
    outage: Outage,
) -> None:
    api = outage.api
    started = datetime.now(UTC)
    audit = AuditRepository(gateway=api.repositories.gateway)

    # The queue's Redis away, the rate limits' still there: refused as the job is queued.
    outage.queue_redis.kill()
    for name, operation in QUEUEING.items():
        result, status = await answer(outage, operation)
        assert status == 200, (name, result)
        assert_unavailable(name, result)

    # Then that one too: refused as the mutation's rate limit is counted, before it runs.
    outage.operations_redis.kill()
    for name, operation in LIMITED.items():
        result, _ = await answer(outage, operation)
        assert_unavailable(name, result)
        assert result["errors"][0]["message"] == "Redis is not answering; try again shortly"

    # Nothing changed: no round, nobody paused or deactivated, nothing audited.
    assert await api.repositories.rounds.get(slot=NEXT_SLOT) is None
    member = await api.repositories.users.get(user_id=outage.member.id)
    assert member is not None
    assert member.model_dump() == outage.member.model_dump()
    assert [event for event in await audit.month(moment=started, limit=100)] == []

    # Back, empty: the same requests go through.
    outage.operations_redis.start()
    outage.queue_redis.start()
    result, _ = await answer(outage, QUEUEING["run a round now"])
    assert result["data"]["runRoundNow"]["__typename"] == "RoundQueued"


@pytest.mark.timeout(60)
async def test_a_member_refused_an_admin_field_while_redis_is_away_is_still_refused(
    outage: Outage,
) -> None:
    """The audit cap of refused admin calls lives in Redis; the refusal does not need it."""
    outage.operations_redis.kill()

    response = await outage.api.post(
        "{ undeliverableNotifications { items { userId } } }", as_=outage.member
    )

    result = response.json()
    codes = [error["extensions"]["code"] for error in result["errors"]]
    assert codes == ["FORBIDDEN"], result


def test_only_the_redis_clients_oserrors_count_as_its_outage() -> None:
    """ENAMETOOLONG from a 5,000-character time zone is the client's mistake, not an outage."""
    with pytest.raises(OSError, match="too long") as refused:
        Path("x" * 5000).stat()

    assert refused.value.errno == errno.ENAMETOOLONG
    assert not is_redis_outage(refused.value)
