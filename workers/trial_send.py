"""The `send_test_notification` job: a person's test message, sent on the worker's channels."""

from __future__ import annotations

import logging
from typing import Any

from arq.worker import Function, func

from notifications.registry import Channel
from notifications.sources import MATCH_TEMPLATE, recipient_of, template_set
from notifications.trial_send import TEST_SEND_JOB, SendOutcome, outcome, send_test
from runtime.services import Services
from workers.notify import Delivery, offered

log = logging.getLogger(__name__)

# The person waits for the answer; a job that has not started by then is not worth starting.
TEST_SEND_TIMEOUT_SECONDS = 60
# Long enough for the API to read the outcome, short enough not to pile up in Redis.
TEST_SEND_KEEP_SECONDS = 600


async def _first_run(services: Services, *, request_id: str) -> bool:
    """Claims the request, so a job arq runs twice sends one test message."""
    key = f"vcoffee:{services.settings.deployment_id}:test-send:{request_id}"
    claimed = await services.redis.set(key, b"1", nx=True, ex=TEST_SEND_KEEP_SECONDS)
    return bool(claimed)


async def send_test_notification(
    ctx: dict[str, Any], *, deployment_id: str, request_id: str, user_id: str, channel: str
) -> SendOutcome:
    """Sends the sample match message to one person on one channel, as a real match is sent."""
    services: Services = ctx["services"]
    delivery: Delivery = ctx["delivery"]
    own = services.settings.deployment_id
    if deployment_id != own:
        log.error(
            "refused a test message job of another deployment",
            extra={"job_deployment": deployment_id, "deployment": own},
        )
        return outcome("failed", "this job belongs to another deployment")
    if channel not in set(Channel):
        return outcome("failed", f"there is no channel called {channel!r}")
    name = Channel(channel)
    if not await _first_run(services, request_id=request_id):
        return outcome("failed", "this test message was already handled")
    repos = services.repositories
    user = await repos.users.get(user_id=user_id)
    if user is None:
        return outcome("failed", "this person is no longer registered")
    config = await repos.config.get()
    if name not in delivery.channels:
        return outcome("not_configured", f"this instance has no {name} sender configured")
    channels = offered(delivery.channels, config)
    if name not in channels:
        return outcome("not_configured", f"this deployment does not send on {name}")
    recipient = recipient_of(user)
    if not any(route.channel == name for route in recipient.routes):
        return outcome("not_configured", f"there is no {name} address in your settings")
    sent = await send_test(
        recipient=recipient,
        channels=channels,
        templates=template_set(config.templates.get(MATCH_TEMPLATE)),
        only=name,
    )
    if sent.status == "sent":
        return outcome("sent", f"a test message went out on {name}")
    details = [attempt.detail for attempt in sent.attempts if attempt.detail]
    log.warning(
        "a test message was not delivered",
        extra={"user_id": user_id, "channel": name, "codes": [a.code for a in sent.attempts]},
    )
    reason = details[-1] if details else f"the {name} message could not be delivered"
    return outcome("failed", reason)


TEST_SEND_JOBS: tuple[Function, ...] = (
    func(
        send_test_notification,
        name=TEST_SEND_JOB,
        timeout=TEST_SEND_TIMEOUT_SECONDS,
        keep_result=TEST_SEND_KEEP_SECONDS,
        # At most once: a retry would surprise someone who was already told it failed.
        max_tries=1,
    ),
)
