"""The notification jobs: one per (match, member), and a sweep that re-enqueues any left pending."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from arq import Retry, cron
from arq.cron import CronJob

from config.settings import Settings
from core.errors import BadUserInput, ServiceUnavailable
from notifications import service
from notifications.answer_links import signer_for
from notifications.channels.base import Sender
from notifications.config import open_channels
from notifications.delivery import (
    DEFAULT_SCHEDULE,
    Clock,
    RetryPolicy,
    RetrySchedule,
    Sleep,
    utc_now,
)
from notifications.intro_ledger import RedisIntroLedger
from notifications.registry import (
    Channel,
    ChannelSecrets,
    ChannelSetup,
    SesEmail,
    SignalApi,
    SlackApp,
    SlackWebhooks,
    SmtpEmail,
    TelegramBot,
)
from notifications.sent_marks import MarkedStore, SentMarks
from notifications.service import notification_job_id
from notifications.sources import RepositoryMatchSource
from repositories.models.config import DeploymentConfig
from repositories.models.matches import MemberDelivery, parse_match_id
from repositories.models.rounds import RoundStatus
from runtime.services import Services, sender_address, uid_domain
from workers.bulk_enqueue import NewJob, enqueue_many
from workers.metrics import record_delivery

log = logging.getLogger(__name__)

# A job that finds the table unavailable tries again soon: within half a minute of recovery.
RETRY_DEFERS = (5, 10, 20, 30)
# Pending members of rounds finished this recently are re-enqueued by the sweep; older
# ones are left alone (the meeting is over), but still shown as pending to admins.
SWEEP_HORIZON = timedelta(days=2)
# A member is swept once their first job has had time to be queued; a job still queued,
# deferred or running keeps its id, so the sweep never queues a second copy of it.
SWEEP_GRACE = timedelta(seconds=15)
# A send claimed by another run is looked at again soon, until that claim's 30-second lease
# ran out: if that run died, this one sends; if it sent, this one reports the person told.
HELD_RETRY = 10
# Tries of one job: the channel schedule (39 points over a day), held claims, table outages.
NOTIFY_MAX_TRIES = 100
# One run tries each channel at most twice; a hanging service is cut off by the attempt timeout.
NOTIFY_TIMEOUT = 300


@dataclass(frozen=True)
class Delivery:
    """The channels this worker opened, and how hard to try each one."""

    channels: Mapping[Channel, Sender]
    policy: RetryPolicy
    sleep: Sleep = asyncio.sleep
    schedule: RetrySchedule = DEFAULT_SCHEDULE
    clock: Clock = utc_now


def worker_policy(settings: Settings) -> RetryPolicy:
    """One quick retry per channel in a run; longer outages wait for the next run (the schedule)."""
    return RetryPolicy(
        max_retries=1,
        base_delay=1.0,
        max_delay=2.0,
        max_retry_after=20.0,
        attempt_timeout=settings.notification_timeout_seconds + 5.0,
    )


def channel_setup(settings: Settings) -> ChannelSetup:
    """The channels this instance can send on, from its settings."""
    email: SmtpEmail | SesEmail | None = None
    if settings.ses_enabled and settings.ses_sender:
        email = SesEmail(
            region=settings.aws_region,
            sender=settings.ses_sender,
            endpoint_url=settings.ses_endpoint,
            configuration_set=settings.ses_configuration_set,
        )
    elif settings.smtp_host and settings.smtp_sender:
        email = SmtpEmail(
            host=settings.smtp_host,
            port=settings.smtp_port,
            sender=settings.smtp_sender,
            username=settings.smtp_username,
        )
    signal = None
    if settings.signal_api_url and settings.signal_sender_number:
        signal = SignalApi(
            base_url=settings.signal_api_url, sender_number=settings.signal_sender_number
        )
    slack: SlackApp | SlackWebhooks = (
        SlackApp(base_url=settings.slack_api_url) if settings.slack_bot_token else SlackWebhooks()
    )
    return ChannelSetup(
        email=email,
        slack=slack,
        telegram=TelegramBot(
            username=settings.telegram_bot_username, base_url=settings.telegram_api_url
        ),
        signal=signal,
        http_timeout=settings.notification_timeout_seconds,
    )


def channel_secrets(settings: Settings) -> ChannelSecrets:
    password, token = settings.smtp_password, settings.telegram_bot_token
    slack = settings.slack_bot_token
    return ChannelSecrets(
        smtp_password=password.get_secret_value() if password else None,
        slack_bot_token=slack.get_secret_value() if slack else None,
        telegram_bot_token=token.get_secret_value() if token else None,
    )


async def open_notification_channels(ctx: dict[str, Any]) -> None:
    """Opens the channels once per worker process; they close with the worker's exit stack."""
    settings: Settings = ctx["settings"]
    stack: contextlib.AsyncExitStack = ctx["stack"]
    services: Services = ctx["services"]
    ledger = RedisIntroLedger(redis=services.redis, deployment_id=settings.deployment_id)
    channels = await stack.enter_async_context(
        open_channels(
            setup=channel_setup(settings), secrets=channel_secrets(settings), intro_ledger=ledger
        )
    )
    ctx["delivery"] = Delivery(channels=channels, policy=worker_policy(settings))
    log.info("notification channels open", extra={"channels": sorted(channels)})


def offered(channels: Mapping[Channel, Sender], config: DeploymentConfig) -> dict[Channel, Sender]:
    """The opened channels the deployment's admins have switched on."""
    enabled = {name for name, channel in config.channels.items() if channel.enabled}
    return {name: channel for name, channel in channels.items() if name in enabled}


