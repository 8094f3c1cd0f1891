"""The clients one process holds for its whole life, handed to requests and jobs as typed state."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from arq import create_pool
from arq.connections import ArqRedis, RedisSettings
from redis.asyncio import Redis

from auth.tokens import TokenService, parse_keyring
from config.settings import Settings
from repositories.bundle import Repositories
from runtime.live import EventHub
from runtime.resources import dynamodb_client, live_redis_client, redis_client

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient


@dataclass(frozen=True)
class Services:
    settings: Settings
    dynamodb: DynamoDBClient
    redis: Redis
    queue: ArqRedis
    tokens: TokenService
    repositories: Repositories
    # Connects at the first subscription: a worker process never holds its connection.
    live: EventHub


# How long a queued job is kept: a notification retried over a day must not expire meanwhile.
QUEUED_JOB_LIFETIME = timedelta(days=2)


def arq_redis_settings(settings: Settings) -> RedisSettings:
    return RedisSettings.from_dsn(settings.redis_url)


def queue_name(settings: Settings) -> str:
    """Each deployment has its own queue, so a shared Redis never mixes their jobs."""
    return f"vcoffee:{settings.deployment_id}:queue"


def cursor_secret(settings: Settings) -> bytes:
    """Pagination cursors are signed with a key derived from the session secret."""
    secret = settings.session_secret.get_secret_value().encode()
    return hashlib.sha256(b"vcoffee-cursors\0" + secret).digest()


def sender_address(settings: Settings) -> str | None:
    """The address this instance's email goes out from: the invitations' organizer."""
    return settings.ses_sender if settings.ses_enabled else settings.smtp_sender


def uid_domain(settings: Settings) -> str:
    """The domain of invitation UIDs: the same in every message and on the match page."""
    return urlsplit(settings.public_url).hostname or "virtual-coffee"


@contextlib.asynccontextmanager
async def open_services(settings: Settings) -> AsyncIterator[Services]:
    keyring = parse_keyring(settings.jwt_signing_keys.get_secret_value())
    async with contextlib.AsyncExitStack() as stack:
        dynamodb = await stack.enter_async_context(dynamodb_client(settings))
        redis = redis_client(settings)
        stack.push_async_callback(redis.aclose)
        queue = await create_pool(
            arq_redis_settings(settings),
            default_queue_name=queue_name(settings),
            expires_extra_ms=int(QUEUED_JOB_LIFETIME.total_seconds() * 1000),
        )
        stack.push_async_callback(queue.aclose)
        live_redis = live_redis_client(settings)
        stack.push_async_callback(live_redis.aclose)
        live = EventHub(redis=live_redis)
        stack.push_async_callback(live.close)
        yield Services(
            settings=settings,
            dynamodb=dynamodb,
            redis=redis,
            queue=queue,
            tokens=TokenService(keyring=keyring, deployment_id=settings.deployment_id),
            repositories=Repositories.create(
                client=dynamodb,
                table_name=settings.table_name,
                deployment_id=settings.deployment_id,
                cursor_secret=cursor_secret(settings),
                transaction_limit=settings.dynamodb_transaction_limit,
            ),
            live=live,
        )
