"""Long-lived clients (DynamoDB, Redis) built from settings, once per process."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import aioboto3
from aiobotocore.config import AioConfig
from aiobotocore.session import AioSession
from botocore import handlers
from redis.asyncio import Redis

from config.settings import Settings
from metrics.dynamodb import count_throttling
from repositories.response_parser import ItemParserFactory
from runtime.signing import use_cached_signer

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient

BOTO_CONFIG = AioConfig(
    retries={"mode": "standard", "max_attempts": 3},
    connect_timeout=2,
    read_timeout=5,
    max_pool_connections=64,
    # Requests are built by the repositories from typed models; DynamoDB still validates them.
    parameter_validation=False,
    # A fixed agent: botocore otherwise assembles it anew for every request.
    user_agent="virtual-coffee",
)


def aws_session(settings: Settings) -> aioboto3.Session:
    return _session(region=settings.aws_region, local=settings.dynamodb_endpoint is not None)


@functools.cache
def _session(*, region: str, local: bool) -> aioboto3.Session:
    """One session per process and kind: its loader reads botocore's service model once, so
    a client made later (a test's, a bench's, a restarted hub's) takes milliseconds, not 0.2 s."""
    botocore_session = AioSession()
    botocore_session.register_component("response_parser_factory", ItemParserFactory())
    if local:
        # DynamoDB Local accepts any credentials; real AWS uses the pod's role.
        return aioboto3.Session(
            aws_access_key_id="local",
            aws_secret_access_key="local",  # noqa: S106
            region_name=region,
            botocore_session=botocore_session,
        )
    return aioboto3.Session(region_name=region, botocore_session=botocore_session)


# Handlers botocore runs on every call that have nothing to do for this client: a header for
# AWS Lambda's recursion detection, an API-version header DynamoDB does not use, S3's checksum
# validation mode, and rebuilding the user agent that BOTO_CONFIG fixes.
IDLE_HOOKS: tuple[tuple[str, str], ...] = (
    ("before-call", "add_recursion_detection_header"),
    ("before-call", "inject_api_version_header_if_needed"),
    ("before-parameter-build", "_handle_request_validation_mode_member"),
)


def drop_idle_hooks(client: DynamoDBClient) -> None:
    """Unregisters IDLE_HOOKS from this client's own event emitter (other clients keep them);
    a handler a botocore release no longer has is skipped."""
    events = client.meta.events
    for event, name in IDLE_HOOKS:
        handler = getattr(handlers, name, None)
        if handler is not None:
            events.unregister(event, handler)
    agent = client._user_agent_creator  # type: ignore[attr-defined]
    events.unregister("request-created.dynamodb", agent.rebuild_and_replace_user_agent_handler)


@contextlib.asynccontextmanager
async def dynamodb_client(settings: Settings) -> AsyncIterator[DynamoDBClient]:
    session = aws_session(settings)
    async with session.client(
        "dynamodb", endpoint_url=settings.dynamodb_endpoint, config=BOTO_CONFIG
    ) as client:
        drop_idle_hooks(client)
        use_cached_signer(client)
        count_throttling(client)
        yield client


def redis_client(settings: Settings) -> Redis:
    client: Redis = Redis.from_url(settings.redis_url, decode_responses=False)
    return client


def live_redis_client(settings: Settings) -> Redis:
    """The client of the live-event hub: one pub/sub connection, named for CLIENT LIST."""
    client: Redis = Redis.from_url(
        settings.redis_url,
        decode_responses=False,
        client_name=f"vcoffee-live:{settings.deployment_id}",
        socket_keepalive=True,
    )
    return client
