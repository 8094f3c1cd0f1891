"""A test message on one of a person's channels, sent by the worker that sends real ones."""

from __future__ import annotations

import logging

from arq.constants import health_check_key_suffix
from arq.jobs import ResultNotFound

from core.errors import ServiceUnavailable
from core.ids import new_id
from notifications.registry import Channel
from notifications.trial_send import TEST_SEND_JOB, SendOutcome, send_job_id
from runtime.services import queue_name
from schema.context import Context

log = logging.getLogger(__name__)

# How long a person waits for the worker's answer; a job not started by then never runs.
TEST_SEND_WAIT_SECONDS = 30.0
# The wait when no worker has reported its health lately: long enough for one that is only
# between two reports (during a rolling restart), short when none runs at all.
NO_WORKER_WAIT_SECONDS = 5.0
POLL_SECONDS = 0.2


async def _worker_seen(context: Context) -> bool:
    """Whether a worker of this deployment recorded arq's health-check key lately."""
    key = queue_name(context.services.settings) + health_check_key_suffix
    return bool(await context.services.queue.exists(key))


async def send_test_message(context: Context, *, user_id: str, channel: Channel) -> SendOutcome:
    """Queues the test send and waits, bounded, for what the worker made of it."""
    deployment = context.services.settings.deployment_id
    request_id = new_id()
    wait = TEST_SEND_WAIT_SECONDS if await _worker_seen(context) else NO_WORKER_WAIT_SECONDS
    job = await context.services.queue.enqueue_job(
        TEST_SEND_JOB,
        deployment_id=deployment,
        request_id=request_id,
        user_id=user_id,
        channel=channel,
        _job_id=send_job_id(deployment_id=deployment, request_id=request_id),
        _expires=wait,
    )
    if job is None:  # only if the id were already taken, which a fresh one never is
        raise ServiceUnavailable("the test message could not be queued; try again")
    try:
        result: SendOutcome = await job.result(timeout=wait, poll_delay=POLL_SECONDS)
    except (TimeoutError, ResultNotFound):
        raise ServiceUnavailable(
            f"the notification worker did not answer within {wait:.0f} s; try again later "
            "(if it was only busy, the message may still arrive)"
        ) from None
    except Exception:
        log.exception("a test message job failed", extra={"channel": channel})
        raise ServiceUnavailable(
            "the notification worker could not send the test message; try again later"
        ) from None
    return result
