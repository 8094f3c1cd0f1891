"""Test messages go from the API through a real arq worker to local email, Telegram and Signal."""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
import uuid
import warnings
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from typing import Any

import pytest
from arq.worker import Worker

import resolvers.trial_send
from config.settings import Settings
from devtools.stack import Endpoints
from repositories.models import User
from repositories.models.config import ChannelConfig, DeploymentConfig
from repositories.models.users import Channel, NotificationSettings
from tests.api.conftest import Api
from tests.conftest import make_settings
from tests.notifications.servers import (
    SIGNAL_OK,
    TELEGRAM_OK,
    Reply,
    ScriptedHttpService,
    ScriptedSmtpServer,
    SmtpReply,
)
from workers.main import worker_options
from workers.trial_send import send_test_notification

SEND = """mutation($channel: Channel!) { sendTestNotification(channel: $channel) {
  __typename
  ... on TestNotificationSent { channel }
  ... on ChannelNotConfigured { channel message }
  ... on TestNotificationFailed { channel message } } }"""
CHAT_ID = "123456789"
NUMBER = "+442079460958"
BOT_TOKEN = "123:secret-token"


@dataclass
class Servers:
    smtp: ScriptedSmtpServer
    telegram: ScriptedHttpService
    signal: ScriptedHttpService

    def recipients(self) -> list[list[str]]:
        return [list(envelope.rcpt_tos) for envelope in self.smtp.handler.accepted]


@pytest.fixture
async def servers() -> AsyncIterator[Servers]:
    started = Servers(
        smtp=ScriptedSmtpServer(),
        telegram=ScriptedHttpService(default=TELEGRAM_OK),
        signal=ScriptedHttpService(default=SIGNAL_OK),
    )
    for server in (started.smtp, started.telegram, started.signal):
        await server.start()
    yield started
    for server in (started.smtp, started.telegram, started.signal):
        await server.stop()


@pytest.fixture
def settings(endpoints: Endpoints, servers: Servers) -> Settings:
    """An instance sending on the local servers; its own deployment id gives it its own queue."""
    return make_settings(
        endpoints,
        deployment_id=f"testsend-{uuid.uuid4().hex[:8]}",
        smtp_host="127.0.0.1",
        smtp_port=servers.smtp.port,
        smtp_sender="coffee@example.com",
        telegram_api_url=servers.telegram.url,
        telegram_bot_token=BOT_TOKEN,
        signal_api_url=servers.signal.url,
        signal_sender_number="+15550001111",
        notification_timeout_seconds=5.0,
    )


def worker_for(settings: Settings, *, burst: bool = False, max_jobs: int = 50) -> Worker:
    """The worker as `vcoffee worker` builds it, without its cron jobs, polling fast."""
    options: dict[str, Any] = {
        **worker_options(settings),
        "cron_jobs": [],
        "poll_delay": 0.05,
        "handle_signals": False,
        "burst": burst,
        "max_jobs": max_jobs,
    }
    return Worker(**options)


async def reported(worker: Worker) -> None:
    """Waits for the worker's first health report, which the API looks for."""
    for _ in range(200):
        if worker._pool is not None and await worker.pool.exists(worker.health_check_key):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the worker never reported its health")


async def settled(worker: Worker) -> None:
    """Waits until no job of the worker is still writing its result.

    arq counts a job as failed before it stores the failure; closing the worker in between
    cancels that write and leaves its connection open.
    """
    for _ in range(200):
        if all(task.done() for task in list(worker.tasks.values())):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the worker's jobs did not settle: {worker!r}")


@contextlib.asynccontextmanager
async def running(worker: Worker) -> AsyncIterator[Worker]:
    task = asyncio.create_task(worker.async_run())
    try:
        if not worker.burst:
            await reported(worker)
        yield worker
    finally:
        if worker.burst:
            # A burst worker stops by itself once the queue is empty and its jobs are done.
            await asyncio.wait({task}, timeout=10)
        await settled(worker)
        with warnings.catch_warnings():
            # arq closes its pool with redis' deprecated close(); the warning is arq's.
            warnings.simplefilter("ignore", DeprecationWarning)
            await worker.close()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@pytest.fixture
