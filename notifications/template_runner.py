"""Renders admins' templates in a small pool of separate processes, each killed on overrun.

A template is a program an admin writes. However the sandbox bounds it, one can still ask for
a lot of work (loops inside loops, a filter with a huge width); run in the event loop, that
work would stall every request and every job of the process. Here each render has a time
limit, after which its process is killed and replaced; the event loop only waits on a pipe.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import weakref
from collections.abc import Mapping
from typing import Any

from notifications.template_process import READY
from notifications.templates import InvalidTemplate, TemplateSet

RENDER_SECONDS = 2.0
START_SECONDS = 30.0
PROCESSES = 2
# A reply holds three parts of at most 100,000 characters each, JSON-escaped.
REPLY_LIMIT_BYTES = 8 * 1024 * 1024
IDLE_SECONDS = 30.0
COMMAND = (sys.executable, "-m", "notifications.template_process")


class _Child:
    """One rendering process, asked one thing at a time."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def start(cls, *, idle_seconds: float) -> _Child:
        process = await asyncio.create_subprocess_exec(
            *COMMAND,
            str(idle_seconds),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            limit=REPLY_LIMIT_BYTES,
        )
        # A new process first loads Python and Jinja, a second or more on a busy machine; the
        # render's time limit starts once it says it is ready.
        assert process.stdout is not None
        try:
            ready = (await process.stdout.readline()).strip() == READY.encode()
        except BaseException:
            # Cancelled (the start took longer than allowed) or failed: it must not outlive us.
            await _ended(process)
            raise
        if not ready:
            await _ended(process)
            raise ConnectionError("the template process did not start")
        return cls(process)

    async def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None
        assert stdout is not None
        stdin.write(json.dumps(request).encode() + b"\n")
        await stdin.drain()
        line = await stdout.readline()
        if not line:
            raise ConnectionError("the template process ended")
        reply: dict[str, Any] = json.loads(line)
        return reply

    @property
    def alive(self) -> bool:
        return self.process.returncode is None

    async def kill(self) -> None:
        await _ended(self.process)


async def _ended(process: asyncio.subprocess.Process) -> None:
    """Kills the process and waits for it to end."""
    with contextlib.suppress(ProcessLookupError):
        process.kill()
    await asyncio.shield(process.wait())


class TemplateRunner:
    """Up to `processes` renders at once; the rest wait for a free process."""

    def __init__(
        self,
        *,
        processes: int = PROCESSES,
        render_seconds: float = RENDER_SECONDS,
        idle_seconds: float = IDLE_SECONDS,
    ) -> None:
        self.render_seconds = render_seconds
        self.idle_seconds = idle_seconds
        self._slots: asyncio.Queue[_Child | None] = asyncio.Queue()
        for _ in range(processes):
            self._slots.put_nowait(None)  # started on first use
        self._closed = False

    async def render(self, *, templates: TemplateSet, context: Mapping[str, Any]) -> TemplateSet:
        """Each part rendered; InvalidTemplate when one is broken, too long or too slow."""
        if self.closed:
            raise RuntimeError("the template runner is closed")
        request = {
            "templates": {field: source for field, source in templates.parts()},
            "context": dict(context),
        }
        child = await self._slots.get()
        try:
            if child is not None and not child.alive:
                child = None  # it ended after standing idle
            if child is None:
                child = await asyncio.wait_for(
                    _Child.start(idle_seconds=self.idle_seconds), START_SECONDS
                )
            try:
                reply = await asyncio.wait_for(child.ask(request), self.render_seconds)
            except (ConnectionError, BrokenPipeError):
                # It ended, idle, just as it was asked: ask a new one, once.
                await self._discard(child)
                child = await asyncio.wait_for(
                    _Child.start(idle_seconds=self.idle_seconds), START_SECONDS
                )
                reply = await asyncio.wait_for(child.ask(request), self.render_seconds)
        except TimeoutError:
            await self._discard(child)
            child = None
            raise InvalidTemplate(
                field="text",
                reason="TOO_SLOW",
                message=f"The template takes longer than {self.render_seconds:g} s to render.",
            ) from None
        except BaseException:
            # A process whose state is unknown (cancelled mid-answer, died) is not reused.
            await self._discard(child)
            child = None
            raise
        finally:
            self._slots.put_nowait(child)
        refused = reply.get("refused")
        if refused is not None:
            raise InvalidTemplate(
                field=refused["field"], reason=refused["reason"], message=refused["message"]
            )
        return TemplateSet(**reply["rendered"])

    @property
    def closed(self) -> bool:
        return self._closed

    async def _discard(self, child: _Child | None) -> None:
        if child is not None:
            await asyncio.shield(child.kill())

    async def close(self) -> None:
        self._closed = True
        while not self._slots.empty():
            await self._discard(self._slots.get_nowait())


_RUNNERS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, TemplateRunner] = (
    weakref.WeakKeyDictionary()
)


def template_runner() -> TemplateRunner:
    """The running event loop's runner: its processes speak through that loop's pipes.

    Its processes end by themselves after standing idle, and with the process that started
    them (their input closes), so nothing needs to stop them.
    """
    loop = asyncio.get_running_loop()
    runner = _RUNNERS.get(loop)
    if runner is None or runner.closed:
        runner = _RUNNERS[loop] = TemplateRunner()
    return runner
