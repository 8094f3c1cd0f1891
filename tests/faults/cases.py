"""The fault cases: each breaks one real process in a round or in sending, then counts.

Each case runs real processes (`vcoffee worker`, a mail catcher, and where the fault needs
it a private Redis or DynamoDB Local), breaks one of them in the middle of a round or of
sending, and counts groups and mails per (match, person). tests/faults/test_faults.py runs
the short ones; bench/faults/run.py the long ones and larger rounds.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from config.settings import Settings
from devtools.stack import Endpoints
from repositories.bundle import Repositories
from repositories.models.rounds import RoundStatus
from repositories.models.users import User
from runtime.bootstrap import bootstrap
from runtime.services import open_services
from tests.conftest import make_settings
from tests.faults.resumption import Resumption, resumption
from tests.faults.stack import (
    Service,
    Tally,
    ask_for_round,
    doubled_across_a_kill,
    dynamodb,
    enrol,
    mail_catcher,
    mails,
    patiently,
    redis,
    stack,
    tally,
    wait_for,
    worker,
)

SLOT = "2030-06-03T08:00Z"


def deployment() -> str:
    return f"faults-{uuid.uuid4().hex[:8]}"


async def round_live(repos: Repositories) -> bool:
    found = await repos.rounds.get(slot=SLOT)
    return found is not None and found.status in (RoundStatus.CLAIMED, RoundStatus.RUNNING)


async def round_done(repos: Repositories) -> bool:
    found = await repos.rounds.get(slot=SLOT)
    return found is not None and found.status is RoundStatus.COMPLETED


def mails_caught(root: Path, settings: Settings) -> int:
    return sum(mails(root, deployment_id=settings.deployment_id).values())


# The slowest pace at which sending is still waited for; below it a case fails as stuck.
MIN_MAILS_PER_SECOND = 5


async def everyone_told(
    root: Path, settings: Settings, people: list[User], *, within: float
) -> None:
    """Waits for a mail to every person: `within` s to resume, plus the time to send them all.

    The wait is not the bound a case is judged on (that is the first mail after recovery);
    it only stops a case that is stuck, and says how far it got.
    """
    limit = within + len(people) / MIN_MAILS_PER_SECOND

    async def all_in() -> bool:
        return len(mails(root, deployment_id=settings.deployment_id)) >= len(people)

    try:
        await wait_for(all_in, timeout=limit)
    except AssertionError:
        told = len(mails(root, deployment_id=settings.deployment_id))
        raise AssertionError(f"{told} of {len(people)} people told within {limit:g} s") from None


def delivery_since(root: Path, settings: Settings, since: datetime) -> Resumption:
    return resumption(root, deployment_id=settings.deployment_id, since=since)


async def settled(
    repos: Repositories, *, people: list[User], root: Path, settings: Settings
) -> Tally:
    # A late double would arrive within the claims' lease; wait that out before counting.
    await asyncio.sleep(5)
    return await tally(
        repos, people=people, slot=SLOT, root=root, deployment_id=settings.deployment_id
    )


@dataclass(frozen=True)
class Outcome:
    """What one case counted, and how long each kind of work took to resume.

    `recoveries` are the seconds from the broken process being back to the work done (the
    round completed); `sending` how mail delivery came back after it.
    """

    case: str
    tally: Tally
    recoveries: dict[str, float]
    sending: Resumption
    figures: dict[str, object] = field(default_factory=dict)
    # Doubles explained by a kill between the server's acceptance and its record: the
    # first copy stored before the kill, the second after the restart.
    in_send_window: int = 0

    def problems(self, *, limit: float, drained_within: float | None = None) -> list[str]:
        """What went wrong: anything lost or doubled, or work resumed `limit` s or more late.

        Sending must resume (its first mail) within `limit` and never pause that long after;
        with `drained_within`, the last mail must also be in within that many seconds.
        """
        tally = self.tally
        lost = tally.grouped_twice or tally.ungrouped or tally.mails_missing
        doubled = tally.mails_doubled - self.in_send_window
        found = [f"{self.case}: {tally}"] if lost or doubled else []
        found += [
            f"{self.case}: {work} resumed after {seconds:.1f} s"
            for work, seconds in self.recoveries.items()
            if seconds >= limit
        ]
        sending = self.sending
        if sending.first >= limit:
            found.append(f"{self.case}: sending resumed after {sending.first:.1f} s")
        if sending.longest_pause >= limit:
            found.append(f"{self.case}: sending paused {sending.longest_pause:.1f} s")
        if drained_within is not None and sending.last >= drained_within:
            found.append(f"{self.case}: the last mail came {sending.last:.1f} s after recovery")
        if self.figures.get("worker_kept_running") is False:
            found.append(f"{self.case}: the worker exited")
        return found

    def describe(self) -> str:
        tally = self.tally
        recovered = ", ".join(
            [f"{work} {s:.1f} s" for work, s in self.recoveries.items()] + [self.sending.describe()]
        )
        extra = ", ".join(f"{k}={v}" for k, v in self.figures.items())
        return (
            f"{self.case}: {tally.people} people, {tally.grouped_once} grouped once, "
            f"{tally.grouped_twice} twice, {tally.ungrouped} in none; mails missing "
            f"{tally.mails_missing}, doubled {tally.mails_doubled} (of which in the send-record "
            f"window of a kill: {self.in_send_window}); resumed: {recovered}; {extra}"
        )


async def worker_killed_during_the_round_and_again_during_sending(
    endpoints: Endpoints, tmp_path: Path, *, people: int
) -> Outcome:
    settings = make_settings(endpoints, deployment_id=deployment())
    await patiently(lambda: bootstrap(settings))
    with stack(tmp_path) as running:
        smtp = running.add(mail_catcher(tmp_path, deployment_id=settings.deployment_id))
        async with open_services(settings) as services:
            repos = services.repositories
            enrolled = await enrol(repos, people)
            work = running.add(worker(tmp_path, settings=settings, smtp_port=smtp.port or 0))
            await ask_for_round(repos, settings=settings, queue=services.queue, slot=SLOT)

            await wait_for(lambda: round_live(repos), timeout=60, every=0.01)
            work.kill()
            groups_at_kill = len(await repos.rounds.groups_of(slot=SLOT))
            work.start()
            restarted = time.monotonic()
            await wait_for(lambda: round_done(repos), timeout=120)
            round_recovery = time.monotonic() - restarted

            async def some_sent() -> bool:
                return mails_caught(tmp_path, settings) >= 10

            await wait_for(some_sent, timeout=60, every=0.02)
            work.kill()
            killed_at = datetime.now(UTC)
            mails_at_kill = mails_caught(tmp_path, settings)
            work.start()
            restarted_at = datetime.now(UTC)
            await everyone_told(tmp_path, settings, enrolled, within=120)
            result = await settled(repos, people=enrolled, root=tmp_path, settings=settings)

    return Outcome(
        case="worker SIGKILL during the round, then during sending",
        tally=result,
        recoveries={"round": round_recovery},
        sending=delivery_since(tmp_path, settings, restarted_at),
        figures={"groups_at_kill": groups_at_kill, "mails_at_kill": mails_at_kill},
        in_send_window=doubled_across_a_kill(
            tmp_path,
            deployment_id=settings.deployment_id,
            killed_at=killed_at,
            restarted_at=restarted_at,
        ),
    )


async def redis_killed_and_restarted_during_sending(
    endpoints: Endpoints, tmp_path: Path, *, people: int
) -> Outcome:
    with stack(tmp_path) as running:
        queue = running.add(redis(tmp_path))
        settings = make_settings(
            Endpoints(
                dynamodb_url=endpoints.dynamodb_url, redis_url=f"redis://127.0.0.1:{queue.port}/0"
            ),
            deployment_id=deployment(),
        )
        await patiently(lambda: bootstrap(settings))
        smtp = running.add(mail_catcher(tmp_path, deployment_id=settings.deployment_id))
        async with open_services(settings) as services:
            repos = services.repositories
            enrolled = await enrol(repos, people)
            work = running.add(worker(tmp_path, settings=settings, smtp_port=smtp.port or 0))
            await ask_for_round(repos, settings=settings, queue=services.queue, slot=SLOT)

            async def some_sent() -> bool:
                return mails_caught(tmp_path, settings) >= 10

            await wait_for(some_sent, timeout=60, every=0.02)
            queue.kill()
            mails_at_kill = mails_caught(tmp_path, settings)
            await asyncio.sleep(3)
            mails_while_down = mails_caught(tmp_path, settings) - mails_at_kill
            queue.start()
            restarted_at = datetime.now(UTC)
            await everyone_told(tmp_path, settings, enrolled, within=150)
            alive = work.running
            result = await settled(repos, people=enrolled, root=tmp_path, settings=settings)

    return Outcome(
        case="Redis SIGKILL during sending, restarted empty after 3 s",
        tally=result,
        recoveries={},
        sending=delivery_since(tmp_path, settings, restarted_at),
        figures={
            "mails_at_kill": mails_at_kill,
            "mails_while_down": mails_while_down,
            "worker_kept_running": alive,
        },
    )


async def dynamodb_stopped_for_thirty_seconds_during_the_round(
    endpoints: Endpoints, tmp_path: Path, *, people: int
) -> Outcome:
    with stack(tmp_path) as running:
        table: Service = running.add(dynamodb(tmp_path))
        settings = make_settings(
            Endpoints(dynamodb_url=f"http://127.0.0.1:{table.port}", redis_url=endpoints.redis_url),
            deployment_id=deployment(),
        )
        await patiently(lambda: bootstrap(settings))
        smtp = running.add(mail_catcher(tmp_path, deployment_id=settings.deployment_id))
        async with open_services(settings) as services:
            repos = services.repositories
            enrolled = await enrol(repos, people)
            work = running.add(worker(tmp_path, settings=settings, smtp_port=smtp.port or 0))
            await ask_for_round(repos, settings=settings, queue=services.queue, slot=SLOT)

            await wait_for(lambda: round_live(repos), timeout=60, every=0.01)
            table.kill()
            await asyncio.sleep(30)
            table.start()
            restarted = time.monotonic()
            restarted_at = datetime.now(UTC)
            groups_after_outage = len(await repos.rounds.groups_of(slot=SLOT))
            await wait_for(lambda: round_done(repos), timeout=120)
            round_recovery = time.monotonic() - restarted
            await everyone_told(tmp_path, settings, enrolled, within=120)
            alive = work.running
            result = await settled(repos, people=enrolled, root=tmp_path, settings=settings)

    return Outcome(
        case="DynamoDB Local SIGKILL during the round, back after 30 s",
        tally=result,
        recoveries={"round": round_recovery},
        sending=delivery_since(tmp_path, settings, restarted_at),
        figures={"groups_when_back": groups_after_outage, "worker_kept_running": alive},
    )


async def mail_server_down_for(
    endpoints: Endpoints, tmp_path: Path, *, outage: float, people: int
) -> Outcome:
    """The mail server is down when the round's mails go out, and back after `outage` s."""
    settings = make_settings(endpoints, deployment_id=deployment())
    await patiently(lambda: bootstrap(settings))
    with stack(tmp_path) as running:
        smtp = running.add(mail_catcher(tmp_path, deployment_id=settings.deployment_id))
        async with open_services(settings) as services:
            repos = services.repositories
            enrolled = await enrol(repos, people)
            work = running.add(worker(tmp_path, settings=settings, smtp_port=smtp.port or 0))
            smtp.kill()
            down = time.monotonic()
            await ask_for_round(repos, settings=settings, queue=services.queue, slot=SLOT)
            await wait_for(lambda: round_done(repos), timeout=120)
            await asyncio.sleep(max(0.0, outage - (time.monotonic() - down)))
            smtp.start()
            restarted_at = datetime.now(UTC)
            await everyone_told(tmp_path, settings, enrolled, within=outage + 120)
            alive = work.running
            result = await settled(repos, people=enrolled, root=tmp_path, settings=settings)
    return Outcome(
        case=f"mail server down for {outage:g} s while the round's mails go out",
        tally=result,
        recoveries={},
        sending=delivery_since(tmp_path, settings, restarted_at),
        figures={"worker_kept_running": alive},
    )
