"""What the reminder job has done: reminder and pause-message claims, pauses, finished passes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Literal, Protocol

from repositories.gateway import ConditionFailed, Key, TableGateway
from repositories.models.common import utc_iso
from repositories.outbox import DEFAULT_LEASE

Phase = Literal["remind", "close"]
ClaimKey = Callable[[str, str, str], Key]


class OutcomeLike(Protocol):
    """What the ledger keeps of how one reminder or pause message ended."""

    @property
    def match_id(self) -> str: ...
    @property
    def user_id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def channel(self) -> str | None: ...
    @property
    def at(self) -> datetime: ...


class MessageClaims:
    """A DeliveryStore for one kind of message: one conditional write per claim, with a lease.

    `reference` is what the message is about (a match id for reminders, a round slot for
    pause messages); attempts are not logged one by one, only the final outcome is kept.
    """

    def __init__(
        self,
        *,
        gateway: TableGateway,
        claim_key: ClaimKey,
        outcome_key: Callable[[str, str], Key],
        lease: timedelta = DEFAULT_LEASE,
    ) -> None:
        self._table = gateway
        self._claim_key = claim_key
        self._outcome_key = outcome_key
        self._lease = lease

    async def claim(self, *, match_id: str, user_id: str, channel: str) -> bool:
        now = self._table.now()
        try:
            await self._table.update(
                self._claim_key(match_id, user_id, channel),
                update="SET #state = :claimed, claimed_at = :now",
                condition=(
                    "attribute_not_exists(PK) OR #state = :released OR "
                    "(#state = :claimed AND claimed_at < :stale)"
                ),
                names={"#state": "state"},
                values={
                    ":claimed": "claimed",
                    ":released": "released",
                    ":now": utc_iso(now),
                    ":stale": utc_iso(now - self._lease),
                },
            )
        except ConditionFailed:
            return False
        return True

    async def release(self, *, match_id: str, user_id: str, channel: str) -> None:
        try:
            await self._table.update(
                self._claim_key(match_id, user_id, channel),
                update="SET #state = :released",
                condition="#state = :claimed",
                names={"#state": "state"},
                values={":released": "released", ":claimed": "claimed"},
            )
        except ConditionFailed:
            return

    async def mark_sent(self, *, match_id: str, user_id: str, channel: str, at: datetime) -> None:
        await self._table.update(
            self._claim_key(match_id, user_id, channel),
            update="SET #state = :sent, sent_at = :at",
            names={"#state": "state"},
            values={":sent": "sent", ":at": utc_iso(at)},
        )

    async def record_attempt(self, *, attempt: object) -> None:
        return None

    async def record_outcome(self, *, outcome: OutcomeLike) -> None:
        """Keeps the final status; `already_handled` never overwrites an earlier one."""
        pk, sk = self._outcome_key(outcome.match_id, outcome.user_id)
        item = {
            "PK": pk,
            "SK": sk,
            "type": "message_outcome",
            "status": outcome.status,
            "at": utc_iso(outcome.at),
        }
        if outcome.channel is not None:
            item["channel"] = outcome.channel
        condition = None
        if outcome.status == "already_handled":
            condition = "attribute_not_exists(PK)"
        try:
            await self._table.put(item, condition=condition)
        except ConditionFailed:
            return

    async def status(self, *, reference: str, user_id: str) -> str | None:
        """How the message to this person ended: sent, undeliverable, or None if never tried."""
        item = await self._table.get(self._outcome_key(reference, user_id))
        return None if item is None else str(item["status"])


class ReminderLedger:
    """The reminder job's records for one deployment; every write is safe to repeat."""

    def __init__(self, *, gateway: TableGateway) -> None:
        self._table = gateway
        self._keys = gateway.keys
        self.reminders = MessageClaims(
            gateway=gateway,
            claim_key=self._keys.reminder_claim,
            outcome_key=self._keys.reminder_outcome,
        )
        self.pause_messages = MessageClaims(
            gateway=gateway,
            claim_key=self._keys.pause_message_claim,
            outcome_key=self._keys.pause_message_outcome,
        )

    async def phase_done(self, *, slot: str, phase: Phase) -> bool:
        return await self._table.get(self._keys.round_phase(slot, phase)) is not None

    async def finish_phase(self, *, slot: str, phase: Phase) -> None:
        pk, sk = self._keys.round_phase(slot, phase)
        await self._table.put(
            {"PK": pk, "SK": sk, "type": "reminder_phase", "at": utc_iso(self._table.now())}
        )

    async def start_pause(self, *, user_id: str, slot: str) -> bool:
        """Records the decision to pause the person after `slot`; False if already finished.

        A decision recorded by a run that stopped half-way is taken up again, so the pause
        and its message happen even when the job died in between.
        """
        pk, sk = self._keys.silence_pause(user_id, slot)
        try:
            await self._table.put(
                {
                    "PK": pk,
                    "SK": sk,
                    "type": "silence_pause",
                    "slot": slot,
                    "state": "pausing",
                    "at": utc_iso(self._table.now()),
                },
                condition="attribute_not_exists(PK) OR #state = :pausing",
                names={"#state": "state"},
                values={":pausing": "pausing"},
            )
        except ConditionFailed:
            return False
        return True

    async def finish_pause(self, *, user_id: str, slot: str) -> None:
        await self._table.update(
            self._keys.silence_pause(user_id, slot),
            update="SET #state = :paused",
            names={"#state": "state"},
            values={":paused": "paused"},
        )

    async def last_pause(self, *, user_id: str) -> str | None:
        """The round slot after which the person was last paused for not answering."""
        pk, prefix = self._keys.silence_pauses(user_id)
        items, _ = await self._table.query(
            key_condition="PK = :pk AND begins_with(SK, :prefix)",
            values={":pk": pk, ":prefix": prefix},
            newest_first=True,
            limit=1,
        )
        return str(items[0]["slot"]) if items else None
