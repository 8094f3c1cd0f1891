"""Live subscriptions survive a restart of Redis: no reload, no new sign-in, nothing missed."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis.asyncio import Redis

from config.settings import Settings
from devtools.stack import redis_command
from runtime.events import MatchEvent, publish_match, user_matches_channel
from runtime.ports import free_port, wait_listening
from tests.api.conftest import Api
from tests.api.live_sockets import open_socket, receive, subscribe
from tests.api.processes import api_process

MY_NEW_MATCH = "subscription { myNewMatch { id participants { name } } }"


class RedisServer:
    """A private redis-server that a test may kill and start again on the same port."""

    def __init__(self, *, port: int, log: Path) -> None:
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self._log = log
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self._log.open("ab") as sink:
            self._process = subprocess.Popen(
                redis_command(port=self.port, data_dir=None), stdout=sink, stderr=sink
            )
        wait_listening(name="Redis", port=self.port)

    def kill(self) -> None:
        if self._process is not None:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait()
            self._process = None


@contextlib.contextmanager
def redis_server(log: Path) -> Iterator[RedisServer]:
    server = RedisServer(port=free_port(), log=log)
    server.start()
    try:
        yield server
    finally:
        server.kill()


async def wait_subscribed(redis: Redis, channel: str, within: float = 30) -> None:
    async with asyncio.timeout(within):
        while True:
            with contextlib.suppress(OSError, ConnectionError):
                counts = dict(await redis.pubsub_numsub(channel))
                if counts.get(channel.encode(), 0) >= 1:
                    return
            await asyncio.sleep(0.1)


@pytest.mark.slow
@pytest.mark.timeout(120)
async def test_a_subscription_outlives_a_redis_restart_and_gets_what_it_missed(
    api: Api, settings: Settings, tmp_path: Path
) -> None:
    ada, bob = await api.person("ada"), await api.person("bob")
    with redis_server(tmp_path / "redis.log") as server:
        private = settings.model_copy(update={"redis_url": server.url})
        redis = Redis.from_url(server.url)
        channel = user_matches_channel("team-a", ada.id)
        try:
            with api_process(private, log=tmp_path / "api.log") as base:
                socket = await open_socket(base, token=api.token(ada), origin=settings.public_url)
                await subscribe(socket, "live", MY_NEW_MATCH)
                await wait_subscribed(redis, channel)

                server.kill()
                # A round completes while Redis is away: its announcement reaches nobody.
                (missed,) = await api.completed_round("2026-12-14", [[ada.id, bob.id]])
                # Longer than the session check (5 s), which must not close the socket.
                await asyncio.sleep(6)
                server.start()

                # The hub reconnects and the subscription reads what it may have missed.
                message = await receive(socket, within=30)
                assert message["type"] == "next", message
                assert message["id"] == "live"
                assert message["payload"]["data"]["myNewMatch"]["id"] == missed

                # And live events flow again on the same socket.
                (later,) = await api.completed_round("2026-12-21", [[ada.id, bob.id]])
                await wait_subscribed(redis, channel)
                await publish_match(
                    redis,
                    MatchEvent(
                        deployment_id="team-a", user_id=ada.id, match_id=later, slot="2026-12-21"
                    ),
                )
                message = await receive(socket, within=10)
                assert message["payload"]["data"]["myNewMatch"] == {
                    "id": later,
                    "participants": [{"name": "ada"}, {"name": "bob"}],
                }
                await socket.close()
        finally:
            await redis.aclose()
