"""Opening the channels this instance offers, once per process, from the registry."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import httpx

from notifications.channels.base import Sender
from notifications.channels.slack_app import IntroLedger
from notifications.registry import REGISTRY, Channel, ChannelSecrets, ChannelSetup, Opening


@contextlib.asynccontextmanager
async def open_channels(
    *, setup: ChannelSetup, secrets: ChannelSecrets, intro_ledger: IntroLedger | None = None
) -> AsyncIterator[dict[Channel, Sender]]:
    """The configured channels with their clients opened once, closed on exit."""
    limits = httpx.Limits(
        max_connections=setup.max_connections, max_keepalive_connections=setup.max_connections
    )
    async with contextlib.AsyncExitStack() as stack:
        client = await stack.enter_async_context(
            httpx.AsyncClient(timeout=setup.http_timeout, limits=limits, follow_redirects=False)
        )
        opening = Opening(
            setup=setup, secrets=secrets, client=client, stack=stack, intro_ledger=intro_ledger
        )
        channels: dict[Channel, Sender] = {}
        for channel, entry in REGISTRY.items():
            sender = await entry.open(opening)
            if sender is not None:
                channels[channel] = sender
        yield channels
