"""The subscriber side of bench.api.live: many graphql-transport-ws sockets in one process.

Reads one access token a line, opens one socket per token with the web app's new-match
subscription, prints "ready" once every socket is acknowledged and subscribed, then records
the wall-clock arrival of each socket's first event until all arrived or `--wait` passed.

    python -m bench.api.live_clients --base URL --origin URL --tokens FILE --out FILE
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import resource
import sys
import time
from pathlib import Path

import websockets

SUBSCRIPTION = """subscription MyNewMatch { myNewMatch { ...CurrentMatch } }
fragment CurrentMatch on Match {
  id slot scheduledDate status createdAt
  participants { id name email timeZone team topics }
  suggestedTime { start end }
  myFeedback { matchId outcome }
}"""


def raise_open_files() -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--origin", required=True)
    parser.add_argument("--tokens", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--wait", type=float, default=120.0)
    parser.add_argument("--parallel", type=int, default=100)
    args = parser.parse_args()
    raise_open_files()
    tokens = args.tokens.read_text().split()
    url = args.base.replace("http", "ws", 1) + "/graphql"
    arrivals: dict[int, float] = {}
    failures: dict[int, str] = {}
    everyone = asyncio.Event()
    ready = asyncio.Event()
    gate = asyncio.Semaphore(args.parallel)
    opened = 0

    async def subscriber(index: int, token: str) -> None:
        nonlocal opened
        try:
            async with gate:
                socket = await websockets.connect(
                    url,
                    subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
                    origin=websockets.Origin(args.origin),
                    open_timeout=120,
                    ping_interval=None,
                    max_queue=4,
                )
                init = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
                await socket.send(json.dumps(init))
                ack = json.loads(await socket.recv())
                if ack.get("type") != "connection_ack":
                    raise RuntimeError(f"not acknowledged: {ack}")
                subscribe = {"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}}
                await socket.send(json.dumps(subscribe))
            opened += 1
            if opened == len(tokens):
                ready.set()
            async with socket:
                message = json.loads(await socket.recv())
                arrivals[index] = time.time()
                if message.get("type") != "next" or message["payload"].get("errors"):
                    failures[index] = str(message)[:300]
                # People keep the app open after their match arrives: sockets close only
                # once every event arrived, so closing does not compete with delivering.
                done()
                await everyone.wait()
        except Exception as error:
            failures[index] = f"{type(error).__name__}: {error}"[:300]
            opened += 1
            if opened == len(tokens):
                ready.set()
        done()

    def done() -> None:
        if len(arrivals) + len(failures) == len(tokens):
            everyone.set()

    tasks = [asyncio.create_task(subscriber(i, t)) for i, t in enumerate(tokens)]
    await ready.wait()
    print("ready", len(failures), flush=True)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(everyone.wait(), args.wait)
    args.out.write_text(
        json.dumps({"arrivals": list(arrivals.values()), "failures": list(failures.values())})
    )
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print("done", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)
