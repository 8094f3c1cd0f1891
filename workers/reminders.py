"""The reminder cron: "did you meet?" after a round, and pausing people who never answer."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from arq import cron
from arq.cron import CronJob

from notifications.answer_links import AnswerLinkMaker, signer_for
from notifications.channels.base import Sender
from notifications.delivery import deliver
from notifications.message import RenderedMessage
from notifications.registry import Channel
from notifications.reminders import (
    Answer,
    ReminderPolicy,
    paused_message,
    reminder_due,
    reminder_message,
    should_pause,
    unanswered_streak,
)
from notifications.sent_marks import MarkedStore, SentMarks
from notifications.sources import display_name, recipient_of
from repositories.bundle import Repositories
from repositories.models.feedback import FeedbackOutcome
from repositories.models.matches import Match
from repositories.models.rounds import RoundStatus
from repositories.models.users import ParticipationStatus, User
from repositories.reminder_ledger import MessageClaims, ReminderLedger
from runtime.services import Services
from workers.notify import Delivery, offered

log = logging.getLogger(__name__)

# Rounds whose reminder time passed longer ago than this are not reminded any more (the
# reminders were switched on late, or no worker ran): a month-old "did you meet?" is noise.
STALE_AFTER = timedelta(days=7)
RECENT_ROUNDS = 20
# Members who left or were deactivated since the round are not written to.
REACHABLE = (ParticipationStatus.ACTIVE, ParticipationStatus.PAUSED)


@dataclass
class ReminderReport:
    """What one pass did, for the log and the job result."""

    reminded: list[str] = field(default_factory=list)
    paused: list[str] = field(default_factory=list)
    undeliverable: list[str] = field(default_factory=list)


def slot_moment(slot: str) -> datetime:
    """When a round ran: its UTC time, or midnight UTC for a date-only slot."""
    if len(slot) > 10:
        return datetime.strptime(slot, "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)
    return datetime.combine(date.fromisoformat(slot), datetime.min.time(), tzinfo=UTC)


def answer_of(outcome: FeedbackOutcome | None) -> Answer:
    if outcome is None:
        return None
    return outcome is not FeedbackOutcome.DID_NOT_MEET


@dataclass(frozen=True)
class Pass:
    """Everything one reminder pass needs, read once."""

    repos: Repositories
    ledger: ReminderLedger
    channels: Mapping[Channel, Sender]
    delivery: Delivery
    policy: ReminderPolicy
    public_url: str
    answer_links: AnswerLinkMaker
    now: datetime
    report: ReminderReport
    marks: Callable[[str], SentMarks]

    async def send(
        self,
        *,
        reference: str,
        user: User,
        message: RenderedMessage,
        store: MessageClaims,
        kind: str,
    ) -> str:
        outcome = await deliver(
            match_id=reference,
            recipient=recipient_of(user),
            message=message,
            channels=self.channels,
            # Marked in Redis at the acceptance, as introductions are: a worker killed before
            # the table's record landed does not send the message again.
            store=MarkedStore(store=store, marks=self.marks(kind)),
            sleep=self.delivery.sleep,
            policy=self.delivery.policy,
            clock=lambda: self.now,
        )
        if outcome.status == "undeliverable":
            self.report.undeliverable.append(user.id)
        return outcome.status

    async def members(self, match: Match) -> tuple[list[User], set[str]]:
        """The match's people who can still be written to, and who of them answered."""
        answered = {item.user_id for item in await self.repos.feedback.for_match(match_id=match.id)}
        people = await self.repos.users.get_many(user_ids=match.participants)
        today = self.now.date()
        reachable = [p for p in people if p is not None and p.status_on(today) in REACHABLE]
        return reachable, answered

    async def remind(self, *, slot: str) -> None:
        for match in await self.repos.rounds.groups_of(slot=slot):
            people, answered = await self.members(match)
            names = {person.id: display_name(person) for person in people}
            for person in people:
                due = reminder_due(
                    round_at=slot_moment(slot),
                    now=self.now,
                    answered=person.id in answered,
                    reminded=False,  # the ledger's claims keep a second pass from resending
                    policy=self.policy,
                )
                if not due:
                    continue
                message = reminder_message(
                    reader_name=names[person.id],
                    partner_names=[name for uid, name in names.items() if uid != person.id],
                    answers=self.answer_links(match_id=match.id, user_id=person.id),
                )
                status = await self.send(
                    reference=match.id,
                    user=person,
                    message=message,
                    store=self.ledger.reminders,
                    kind="reminder",
                )
                if status == "sent":
                    self.report.reminded.append(person.id)

    async def close(self, *, slot: str) -> None:
        """Pauses the round's silent members whose last N rounds all went unanswered."""
        today = self.now.date()
        for match in await self.repos.rounds.groups_of(slot=slot):
            people, answered = await self.members(match)
            for person in people:
                if (
                    person.id in answered
                    or person.status_on(today) is not ParticipationStatus.ACTIVE
                ):
                    continue
                answers = await self._answers(person.id, up_to=slot)
                if should_pause(answers=answers, already_paused=False, policy=self.policy):
                    await self._pause(person, slot=slot, missed=unanswered_streak(answers=answers))

    async def _answers(self, user_id: str, *, up_to: str) -> list[Answer]:
        """The person's answers, oldest first, for rounds up to `up_to` since their last pause."""
        since = await self.ledger.last_pause(user_id=user_id)
        wanted = self.policy.pause_after_unanswered_rounds
        page = await self.repos.matches.history(user_id=user_id, limit=min(wanted + 10, 100))
        entries = [
            entry
            for entry in page.items
            if entry.slot <= up_to and (since is None or entry.slot > since)
        ][:wanted]
        outcomes = {
            f.match_id: f.outcome for f in await self.repos.feedback.by_user(user_id=user_id)
        }
        return [answer_of(outcomes.get(entry.match_id)) for entry in reversed(entries)]

    async def _pause(self, person: User, *, slot: str, missed: int) -> None:
        # The decision is recorded first and the message sent before the pause, so a run
        # that dies anywhere in between is completed by the next one without a second message.
        if not await self.ledger.start_pause(user_id=person.id, slot=slot):
            return
        message = paused_message(
            reader_name=display_name(person),
            missed_rounds=missed,
            resume_url=f"{self.public_url}/participation",
        )
        await self.send(
            reference=slot,
            user=person,
            message=message,
            store=self.ledger.pause_messages,
            kind="pause",
        )
        await self.repos.users.pause(user_id=person.id)
        await self.ledger.finish_pause(user_id=person.id, slot=slot)
        self.report.paused.append(person.id)


