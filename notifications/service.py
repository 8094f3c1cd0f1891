"""Notifying one match member: load, render, deliver; the body of the per-(match, person) job."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from notifications.channels.base import Sender
from notifications.content import MatchNotice, render_match_message
from notifications.delivery import (
    DEFAULT_POLICY,
    Clock,
    RetryPolicy,
    RetrySchedule,
    Sleep,
    deliver,
    utc_now,
)
from notifications.ports import DeliveryOutcome, DeliveryStore
from notifications.recipients import Recipient
from notifications.registry import Channel
from notifications.templates import TemplateSet


@dataclass(frozen=True)
class MatchDelivery:
    """What the data layer loads for one member of one match."""

    recipient: Recipient
    notice: MatchNotice


class MatchSource(Protocol):
    """Reads what a match message needs; implemented by the data layer."""

    async def load_match_delivery(self, *, match_id: str, user_id: str) -> MatchDelivery | None:
        """The member and their message facts, or None when the match or member is gone."""
        ...

    async def match_templates(self) -> TemplateSet | None:
        """The deployment's edited match templates, or None for the built-in ones."""
        ...


def notification_job_id(*, match_id: str, user_id: str) -> str:
    """The arq job id for one (match, member), so enqueueing twice queues once.

    arq may still run a job twice; the store's claims are what prevent double sends.
    """
    return f"notify:{match_id}:{user_id}"


def resend_job_id(*, match_id: str, user_id: str, asked_at: datetime) -> str:
    """The job id of an admin's resend: new per request, while claims still forbid a second send."""
    base = notification_job_id(match_id=match_id, user_id=user_id)
    return f"{base}:resend-{asked_at:%Y%m%dT%H%M%S%f}"


async def notify_member(
    *,
    match_id: str,
    user_id: str,
    source: MatchSource,
    store: DeliveryStore,
    channels: Mapping[Channel, Sender],
    sleep: Sleep = asyncio.sleep,
    policy: RetryPolicy = DEFAULT_POLICY,
    clock: Clock = utc_now,
    uid_domain: str = "virtual-coffee",
    schedule: RetrySchedule | None = None,
    first_try: datetime | None = None,
) -> DeliveryOutcome | None:
    """Tell one member about their match; None when there is nothing to tell any more."""
    loaded = await source.load_match_delivery(match_id=match_id, user_id=user_id)
    if loaded is None:
        return None
    message = await render_match_message(
        notice=loaded.notice,
        templates=await source.match_templates(),
        stamp=clock(),
        uid_domain=uid_domain,
    )
    return await deliver(
        match_id=match_id,
        recipient=loaded.recipient,
        message=message,
        channels=channels,
        store=store,
        sleep=sleep,
        policy=policy,
        clock=clock,
        schedule=schedule,
        first_try=first_try,
    )


NOTIFY_JOB = "notify_member"