async def worker(settings: Settings, table: str) -> AsyncIterator[Worker]:
    async with running(worker_for(settings)) as started:
        yield started


async def member(api: Api) -> User:
    """A member with email, Telegram and Signal on, in a deployment that offers all three."""
    await api.repositories.config.update(
        config=DeploymentConfig(
            channels={
                Channel.EMAIL: ChannelConfig(enabled=True),
                Channel.TELEGRAM: ChannelConfig(enabled=True),
                Channel.SIGNAL: ChannelConfig(enabled=True),
            }
        ),
        expected_version=0,
    )
    ada = await api.person("ada")
    return await api.repositories.users.update_notifications(
        user_id=ada.id,
        settings=NotificationSettings(
            enabled_channels=[Channel.EMAIL, Channel.TELEGRAM, Channel.SIGNAL],
            primary_channel=Channel.EMAIL,
            telegram_chat_id=CHAT_ID,
            signal_number=NUMBER,
        ),
        expected_version=ada.version,
    )


async def send(api: Api, user: User, channel: str) -> dict[str, Any]:
    result: dict[str, Any] = (await api.data(SEND, {"channel": channel}, as_=user))[
        "sendTestNotification"
    ]
    return result


async def test_email_goes_out_through_the_worker(
    api: Api, worker: Worker, servers: Servers
) -> None:
    ada = await member(api)
    assert await send(api, ada, "EMAIL") == {
        "__typename": "TestNotificationSent",
        "channel": "EMAIL",
    }
    assert servers.recipients() == [[ada.profile.email]]
    [envelope] = servers.smtp.handler.accepted
    message = email.message_from_bytes(
        envelope.original_content or b"", policy=email.policy.default
    )
    assert "Grace" in str(message["subject"]) + message.as_string()
    assert servers.telegram.received == []
    assert servers.signal.received == []


async def test_telegram_goes_out_through_the_worker(
    api: Api, worker: Worker, servers: Servers
) -> None:
    ada = await member(api)
    assert await send(api, ada, "TELEGRAM") == {
        "__typename": "TestNotificationSent",
        "channel": "TELEGRAM",
    }
    [request] = servers.telegram.received
    assert request.path == f"/bot{BOT_TOKEN}/sendMessage"
    assert request.body["chat_id"] == CHAT_ID
    assert "Grace" in request.body["text"]
    assert servers.smtp.handler.accepted == []


async def test_signal_goes_out_through_the_worker(
    api: Api, worker: Worker, servers: Servers
) -> None:
    ada = await member(api)
    assert await send(api, ada, "SIGNAL") == {
        "__typename": "TestNotificationSent",
        "channel": "SIGNAL",
    }
    [request] = servers.signal.received
    assert request.body["recipients"] == [NUMBER]
    assert request.body["number"] == "+15550001111"
    assert servers.smtp.handler.accepted == []


async def test_a_channel_that_refuses_answers_failed_with_its_reason(
    api: Api, worker: Worker, servers: Servers
) -> None:
    ada = await member(api)
    servers.telegram.then(
        Reply(status=400, body={"ok": False, "description": "Bad Request: chat not found"})
    )
    servers.smtp.handler.script.extend([SmtpReply("550 5.1.1 mailbox unavailable")] * 2)

    telegram = await send(api, ada, "TELEGRAM")
    assert telegram == {
        "__typename": "TestNotificationFailed",
        "channel": "TELEGRAM",
        "message": "Telegram: Bad Request: chat not found",
    }
    mail = await send(api, ada, "EMAIL")
    assert mail["__typename"] == "TestNotificationFailed"
    assert "550" in mail["message"] or "mailbox" in mail["message"]
    assert servers.smtp.handler.accepted == []


async def test_an_instance_without_a_sender_answers_not_configured(
    api: Api, settings: Settings, table: str, servers: Servers
) -> None:
    ada = await member(api)
    no_signal = settings.model_copy(update={"signal_api_url": None})
    async with running(worker_for(no_signal)):
        answer = await send(api, ada, "SIGNAL")
    assert answer == {
        "__typename": "ChannelNotConfigured",
        "channel": "SIGNAL",
        "message": "this instance has no signal sender configured",
    }
    assert servers.signal.received == []


