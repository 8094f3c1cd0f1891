"""Asking for a round and previewing one: what the API and the worker share about rounds."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from arq.connections import ArqRedis

from matching.engine import match
from matching.instance import MatchResult
from repositories.bundle import Repositories
from repositories.models.rounds import RoundStatus, require_slot
from rounds.instance import read_instance, seed_for

ROUND_JOB = "run_round"


def round_job_id(*, deployment_id: str, slot: str) -> str:
    """The job id of a slot's round, so the tick and an admin asking at once queue one job."""
    return f"run_round:{deployment_id}:{slot}"


def resume_job_id(*, deployment_id: str, slot: str, attempt: int) -> str:
    """A fresh job id to take over a round whose holder died after its `attempt`-th claim."""
    return f"{round_job_id(deployment_id=deployment_id, slot=slot)}:resume-{attempt}"


def rounds_queue_name(deployment_id: str) -> str:
    """Rounds have a queue of their own, so a round never waits behind notifications."""
    return f"vcoffee:{deployment_id}:rounds"


class RunRequest(StrEnum):
    """What asking for a round did."""

    QUEUED = "queued"
    ALREADY_QUEUED = "already_queued"


@dataclass(frozen=True)
class Requested:
    outcome: RunRequest
    job_id: str


async def enqueue_round(
    queue: ArqRedis,
    *,
    deployment_id: str,
    slot: str,
    job_id: str,
    requested_by: str | None,
) -> bool:
    """Queues the round job on the rounds queue; False when a job of that id is known already."""
    job = await queue.enqueue_job(
        ROUND_JOB,
        deployment_id=deployment_id,
        slot=slot,
        requested_by=requested_by,
        _job_id=job_id,
        _queue_name=rounds_queue_name(deployment_id),
    )
    return job is not None


async def request_round(
    *,
    repositories: Repositories,
    queue: ArqRedis,
    deployment_id: str,
    slot: str,
    requested_by: str | None,
    now: datetime,
) -> Requested:
    """Asks a worker to run the round of `slot` now, or to take over one whose holder died.

    A round that is running under a live lease, or already ended, is not queued again.
    """
    slot = require_slot(slot)
    job_id = round_job_id(deployment_id=deployment_id, slot=slot)
    existing = await repositories.rounds.get(slot=slot)
    if existing is not None and existing.status in (RoundStatus.CLAIMED, RoundStatus.RUNNING):
        if existing.lease_until >= now:
            return Requested(outcome=RunRequest.ALREADY_QUEUED, job_id=job_id)
        job_id = resume_job_id(deployment_id=deployment_id, slot=slot, attempt=existing.attempts)
    elif existing is not None and existing.status is not RoundStatus.FAILED:
        return Requested(outcome=RunRequest.ALREADY_QUEUED, job_id=job_id)
    queued = await enqueue_round(
        queue, deployment_id=deployment_id, slot=slot, job_id=job_id, requested_by=requested_by
    )
    outcome = RunRequest.QUEUED if queued else RunRequest.ALREADY_QUEUED
    return Requested(outcome=outcome, job_id=job_id)


async def preview(*, repositories: Repositories, deployment_id: str, slot: str) -> MatchResult:
    """The groups a round of `slot` would form now; InstanceError when blocks make it impossible.

    The matcher runs in a thread so that a large round does not hold up other requests.
    """
    slot = require_slot(slot)
    instance = await read_instance(
        repositories=repositories, slot=slot, seed=seed_for(deployment_id=deployment_id, slot=slot)
    )
    return await asyncio.to_thread(match, instance)