def _retry(ctx: dict[str, Any], error: ServiceUnavailable) -> Retry:
    attempt = int(ctx.get("job_try", 1))
    defer = RETRY_DEFERS[min(attempt, len(RETRY_DEFERS)) - 1]
    log.warning("notification deferred: %s", error.message, extra={"defer": defer})
    return Retry(defer=defer)


async def first_try(
    services: Services, *, match_id: str, user_id: str, since: str | None
) -> datetime | None:
    """When the first attempt to tell this member was made (after `since`, for a resend)."""
    floor = None if since is None else datetime.fromisoformat(since)
    times = [
        attempt.at
        for attempt in await services.repositories.outbox.attempts_for(
            match_id=match_id, user_id=user_id
        )
        if floor is None or attempt.at >= floor
    ]
    return min(times, default=floor)


async def notify_member(
    ctx: dict[str, Any],
    *,
    deployment_id: str,
    match_id: str,
    user_id: str,
    since: str | None = None,
) -> str:
    """Tells one member of one match about it, on their channels; safe to run any number of times.

    Returns what happened: `sent:<channel>`, `undeliverable`, `gone` (the match or person no
    longer exists) or `refused:<why>` for a payload this worker must not act on. A send held by
    another live run is looked at again after that run's lease.
    When every channel failed for now, the job is retried on the delivery schedule (arq defers
    it; nothing sleeps). `since` starts the schedule afresh for an admin's resend.
    """
    services: Services = ctx["services"]
    delivery: Delivery = ctx["delivery"]
    own = services.settings.deployment_id
    if deployment_id != own:
        log.error(
            "refused a notification job of another deployment",
            extra={"job_deployment": deployment_id, "deployment": own},
        )
        return "refused:other-deployment"
    try:
        parse_match_id(match_id)
    except BadUserInput as error:
        log.error("refused a notification job: %s", error.message, extra={"code": error.code})
        return f"refused:{error.code.value}"
    repos = services.repositories
    try:
        config = await repos.config.get()
        outcome = await service.notify_member(
            match_id=match_id,
            user_id=user_id,
            source=RepositoryMatchSource(
                repositories=repos,
                public_url=services.settings.public_url,
                config=config,
                organizer=sender_address(services.settings),
                answer_links=signer_for(services.settings),
            ),
            store=MarkedStore(
                store=repos.outbox, marks=SentMarks(redis=services.redis, deployment_id=own)
            ),
            channels=offered(delivery.channels, config),
            sleep=delivery.sleep,
            policy=delivery.policy,
            clock=delivery.clock,
            uid_domain=uid_domain(services.settings),
            schedule=delivery.schedule,
            first_try=await first_try(services, match_id=match_id, user_id=user_id, since=since),
        )
    except ServiceUnavailable as error:
        raise _retry(ctx, error) from error
    if outcome is None:
        return "gone"
    record_delivery(outcome)
    if outcome.status == "already_handled":
        raise Retry(defer=HELD_RETRY)
    if outcome.status == "deferred" and outcome.retry_at is not None:
        wait = max((outcome.retry_at - delivery.clock()).total_seconds(), 1.0)
        log.warning(
            "every channel failed for now; trying again later",
            extra={"match_id": match_id, "user_id": user_id, "retry_in_seconds": round(wait)},
        )
        raise Retry(defer=wait)
    if outcome.status == "sent":
        return f"sent:{outcome.channel}"
    if outcome.status == "undeliverable":
        log.warning(
            "a member could not be notified on any channel",
            extra={
                "match_id": match_id,
                "user_id": user_id,
                "codes": [attempt.code for attempt in outcome.attempts if attempt.code],
            },
        )
    return outcome.status


def notification_job(*, deployment_id: str, match_id: str, user_id: str) -> NewJob:
    """The job that tells one member of a match about it (notify_member)."""
    return NewJob(
        function="notify_member",
        job_id=notification_job_id(match_id=match_id, user_id=user_id),
        kwargs={"deployment_id": deployment_id, "match_id": match_id, "user_id": user_id},
    )


async def enqueue_pending(services: Services, *, now: datetime) -> int:
    """Enqueues a job for every member of a recent round still waiting to be told; how many.

    A job can be lost: the round job may die between writing its groups and enqueueing, or a
    notification job may run out of tries while the table is down. The job id keeps this
    from queueing a second copy of a job still waiting.
    """
    repos = services.repositories
    deployment = services.settings.deployment_id
    jobs = []
    for round_ in (await repos.rounds.list_rounds(limit=10)).items:
        finished = round_.finished_at
        if round_.status is not RoundStatus.COMPLETED or finished is None:
            continue
        if finished < now - SWEEP_HORIZON:
            continue
        for match in await repos.rounds.groups_of(slot=round_.slot):
            if match.created_at > now - SWEEP_GRACE:
                continue
            for member, status in match.deliveries.items():
                if status is not MemberDelivery.PENDING:
                    continue
                jobs.append(
                    notification_job(deployment_id=deployment, match_id=match.id, user_id=member)
                )
    return await enqueue_many(services.queue, jobs)


async def resend_pending(ctx: dict[str, Any]) -> int:
    services: Services = ctx["services"]
    try:
        enqueued = await enqueue_pending(services, now=datetime.now(UTC))
    except ServiceUnavailable as error:
        log.warning("pending members not looked at: %s", error.message)
        return 0
    if enqueued:
        log.info("re-enqueued pending notifications", extra={"count": enqueued})
    return enqueued


NOTIFY_CRON: list[CronJob] = [
    cron(resend_pending, second={5, 20, 35, 50}, unique=True, run_at_startup=False),
]
