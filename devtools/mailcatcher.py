"""A local SMTP server that keeps every message it receives, for `make dev` and tests.

Run it as `python -m devtools.mailcatcher --port 1025 --root .data/mail
--deployment-id default`; it stores each message as an .eml file under
<root>/<deployment-id>/, which `devtools.mailbox.list_messages` lists for the admin.
Like a real mail server, it refuses recipients in the `.invalid` top-level domain (RFC 2606:
a name that never exists) with a permanent 550, so an address nobody can reach can be tried.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from devtools.mailbox import mailbox_dir, store_message

logger = logging.getLogger(__name__)


class CatchingHandler:
    """aiosmtpd handler that stores messages instead of relaying them."""

    def __init__(
        self, *, directory: Path, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self.directory = directory
        self._clock = clock

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if address.rpartition("@")[2].lower().rstrip(".").endswith(".invalid"):
            return "550 5.1.2 Recipient address rejected: domain does not exist"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        data = envelope.original_content or envelope.content
        raw = data if isinstance(data, bytes) else str(data).encode()
        await asyncio.to_thread(
            store_message,
            directory=self.directory,
            data=raw,
            sender=str(envelope.mail_from),
            recipients=list(envelope.rcpt_tos),
            now=self._clock(),
        )
        return "250 Message accepted for delivery"


async def serve(
    *,
    host: str,
    port: int,
    directory: Path,
    ready: asyncio.Event | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """Serve until `stop` is set (or forever); sets `ready` once listening."""
    handler = CatchingHandler(directory=directory)
    loop = asyncio.get_running_loop()

    def protocol() -> Any:
        return SMTP(handler, hostname="mailcatcher", data_size_limit=10 * 1024 * 1024)

    server = await loop.create_server(protocol, host=host, port=port)
    logger.info("mail catcher listening on %s:%d, storing in %s", host, port, directory)
    if ready is not None:
        ready.set()
    try:
        await (stop or asyncio.Event()).wait()
    finally:
        server.close()
        await server.wait_closed()


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=1025)
    parser.add_argument("--root", type=Path, default=Path(".data/mail"))
    parser.add_argument("--deployment-id", default="default")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    directory = mailbox_dir(root=args.root, deployment_id=args.deployment_id)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signum, stop.set)
        await serve(host=args.host, port=args.port, directory=directory, stop=stop)

    asyncio.run(run())


if __name__ == "__main__":
    main()
