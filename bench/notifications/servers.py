"""Local Slack, Telegram, Signal and SMTP servers that answer after a fixed delay.

Run as its own process (`python -m bench.notifications.servers --delay 0.05`) so serving
does not take CPU from the workers being measured; prints the ports as one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import sys
from typing import Any

from aiohttp import web
from aiosmtpd.smtp import SMTP, Envelope, Session

BLOCKED_EVERY = 40


def http_app(*, delay: float) -> web.Application:
    async def slack(request: web.Request) -> web.Response:
        await request.read()
        await asyncio.sleep(delay)
        return web.Response(text="ok")

    async def telegram(request: web.Request) -> web.Response:
        body = await request.json()
        await asyncio.sleep(delay)
        # Some chats have blocked the bot, so the fallback path runs under load too.
        if int(body.get("chat_id", 0)) % BLOCKED_EVERY == 2:
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 403,
                    "description": "Forbidden: bot was blocked by the user",
                },
                status=403,
            )
        return web.json_response({"ok": True, "result": {"message_id": 1}})

    async def signal_send(request: web.Request) -> web.Response:
        await request.read()
        await asyncio.sleep(delay)
        return web.json_response({"timestamp": "1"}, status=201)

    app = web.Application()
    app.router.add_post("/services/{tail:.*}", slack)
    app.router.add_post("/bot{token}/sendMessage", telegram)
    app.router.add_post("/v2/send", signal_send)
    return app


class SlowSink:
    """Accepts every message after the delay and keeps only a count."""

    def __init__(self, *, delay: float) -> None:
        self.delay = delay
        self.count = 0

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        await asyncio.sleep(self.delay)
        self.count += 1
        return "250 OK"


async def serve(*, delay: float) -> None:
    runner = web.AppRunner(http_app(delay=delay), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=4096)
    await site.start()
    loop = asyncio.get_running_loop()
    sink = SlowSink(delay=delay)
    smtp = await loop.create_server(
        lambda: SMTP(sink, hostname="bench"), "127.0.0.1", 0, backlog=4096
    )
    http_server: Any = site._server
    ports = {
        "http": http_server.sockets[0].getsockname()[1],
        "smtp": smtp.sockets[0].getsockname()[1],
    }
    sys.stdout.write(json.dumps(ports) + "\n")
    sys.stdout.flush()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    with contextlib.suppress(asyncio.CancelledError):
        await stop.wait()
    smtp.close()
    await runner.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delay", type=float, default=0.05)
    args = parser.parse_args()
    try:
        import uvloop
    except ImportError:
        asyncio.run(serve(delay=args.delay))
    else:
        uvloop.run(serve(delay=args.delay))


if __name__ == "__main__":
    main()
