"""Admins see who could not be told of a match, and can try again without doubling a message."""

from __future__ import annotations

import contextlib
import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from arq import create_pool
from arq.connections import RedisSettings

from config.settings import Settings
from core.enums import Channel
from notifications.ports import DeliveryOutcome
from repositories.audit import AuditAction, AuditRepository
from repositories.models.matches import MemberDelivery
from repositories.models.outbox import DeliveryStatus
from runtime.services import queue_name
from tests.api.conftest import Api
from tests.api.private_redis import private_redis, redis_url
from vcoffee.app import create_app

LIST = """{ undeliverableNotifications { items { matchId userId attempts givenUpAt
  person { name } } nextCursor } }"""
RESEND = """mutation($m: ID!, $u: ID!) { resendNotification(matchId: $m, userId: $u) {
  __typename ... on ResendQueued { matchId userId } ... on AlreadyDelivered { matchId } } }"""
AT = datetime(2030, 6, 4, 8, 0, tzinfo=UTC)


async def given_up(api: Api, match_id: str, user_id: str) -> None:
    await api.repositories.outbox.record_outcome(
        outcome=DeliveryOutcome(match_id, user_id, "undeliverable", None, (), AT)
    )


async def test_admins_list_the_undeliverable_and_members_may_not(api: Api) -> None:
    admin = await api.person("root", admin=True)
    ada, grace = await api.person("ada"), await api.person("grace")
    [match_id] = await api.completed_round("2030-06-03", [[ada.id, grace.id]])
    await given_up(api, match_id, ada.id)

    listed = await api.data(LIST, as_=admin)

    assert listed["undeliverableNotifications"] == {
        "items": [
            {
                "matchId": match_id,
                "userId": ada.id,
                "attempts": 0,
                "givenUpAt": "2030-06-04T08:00:00+00:00",
                "person": {"name": "ada"},
            }
        ],
        "nextCursor": None,
    }
    refused = await api.error(LIST, as_=grace)
    assert refused["extensions"] == {"code": "FORBIDDEN"}


async def test_a_resend_is_queued_once_per_request_and_never_after_a_send(api: Api) -> None:
    admin = await api.person("root", admin=True)
    ada, grace = await api.person("ada"), await api.person("grace")
    [match_id] = await api.completed_round("2030-06-03", [[ada.id, grace.id]])
    await given_up(api, match_id, ada.id)
    ids = {"m": match_id, "u": ada.id}

    queued = await api.data(RESEND, ids, as_=admin)

    assert queued["resendNotification"] == {
        "__typename": "ResendQueued",
        "matchId": match_id,
        "userId": ada.id,
    }
    [job] = await api.services.queue.queued_jobs(queue_name=queue_name(api.services.settings))
    assert job.function == "notify_member"
    assert (job.kwargs["match_id"], job.kwargs["user_id"]) == (match_id, ada.id)
    assert "since" in job.kwargs  # the day of retries starts again from the request
    events = await AuditRepository(gateway=api.repositories.gateway).month(
        moment=datetime.now(UTC), limit=100
    )
    assert [
        (event.actor, event.target, event.detail)
        for event in events
        if event.action is AuditAction.NOTIFICATION_RESENT
    ] == [(admin.id, ada.id, {"match_id": match_id})]
    # The job sends: the person is told, and another resend sends nothing.
    await api.repositories.outbox.record_outcome(
        outcome=DeliveryOutcome(match_id, ada.id, "sent", Channel.EMAIL, (), AT)
    )
    again = await api.data(RESEND, ids, as_=admin)
    assert again["resendNotification"] == {"__typename": "AlreadyDelivered", "matchId": match_id}
    assert len(await api.services.queue.queued_jobs()) == 1
    match = await api.repositories.matches.get(match_id=match_id)
    assert match is not None
    assert match.deliveries[ada.id] is MemberDelivery.SENT
    listed = await api.data(LIST, as_=admin)
    assert listed["undeliverableNotifications"]["items"] == []


