"""Real processes to break: DynamoDB Local, Redis, a mail catcher and `vcoffee worker`.

Each can be killed with SIGKILL and started again on the same port with the same data, and
the outcome is counted the way a person would notice it: groups in the table, mails in the
catcher's mailbox, one per (match, person).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path
from typing import TypeVar

from arq.connections import ArqRedis

from config.settings import Settings
from core.errors import ServiceUnavailable
from devtools import dynamodb_local
from devtools.processes import stop
from devtools.stack import DYNAMODB_HOME, redis_command
from repositories.bundle import Repositories
from repositories.models import Identity, Profile, User
from rounds.service import request_round
from runtime.ports import free_port, wait_listening
from tests.api.processes import environment
from tests.faults.resumption import stored_at

T = TypeVar("T")

WORKER_COMMAND = "from vcoffee.cli import main; raise SystemExit(main(['worker']))"
UID = re.compile(r"UID:([^\r\n@]+)@")


@dataclass
class Service:
    """One process of the stack, started again with the same command after a kill."""

    name: str
    command: list[str]
    log: Path
    port: int | None = None
    env: dict[str, str] | None = None
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    def start(self) -> None:
        with self.log.open("ab") as sink:
            self.process = subprocess.Popen(
                self.command, stdout=sink, stderr=subprocess.STDOUT, env=self.env
            )
        self.starts += 1
        if self.port is not None:
            wait_listening(name=self.name, port=self.port, timeout=60)

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as when a machine or container dies."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.running:
            assert self.process is not None
            stop(self.process)


@dataclass
class Stack:
    """The services of one fault case, on ports of their own."""

    root: Path
    services: dict[str, Service] = field(default_factory=dict)

    def add(self, service: Service) -> Service:
        self.services[service.name] = service
        service.start()
        return service

    def stop(self) -> None:
        for service in reversed(list(self.services.values())):
            service.stop()


@contextlib.contextmanager
def stack(root: Path) -> Iterator[Stack]:
    running = Stack(root=root)
    try:
        yield running
    finally:
        running.stop()


def dynamodb(root: Path) -> Service:
    """DynamoDB Local keeping its data on disk, so a restart finds the table again."""
    port = free_port()
    data = root / "dynamodb"
    data.mkdir(parents=True, exist_ok=True)
    home = dynamodb_local.install(DYNAMODB_HOME)
    command = dynamodb_local.command(home=home, port=port, data_dir=data)
    return Service(name="dynamodb", command=command, log=root / "dynamodb.log", port=port)


def redis(root: Path) -> Service:
    """Redis without persistence: a restart loses every queued job, the harshest case."""
    port = free_port()
    return Service(
        name="redis",
        command=redis_command(port=port, data_dir=None),
        log=root / "redis.log",
        port=port,
    )


def mail_catcher(root: Path, *, deployment_id: str, port: int | None = None) -> Service:
    port = port or free_port()
    return Service(
        name="smtp",
        command=[
            sys.executable,
            "-m",
            "devtools.mailcatcher",
            "--port",
            str(port),
            "--root",
            str(root / "mail"),
            "--deployment-id",
            deployment_id,
        ],
        log=root / "smtp.log",
        port=port,
    )


def worker(root: Path, *, settings: Settings, smtp_port: int) -> Service:
    env = {
        **environment(settings, port=free_port()),
        "VCOFFEE_SMTP_HOST": "127.0.0.1",
        "VCOFFEE_SMTP_PORT": str(smtp_port),
        "VCOFFEE_SMTP_SENDER": "coffee@example.com",
        "VCOFFEE_LOG_LEVEL": "INFO",
        "VCOFFEE_DYNAMODB_TRANSACTION_LIMIT": str(settings.dynamodb_transaction_limit),
    }
    return Service(
        name="worker",
        command=[sys.executable, "-c", WORKER_COMMAND],
        log=root / "worker.log",
        env=env,
    )


def mails(root: Path, *, deployment_id: str) -> Counter[tuple[str, str]]:
    """Mails caught, counted per (match, recipient address)."""
    counted: Counter[tuple[str, str]] = Counter()
    for path in (root / "mail" / deployment_id).glob("*.eml"):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        match_id = "?"
        for part in message.walk():
            if part.get_content_type() == "text/calendar":
                found = UID.search(str(part.get_content()))
                match_id = found.group(1) if found else "?"
        counted[(match_id, str(message["To"]))] += 1
    return counted


def doubled_across_a_kill(
    root: Path, *, deployment_id: str, killed_at: datetime, restarted_at: datetime
) -> int:
    """Doubles whose first copy the server stored before a kill and the second after restart.

    SMTP cannot close this window: the server has the message once it answers the end of
    DATA, and a worker killed before it records that answer sends again after the lease.
    A double of any other shape (two copies from live workers) is not counted here.
    """
    copies: dict[tuple[str, str], list[datetime]] = {}
    for path in (root / "mail" / deployment_id).glob("*.eml"):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        match_id = next(
            (
                found.group(1)
                for part in message.walk()
                if part.get_content_type() == "text/calendar"
                and (found := UID.search(str(part.get_content())))
            ),
            "?",
        )
        copies.setdefault((match_id, str(message["To"])), []).append(stored_at(path))
    return sum(
        1
        for times in copies.values()
        if len(times) == 2 and min(times) <= killed_at and max(times) >= restarted_at
    )


async def patiently(call: Callable[[], Awaitable[T]], *, tries: int = 20) -> T:
    """The test's own setup writes, retried while a loaded machine keeps the table busy."""
    for _ in range(tries - 1):
        try:
            return await call()
        except ServiceUnavailable:
            await asyncio.sleep(1)
    return await call()