async def finished(worker: Worker, jobs: int) -> None:
    for _ in range(200):
        if worker.jobs_complete + worker.jobs_failed >= jobs:
            await settled(worker)
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the worker did not finish {jobs} jobs: {worker!r}")


async def test_without_a_worker_the_person_hears_soon_and_nothing_is_sent_later(
    api: Api, settings: Settings, table: str, servers: Servers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resolvers.trial_send, "NO_WORKER_WAIT_SECONDS", 0.5)
    ada = await member(api)
    clock = asyncio.get_running_loop().time
    started = clock()
    error = await api.error(SEND, {"channel": "EMAIL"}, as_=ada)
    # No worker reported its health, so the person does not wait the full 30 s.
    assert clock() - started < 3
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert error["message"].startswith("the notification worker did not answer within 0 s")
    # A worker that starts afterwards finds the request expired and sends nothing.
    await asyncio.sleep(0.6)
    late = worker_for(settings, burst=True)
    async with running(late):
        await finished(late, 1)
    assert (late.jobs_complete, late.jobs_failed) == (0, 1)  # seen, expired, not run
    assert servers.smtp.handler.accepted == []


async def test_a_busy_worker_times_out_and_a_request_it_did_not_start_never_runs(
    api: Api, settings: Settings, table: str, servers: Servers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resolvers.trial_send, "TEST_SEND_WAIT_SECONDS", 1.0)
    ada = await member(api)
    servers.telegram.then(replace(TELEGRAM_OK, delay=3.0))
    async with running(worker_for(settings, max_jobs=1)) as busy:
        slow = await api.error(SEND, {"channel": "TELEGRAM"}, as_=ada)
        assert slow["extensions"]["code"] == "SERVICE_UNAVAILABLE"
        assert slow["message"] == (
            "the notification worker did not answer within 1 s; try again later "
            "(if it was only busy, the message may still arrive)"
        )
        queued = await api.error(SEND, {"channel": "EMAIL"}, as_=ada)
        assert queued["extensions"]["code"] == "SERVICE_UNAVAILABLE"
        await finished(busy, 2)
    # The Telegram message was under way and arrived late; the email never started.
    assert (busy.jobs_complete, busy.jobs_failed) == (1, 1)
    assert len(servers.telegram.received) == 1
    assert servers.smtp.handler.accepted == []


async def test_the_rate_limit_still_holds_for_real_sends(
    api: Api, worker: Worker, servers: Servers
) -> None:
    ada = await member(api)
    for _ in range(5):
        assert (await send(api, ada, "EMAIL"))["__typename"] == "TestNotificationSent"
    response = await api.post(SEND, {"channel": "EMAIL"}, as_=ada)
    assert response.status_code == 429
    assert int(response.headers["retry-after"]) > 0
    (limited,) = response.json()["errors"]
    assert limited["extensions"]["code"] == "RATE_LIMITED"
    assert limited["extensions"]["retryAfter"] > 0
    assert len(servers.smtp.handler.accepted) == 5


async def test_a_job_run_twice_sends_one_message(
    api: Api, worker: Worker, servers: Servers, settings: Settings
) -> None:
    ada = await member(api)
    job = {
        "deployment_id": settings.deployment_id,
        "request_id": "once",
        "user_id": ada.id,
        "channel": "email",
    }
    first = await send_test_notification(worker.ctx, **job)
    second = await send_test_notification(worker.ctx, **job)
    assert first["status"] == "sent"
    assert second == {"status": "failed", "message": "this test message was already handled"}
    assert servers.recipients() == [[ada.profile.email]]


async def test_a_job_of_another_deployment_sends_nothing(
    api: Api, worker: Worker, servers: Servers
) -> None:
    ada = await member(api)
    refused = await send_test_notification(
        worker.ctx, deployment_id="team-b", request_id="x", user_id=ada.id, channel="email"
    )
    assert refused["status"] == "failed"
    assert servers.smtp.handler.accepted == []
