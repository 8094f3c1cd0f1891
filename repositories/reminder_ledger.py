"""What the reminder job has done: reminder and pause-message claims, pauses, finished passes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Literal, Protocol

from core.errors import NotFound
from repositories.gateway import ConditionFailed, Key, TableGateway
from repositories.leases import DEFAULT_LEASE, SEND_STATES, Lease, SendClaims
from repositories.models.common import utc_iso
from repositories.models.outbox import DeliveryStatus

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
    """A DeliveryStore for one kind of message: the send claims of repositories/leases.py.

    `reference` is what the message is about (a match id for reminders, a round slot for
    pause messages); attempts are not logged one by one, only the final outcome is kept.
    """

    def __init__(
        self,
        *,
        gateway: TableGateway,
        claim_key: ClaimKey,
        claims_of: Callable[[str, str], Key],
        outcome_key: Callable[[str, str], Key],
        lease: timedelta = DEFAULT_LEASE,
    ) -> None:
        self._table = gateway
        self._claim_key = claim_key
        self._claims_of = claims_of
        self._outcome_key = outcome_key
        self._claims = SendClaims(lease=Lease(gateway=gateway, states=SEND_STATES, duration=lease))

    async def claim(self, *, match_id: str, user_id: str, channel: str, owner: str) -> bool:
        return await self._claims.claim(
            self._claim_key(match_id, user_id, channel), owner=owner, fields={}
        )

    async def renew(self, *, match_id: str, user_id: str, channel: str, owner: str) -> bool:
        return await self._claims.renew(self._claim_key(match_id, user_id, channel), owner=owner)

    async def release(self, *, match_id: str, user_id: str, channel: str, owner: str) -> None:
        await self._claims.release(self._claim_key(match_id, user_id, channel), owner=owner)

    async def mark_sent(self, *, match_id: str, user_id: str, channel: str, at: datetime) -> None:
        recorded = await self._claims.mark_sent(
            self._claim_key(match_id, user_id, channel), at=utc_iso(at)
        )
        if not recorded:
            raise NotFound(
                "nothing was claimed for this message", fields=("reference", "user_id", "channel")
            )

    async def sent_channel(self, *, match_id: str, user_id: str) -> str | None:
        partition, prefix = self._claims_of(match_id, user_id)
        item = await self._claims.sent_on(partition=partition, prefix=prefix)
        return None if item is None else str(item["SK"]).removeprefix(prefix)

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
        if outcome.status == DeliveryStatus.ALREADY_HANDLED.value:
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
            claims_of=self._keys.reminder_claims,
            outcome_key=self._keys.reminder_outcome,
        )
        self.pause_messages = MessageClaims(
            gateway=gateway,
            claim_key=self._keys.pause_message_claim,
            claims_of=self._keys.pause_message_claims,
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
