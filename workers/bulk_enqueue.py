"""Many arq jobs enqueued in a few Redis calls, with arq's keys, encoding and uniqueness rule.

arq's `enqueue_job` takes three round trips a job (WATCH and EXISTS, then MULTI/EXEC). A round
of 5,000 people enqueued its notifications that way for more than a second, right as the API
delivered the round's live events, and the two bursts shared the machine's cores: the events
arrived later by half. Here one script call enqueues up to BATCH jobs, each as `enqueue_job`
would: stored under arq's job key with arq's serializer and expiry, queued with the time of
enqueueing as its score, and skipped when a job of that id is queued or has a result. The
script runs atomically, as arq's WATCH makes its check and write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from arq.connections import ArqRedis
from arq.constants import job_key_prefix, result_key_prefix
from arq.jobs import serialize_job
from arq.utils import timestamp_ms

BATCH = 500

# KEYS: the queue, then per job its job key and its result key. ARGV: the expiry (ms) and the
# score, then per job its encoded job and its id. Returns how many jobs were enqueued.
ENQUEUE = """
local queued = 0
for job = 1, (#KEYS - 1) / 2 do
  if redis.call('EXISTS', KEYS[2 * job], KEYS[2 * job + 1]) == 0 then
    redis.call('PSETEX', KEYS[2 * job], ARGV[1], ARGV[2 * job + 1])
    redis.call('ZADD', KEYS[1], ARGV[2], ARGV[2 * job + 2])
    queued = queued + 1
  end
end
return queued
"""


@dataclass(frozen=True)
class NewJob:
    """A job to run now: `function(ctx, **kwargs)`, unique by `job_id`."""

    function: str
    job_id: str
    kwargs: dict[str, Any]


async def enqueue_many(queue: ArqRedis, jobs: Sequence[NewJob]) -> int:
    """Enqueues each job as `queue.enqueue_job(function, _job_id=job_id, **kwargs)` would;
    returns how many were new."""
    script = queue.register_script(ENQUEUE)
    queued = 0
    for start in range(0, len(jobs), BATCH):
        now = timestamp_ms()
        keys: list[str] = [queue.default_queue_name]
        args: list[bytes | str | int] = [queue.expires_extra_ms, now]
        for job in jobs[start : start + BATCH]:
            keys += [job_key_prefix + job.job_id, result_key_prefix + job.job_id]
            encoded = serialize_job(
                job.function, (), job.kwargs, None, now, serializer=queue.job_serializer
            )
            args += [encoded, job.job_id]
        queued += int(await script(keys=keys, args=args))
    return queued
