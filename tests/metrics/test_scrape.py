"""`vcoffee api` and `vcoffee worker` serve metrics that move with requests and rounds."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import websockets
from arq import create_pool
from prometheus_client.parser import text_string_to_metric_families

from auth.principal import Role
from auth.tokens import TokenService, parse_keyring
from config.settings import Settings
from devtools.processes import stop
from devtools.stack import Endpoints
from repositories.bundle import Repositories
from repositories.models.config import ChannelConfig, DeploymentConfig
from repositories.models.users import Channel
from runtime.ports import free_port
from runtime.services import arq_redis_settings, cursor_secret, queue_name
from tests.conftest import make_settings
from tests.notifications.servers import ScriptedSmtpServer, SmtpReply
from tests.workers.conftest import enrol

SLOT = "2026-11-23T09:00Z"
Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def _environment(settings: Settings, *, port: int, metrics_port: int) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.upper().startswith("VCOFFEE_")}
    return base | {
        "VCOFFEE_ENVIRONMENT": "test",
        "VCOFFEE_DEPLOYMENT_ID": settings.deployment_id,
        "VCOFFEE_TABLE_NAME": settings.table_name,
        "VCOFFEE_DYNAMODB_ENDPOINT": str(settings.dynamodb_endpoint),
        "VCOFFEE_DYNAMODB_TRANSACTION_LIMIT": "10",
        "VCOFFEE_REDIS_URL": settings.redis_url,
        "VCOFFEE_SESSION_SECRET": settings.session_secret.get_secret_value(),
        "VCOFFEE_JWT_SIGNING_KEYS": settings.jwt_signing_keys.get_secret_value(),
        "VCOFFEE_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "VCOFFEE_PORT": str(port),
        "VCOFFEE_METRICS_PORT": str(metrics_port),
        "VCOFFEE_SMTP_HOST": "127.0.0.1",
        "VCOFFEE_SMTP_PORT": str(settings.smtp_port),
        "VCOFFEE_SMTP_SENDER": "coffee@example.com",
        "VCOFFEE_LOG_LEVEL": "WARNING",
    }


@contextlib.contextmanager
def _process(command: str, env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "vcoffee.cli", command],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        yield process
    finally:
        stop(process, grace=20)


async def _scrape(port: int, log: Path, process: subprocess.Popen[bytes]) -> Samples:
    deadline = time.monotonic() + 30
    async with httpx.AsyncClient() as http:
        while True:
            assert process.poll() is None, log.read_text()
            with contextlib.suppress(httpx.TransportError):
                response = await http.get(f"http://127.0.0.1:{port}/metrics", timeout=2)
                if response.status_code == 200:
                    break
            assert time.monotonic() < deadline, log.read_text()
            await asyncio.sleep(0.1)
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def _value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def _total(samples: Samples, name: str, **labels: str) -> float:
    return sum(
        value
        for (sample, found), value in samples.items()
        if sample == name and set(labels.items()) <= set(found)
    )


async def _until_serving(http: httpx.AsyncClient, log: Path) -> None:
    deadline = time.monotonic() + 30
    while True:
        with contextlib.suppress(httpx.TransportError):
            if (await http.get("/healthz", timeout=2)).status_code == 200:
                return
        assert time.monotonic() < deadline, log.read_text()
        await asyncio.sleep(0.1)


@pytest.fixture
async def smtp() -> AsyncIterator[ScriptedSmtpServer]:
    server = ScriptedSmtpServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def settings(endpoints: Endpoints, smtp: ScriptedSmtpServer) -> Settings:
    # A deployment of its own: its own arq queue, so no other test's jobs run here.
    return make_settings(
        endpoints,
        deployment_id=f"metrics-{uuid.uuid4().hex[:8]}",
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_sender="coffee@example.com",
    )


async def _subscribe(url: str, token: str) -> websockets.ClientConnection:
    socket = await websockets.connect(
        url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")]
    )
    await socket.send(
        json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
    )
    assert json.loads(await socket.recv())["type"] == "connection_ack"
    query = "subscription { myNewMatch { id } }"
    await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
    return socket


async def test_metrics_move_with_requests_a_round_and_its_notifications(
    settings: Settings, table: str, smtp: ScriptedSmtpServer, tmp_path: Path
) -> None:
    from runtime.resources import dynamodb_client

    async with dynamodb_client(settings) as client:
        repos = Repositories.create(
            client=client,
            table_name=settings.table_name,
            deployment_id=settings.deployment_id,
            cursor_secret=cursor_secret(settings),
            transaction_limit=10,
        )
        await repos.config.update(
            config=DeploymentConfig(channels={Channel.EMAIL: ChannelConfig(enabled=True)}),
            expected_version=0,
        )
        people = [await enrol(repos, name) for name in ("ada", "grace", "linus")]
        # One transient refusal (retried), then one permanent (failed) among four sends.
        smtp.handler.script.extend(
            [SmtpReply("451 4.3.0 try again"), SmtpReply(), SmtpReply(), SmtpReply("550 5.1.1 no")]
        )

        api_port, api_metrics, worker_metrics = free_port(), free_port(), free_port()
        env = _environment(settings, port=api_port, metrics_port=api_metrics)
        worker_env = env | {"VCOFFEE_METRICS_PORT": str(worker_metrics)}
        api_log, worker_log = tmp_path / "api.log", tmp_path / "worker.log"
        with (
            _process("api", env, api_log) as api,
            _process("worker", worker_env, worker_log) as worker,
        ):
            api_before = await _scrape(api_metrics, api_log, api)
            worker_before = await _scrape(worker_metrics, worker_log, worker)

            base = f"http://127.0.0.1:{api_port}"
            async with httpx.AsyncClient(base_url=base) as http:
                await _until_serving(http, api_log)
                for _ in range(3):
                    ok = await http.post("/graphql", json={"query": "{ deploymentId }"})
                    assert ok.json() == {"data": {"deploymentId": settings.deployment_id}}
                bad = await http.post("/graphql", json={"query": "{ nope }"})
                assert bad.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
                public = await http.get("/metrics")
                assert "vcoffee_graphql_operations" not in public.text

            tokens = TokenService(
                keyring=parse_keyring(settings.jwt_signing_keys.get_secret_value()),
                deployment_id=settings.deployment_id,
            )
            token = tokens.issue_access(user_id=people[0].id, role=Role.MEMBER)
            socket = await _subscribe(f"ws://127.0.0.1:{api_port}/graphql", token)
            try:
                during = await _scrape(api_metrics, api_log, api)
                assert _value(during, "vcoffee_graphql_subscriptions_open") == 1
            finally:
                await socket.close()

            queue = await create_pool(arq_redis_settings(settings))
            try:
                await queue.enqueue_job(
                    "run_round",
                    deployment_id=settings.deployment_id,
                    slot=SLOT,
                    requested_by=None,
                    _queue_name=queue_name(settings),
                )
            finally:
                await queue.aclose()
            deadline = time.monotonic() + 60
            while True:
                worker_after = await _scrape(worker_metrics, worker_log, worker)
                delivered = _total(worker_after, "vcoffee_notification_deliveries_total")
                if delivered >= 3:
                    break
                assert time.monotonic() < deadline, worker_log.read_text()
                await asyncio.sleep(0.5)
            api_after = await _scrape(api_metrics, api_log, api)

    def moved(after: Samples, before: Samples, name: str, **labels: str) -> float:
        return _value(after, name, **labels) - _value(before, name, **labels)

    ok_labels = {"type": "query", "operation": "deploymentId"}
    assert (
        moved(
            api_after,
            api_before,
            "vcoffee_graphql_operations_total",
            **ok_labels,
            error_code="none",
        )
        == 3
    )
    assert (
        moved(
            api_after, api_before, "vcoffee_graphql_operation_duration_seconds_count", **ok_labels
        )
        == 3
    )
    assert _value(api_after, "vcoffee_graphql_operation_duration_seconds_sum", **ok_labels) > 0
    bad_labels = {"type": "query", "operation": "unknown", "error_code": "BAD_USER_INPUT"}
    assert moved(api_after, api_before, "vcoffee_graphql_operations_total", **bad_labels) == 1
    assert (
        moved(api_after, api_before, "vcoffee_http_responses_total", route="graphql", code="2xx")
        >= 4
    )
    assert _value(api_after, "vcoffee_graphql_subscriptions_open") == 0

    assert moved(worker_after, worker_before, "vcoffee_rounds_total", status="completed") == 1
    assert moved(worker_after, worker_before, "vcoffee_round_duration_seconds_count") == 1
    assert _value(worker_after, "vcoffee_round_last_participants") == 3
    assert _value(worker_after, "vcoffee_round_last_groups") == 1
    assert ("vcoffee_round_last_quality", (("measure", "repeats"),)) in worker_after
    email = {"channel": "email"}
    assert (
        moved(worker_after, worker_before, "vcoffee_notifications_total", **email, outcome="sent")
        == 2
    )
    assert (
        moved(
            worker_after, worker_before, "vcoffee_notifications_total", **email, outcome="retried"
        )
        == 1
    )
    assert (
        moved(worker_after, worker_before, "vcoffee_notifications_total", **email, outcome="failed")
        == 1
    )
    assert (
        moved(worker_after, worker_before, "vcoffee_notification_deliveries_total", status="sent")
        == 2
    )
    assert (
        moved(
            worker_after,
            worker_before,
            "vcoffee_notification_deliveries_total",
            status="undeliverable",
        )
        == 1
    )
    # Their values are tested in test_worker_gauges.py.
    gauges = {name for name, _ in worker_after}
    assert "vcoffee_schedule_last_due_slot_timestamp_seconds" in gauges
    assert "vcoffee_round_last_finished_slot_timestamp_seconds" in gauges
    assert "vcoffee_queue_jobs" in gauges