async def run_reminders(services: Services, *, delivery: Delivery, now: datetime) -> ReminderReport:
    """Reminds and pauses for every recent round whose time has come; safe to run any time."""
    report = ReminderReport()
    repos = services.repositories
    config = await repos.config.get()
    if config.reminder_delay_days == 0:
        return report  # reminders are switched off, and so is pausing for silence
    pause_after = services.settings.pause_after_unanswered_rounds
    delay = timedelta(days=config.reminder_delay_days)
    run = Pass(
        repos=repos,
        ledger=ReminderLedger(gateway=repos.gateway),
        channels=offered(delivery.channels, config),
        delivery=delivery,
        policy=ReminderPolicy(
            remind_after=delay, pause_after_unanswered_rounds=max(pause_after, 1)
        ),
        public_url=services.settings.public_url.rstrip("/"),
        answer_links=signer_for(services.settings),
        now=now,
        report=report,
        marks=lambda kind: SentMarks(
            redis=services.redis, deployment_id=services.settings.deployment_id, kind=kind
        ),
    )
    rounds = (await repos.rounds.list_rounds(limit=RECENT_ROUNDS)).items
    for round_ in reversed(rounds):  # oldest first, so earlier rounds close before later ones
        if round_.status is not RoundStatus.COMPLETED:
            continue
        slot = round_.slot
        remind_at = slot_moment(slot) + delay
        close_at = remind_at + delay
        if now >= remind_at and not await run.ledger.phase_done(slot=slot, phase="remind"):
            if now < remind_at + STALE_AFTER:
                await run.remind(slot=slot)
            await run.ledger.finish_phase(slot=slot, phase="remind")
        if (
            pause_after
            and now >= close_at
            and not await run.ledger.phase_done(slot=slot, phase="close")
        ):
            if now < close_at + STALE_AFTER:
                await run.close(slot=slot)
            await run.ledger.finish_phase(slot=slot, phase="close")
    return report


async def send_reminders(ctx: dict[str, Any]) -> dict[str, int]:
    services: Services = ctx["services"]
    report = await run_reminders(services, delivery=ctx["delivery"], now=datetime.now(UTC))
    summary = {
        "reminded": len(report.reminded),
        "paused": len(report.paused),
        "undeliverable": len(report.undeliverable),
    }
    if any(summary.values()):
        log.info("reminders sent", extra=summary)
    return summary


REMINDER_CRON: list[CronJob] = [
    cron(send_reminders, minute=15, unique=True, run_at_startup=False),
]
