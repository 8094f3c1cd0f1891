"""Tells a Redis that does not answer apart from other errors, so callers answer 503, not 500."""

from __future__ import annotations

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from core.errors import ServiceUnavailable

# A restarted Redis answers again within seconds; a client waits this long before retrying.
REDIS_RETRY_AFTER_SECONDS = 5
REDIS_UNAVAILABLE = "Redis is not answering; try again shortly"


def _raised_by_redis(error: BaseException) -> bool:
    traceback = error.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_globals.get("__name__", "").startswith(("redis.", "arq.")):
            return True
        traceback = traceback.tb_next
    return False


def is_redis_outage(error: BaseException) -> bool:
    """Redis refused, dropped or timed out a connection (arq's queue is a Redis client too).

    An OSError counts only when the Redis client raised it: the same class also stands for a
    client's mistake, such as a file name too long for the system.
    """
    if isinstance(error, RedisConnectionError | RedisTimeoutError):
        return True
    return isinstance(error, OSError) and _raised_by_redis(error)


def redis_unavailable() -> ServiceUnavailable:
    """The coded error of a Redis outage, shaped as DynamoDB's (`repositories/breaker.py`)."""
    return ServiceUnavailable(REDIS_UNAVAILABLE)