async def test_a_notification_still_being_tried_is_not_resent(api: Api) -> None:
    admin = await api.person("root", admin=True)
    ada, grace = await api.person("ada"), await api.person("grace")
    [match_id] = await api.completed_round("2030-06-03", [[ada.id, grace.id]])

    refused = await api.error(RESEND, {"m": match_id, "u": grace.id}, as_=admin)

    assert refused["extensions"]["code"] == "CONFLICT"
    assert await api.services.queue.queued_jobs() == []
    bad = await api.error(RESEND, {"m": "../etc", "u": grace.id}, as_=admin)
    assert bad["extensions"]["code"] == "BAD_USER_INPUT"


async def test_an_id_longer_than_any_stored_one_is_refused_with_a_code(api: Api) -> None:
    admin = await api.person("root", admin=True)
    ada, grace = await api.person("ada"), await api.person("grace")
    [match_id] = await api.completed_round("2030-06-03", [[ada.id, grace.id]])
    huge = "x" * 3000

    resend = await api.error(RESEND, {"m": match_id, "u": huge}, as_=admin)
    deactivate = await api.error(
        "mutation($u: ID!) { deactivatePerson(userId: $u) { id } }", {"u": huge}, as_=admin
    )

    for refused in (resend, deactivate):
        assert refused["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["id"]}
        assert refused["message"] == "an id in this request is longer than any id stored here"
    assert await api.services.queue.queued_jobs() == []


async def resent_events(api: Api) -> list[tuple[str | None, str | None, object]]:
    events = await AuditRepository(gateway=api.repositories.gateway).month(
        moment=datetime.now(UTC), limit=100
    )
    return [
        (event.actor, event.target, event.detail)
        for event in events
        if event.action is AuditAction.NOTIFICATION_RESENT
    ]


@pytest.mark.timeout(90)
async def test_a_resend_while_redis_is_down_is_refused_changes_nothing_and_works_once_back(
    settings: Settings, table: str, tmp_path: Path
) -> None:
    """Redis down as the job is queued (the request's own checks done), then for the request.

    The queue gets a Redis of its own here, so that it can be down while the limits and
    sessions still answer: the moment a single Redis would go away in the middle of the call.
    """
    with (
        private_redis(tmp_path, "limits") as limits,
        private_redis(tmp_path, "queue") as jobs,
    ):
        app = create_app(settings.model_copy(update={"redis_url": redis_url(limits)}))
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8000"
            ) as client,
            contextlib.aclosing(
                await create_pool(RedisSettings.from_dsn(redis_url(jobs)))
            ) as queue,
        ):
            app.state.services = dataclasses.replace(app.state.services, queue=queue)
            api = Api(client=client, services=app.state.services)
            admin = await api.person("root", admin=True)
            ada, grace = await api.person("ada"), await api.person("grace")
            [match_id] = await api.completed_round("2030-06-03", [[ada.id, grace.id]])
            await given_up(api, match_id, ada.id)
            ids = {"m": match_id, "u": ada.id}

            async def nothing_changed() -> None:
                assert await resent_events(api) == []
                record = await api.repositories.outbox.delivery(match_id=match_id, user_id=ada.id)
                assert record is not None
                assert record.status is DeliveryStatus.UNDELIVERABLE

            jobs.kill()
            refused = await api.error(RESEND, ids, as_=admin)

            assert refused["extensions"] == {"code": "SERVICE_UNAVAILABLE"}
            assert "not queued" in refused["message"]
            await nothing_changed()

            limits.kill()
            response = await api.post(RESEND, ids, as_=admin)

            assert response.status_code == 503
            assert response.headers["retry-after"] == "5"
            [error] = response.json()["errors"]
            assert error["extensions"] == {"code": "SERVICE_UNAVAILABLE"}
            await nothing_changed()

            # Both back, empty: the same request queues the resend, audited once.
            limits.start()
            jobs.start()
            queued = await api.data(RESEND, ids, as_=admin)

            assert queued["resendNotification"]["__typename"] == "ResendQueued"
            [job] = await queue.queued_jobs(queue_name=queue_name(settings))
            assert (job.kwargs["match_id"], job.kwargs["user_id"]) == (match_id, ada.id)
            assert await resent_events(api) == [(admin.id, ada.id, {"match_id": match_id})]
