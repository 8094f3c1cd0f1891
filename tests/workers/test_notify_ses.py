"""An instance set to Amazon SES sends match email through it (moto's SES v2 on a local port)."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import aioboto3
import pytest
from moto.server import ThreadedMotoServer
from moto.ses.models import ses_backends

from config.settings import Settings
from devtools.stack import Endpoints
from repositories.models.matches import MemberDelivery
from runtime.services import Services, open_services
from tests.conftest import make_settings
from tests.notifications.servers import closed_port
from tests.workers.test_notify import matched, person
from workers.notify import notify_member, open_notification_channels

SENDER = "coffee@ses.example.com"
REGION = "eu-west-1"
ACCOUNT = "123456789012"  # moto's default account


@pytest.fixture
def ses_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    # The SES client takes its credentials from the AWS chain, as on AWS.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    port = closed_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def settings(endpoints: Endpoints, ses_url: str) -> Settings:
    return make_settings(
        endpoints,
        deployment_id=f"ses-{uuid.uuid4().hex[:8]}",
        aws_region=REGION,
        ses_enabled=True,
        ses_sender=SENDER,
        ses_endpoint=ses_url,
        ses_configuration_set=None,
    )


@pytest.fixture
async def services(settings: Settings, table: str) -> AsyncIterator[Services]:
    async with open_services(settings) as opened:
        yield opened


async def test_match_email_goes_out_through_ses(
    settings: Settings, services: Services, ses_url: str
) -> None:
    session = aioboto3.Session()
    async with session.client("sesv2", region_name=REGION, endpoint_url=ses_url) as ses:
        await ses.create_email_identity(EmailIdentity=SENDER)
    repos = services.repositories
    ada, grace = await person(repos, "ada"), await person(repos, "grace")
    [match_id] = await matched(repos, [ada, grace])

    # moto keeps one SES backend per process: other tests' mail to the same address is there too.
    backend = ses_backends[ACCOUNT][REGION]
    earlier = len(backend.sent_messages)
    async with contextlib.AsyncExitStack() as stack:
        ctx: dict[str, Any] = {"settings": settings, "stack": stack, "services": services}
        await open_notification_channels(ctx)
        assert sorted(ctx["delivery"].channels) == ["email", "slack"]
        result = await notify_member(
            ctx, deployment_id=settings.deployment_id, match_id=match_id, user_id=ada.id
        )

    assert result == "sent:email"
    sent = [
        message
        for message in backend.sent_messages[earlier:]
        if ada.profile.email in message.destinations
    ]
    assert len(sent) == 1
    assert SENDER in sent[0].source
    match = await repos.matches.get(match_id=match_id)
    assert match is not None
    assert match.deliveries[ada.id] is MemberDelivery.SENT