async def enrol(repos: Repositories, count: int) -> list[User]:
    """`count` people who signed in and joined, with mail as their channel."""
    people = []
    for n in range(count):
        user = await patiently(
            lambda n=n: repos.users.register(  # type: ignore[misc]
                identity=Identity(issuer="https://sso.example.com", subject=f"fault-{n}"),
                profile=Profile(name=f"Person {n}", email=f"person{n}@example.com"),
            )
        )
        people.append(await patiently(lambda user=user: repos.users.join(user_id=user.id)))  # type: ignore[misc]
    return people


async def ask_for_round(
    repos: Repositories, *, settings: Settings, queue: ArqRedis, slot: str
) -> None:
    await patiently(
        lambda: request_round(
            repositories=repos,
            queue=queue,
            deployment_id=settings.deployment_id,
            slot=slot,
            requested_by=None,
            now=datetime.now(UTC),
        )
    )


async def wait_for(
    check: Callable[[], Awaitable[bool]], *, timeout: float, every: float = 0.2
) -> float:
    """Seconds until `check` held; fails after `timeout`."""
    started = time.monotonic()
    while True:
        with contextlib.suppress(Exception):
            if await check():
                return time.monotonic() - started
        if time.monotonic() - started > timeout:
            raise AssertionError(f"not reached within {timeout:g} s")
        await asyncio.sleep(every)


@dataclass(frozen=True)
class Tally:
    """What a person would notice: who is in how many groups, who got how many mails."""

    people: int
    grouped_once: int
    grouped_twice: int
    ungrouped: int
    mails_missing: int
    mails_doubled: int

    @property
    def perfect(self) -> bool:
        return (
            self.grouped_once == self.people
            and not self.grouped_twice
            and not self.ungrouped
            and not self.mails_missing
            and not self.mails_doubled
        )


async def tally(
    repos: Repositories, *, people: list[User], slot: str, root: Path, deployment_id: str
) -> Tally:
    groups = await repos.rounds.groups_of(slot=slot)
    placed = Counter(itertools.chain.from_iterable(g.participants for g in groups))
    caught = mails(root, deployment_id=deployment_id)
    email_of = {person.id: person.profile.email for person in people}
    expected = {(g.id, email_of[m]) for g in groups for m in g.participants if m in email_of}
    return Tally(
        people=len(people),
        grouped_once=sum(1 for p in people if placed[p.id] == 1),
        grouped_twice=sum(1 for p in people if placed[p.id] > 1),
        ungrouped=sum(1 for p in people if placed[p.id] == 0),
        mails_missing=sum(1 for key in expected if caught[key] == 0),
        mails_doubled=sum(1 for key in expected if caught[key] > 1)
        + sum(1 for key in caught if key not in expected),
    )
