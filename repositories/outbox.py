"""The notification outbox: claims against double sends, the attempt log, final outcomes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from pydantic import BaseModel

from core.errors import NotFound
from repositories.cursor import CursorCodec
from repositories.gateway import ConditionFailed, Key, TableGateway
from repositories.leases import DEFAULT_LEASE, SEND_STATES, Lease, SendClaims
from repositories.matches import MatchRepository
from repositories.models.common import Page, UtcDatetime, require_limit, validated
from repositories.models.matches import MemberDelivery, parse_match_id
from repositories.models.outbox import (
    DeliveryAttempt,
    DeliveryRecord,
    DeliveryStatus,
    NotificationClaim,
)
from repositories.models.users import Channel

DEFAULT_RETENTION = timedelta(days=180)
UNDELIVERABLE_SCOPE = "undeliverable"
DeliveryPage = Page[DeliveryRecord]


class AttemptLike(Protocol):
    """What the outbox reads of a delivery attempt."""

    @property
    def match_id(self) -> str: ...
    @property
    def user_id(self) -> str: ...
    @property
    def channel(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def outcome(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def code(self) -> str | None: ...
    @property
    def detail(self) -> str | None: ...


class OutcomeLike(Protocol):
    """What the outbox reads of how notifying one member ended."""

    @property
    def match_id(self) -> str: ...
    @property
    def user_id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def channel(self) -> str | None: ...
    @property
    def attempts(self) -> Sequence[AttemptLike]: ...
    @property
    def at(self) -> datetime: ...


class NotificationOutbox:
    """Keys are (match, person, channel); every state change is one conditional write."""

    def __init__(
        self,
        *,
        gateway: TableGateway,
        cursors: CursorCodec,
        matches: MatchRepository,
        lease: timedelta = DEFAULT_LEASE,
        retention: timedelta = DEFAULT_RETENTION,
    ) -> None:
        self._table = gateway
        self._keys = gateway.keys
        self._cursors = cursors
        self._matches = matches
        self._claims = SendClaims(lease=Lease(gateway=gateway, states=SEND_STATES, duration=lease))
        self._retention = retention

    def _claim_key(self, match_id: str, user_id: str, channel: str) -> Key:
        parse_match_id(match_id)
        return self._keys.notification_claim(match_id, user_id, _channel(channel).value)

    async def claim(self, *, match_id: str, user_id: str, channel: str, owner: str) -> bool:
        """True when `owner` may send now: no claim yet, released, or the holder's lease ran out.

        False when the send is recorded as sent or another holder's claim is still live.
        """
        return await self._claims.claim(
            self._claim_key(match_id, user_id, channel),
            owner=owner,
            fields={"match_id": match_id, "user_id": user_id, "channel": channel, "type": "claim"},
        )

    async def renew(self, *, match_id: str, user_id: str, channel: str, owner: str) -> bool:
        return await self._claims.renew(self._claim_key(match_id, user_id, channel), owner=owner)

    async def release(self, *, match_id: str, user_id: str, channel: str, owner: str) -> None:
        """Gives a claim back after a failed attempt; a sent record is never released."""
        await self._claims.release(self._claim_key(match_id, user_id, channel), owner=owner)

    async def mark_sent(self, *, match_id: str, user_id: str, channel: str, at: datetime) -> None:
        """Makes the claim a permanent record of the send; later claims fail."""
        recorded = await self._claims.mark_sent(
            self._claim_key(match_id, user_id, channel), at=validated_moment(at)
        )
        if not recorded:
            raise NotFound(
                "nothing was claimed for this send", fields=("match_id", "user_id", "channel")
            )

    async def sent_channel(self, *, match_id: str, user_id: str) -> str | None:
        """The channel this member was already told on about this match, if any."""
        partition, prefix = self._keys.notification_claims(match_id, user_id)
        item = await self._claims.sent_on(partition=partition, prefix=prefix)
        return None if item is None else str(item["channel"])

    async def get_claim(
        self, *, match_id: str, user_id: str, channel: str
    ) -> NotificationClaim | None:
        item = await self._table.get(
            self._keys.notification_claim(match_id, user_id, _channel(channel).value)
        )
        return None if item is None else NotificationClaim.from_item(item)

    async def record_attempt(self, *, attempt: AttemptLike) -> None:
        """Appends one attempt to the log; it expires after the retention period."""
        record = validated(
            DeliveryAttempt,
            {
                "match_id": attempt.match_id,
                "user_id": attempt.user_id,
                "channel": attempt.channel,
                "number": attempt.number,
                "outcome": attempt.outcome,
                "at": attempt.at,
                "code": attempt.code,
                "detail": attempt.detail,
            },
        )
        parse_match_id(record.match_id)
        expires_at = int((record.at + self._retention).timestamp())
        await self._table.put(record.to_item(self._keys, expires_at=expires_at))

    async def attempts_for(
        self, *, match_id: str, user_id: str | None = None
    ) -> list[DeliveryAttempt]:
        partition, prefix = self._keys.notification_attempts(match_id, user_id)
        items = await self._table.query_all(
            key_condition="PK = :pk AND begins_with(SK, :prefix)",
            values={":pk": partition, ":prefix": prefix},
        )
        return [DeliveryAttempt.from_item(item) for item in items]

    async def record_outcome(self, *, outcome: OutcomeLike) -> None:
        """Stores how notifying one member ended and marks it on the match.

        `already_handled` never overwrites an earlier `sent`.
        """
        record = validated(
            DeliveryRecord,
            {
                "match_id": outcome.match_id,
                "user_id": outcome.user_id,
                "status": outcome.status,
                "channel": outcome.channel,
                "attempts": len(outcome.attempts),
                "at": outcome.at,
            },
        )
        condition, values = None, None
        if record.status is DeliveryStatus.ALREADY_HANDLED:
            condition = "attribute_not_exists(PK) OR #status <> :sent"
            values = {":sent": DeliveryStatus.SENT.value}
        try:
            await self._table.put(
                record.to_item(self._keys),
                condition=condition,
                names={"#status": "status"} if condition else None,
                values=values,
            )
        except ConditionFailed:
            return
        member_status = {
            DeliveryStatus.SENT: MemberDelivery.SENT,
            DeliveryStatus.UNDELIVERABLE: MemberDelivery.UNDELIVERABLE,
        }.get(record.status)
        if member_status is not None:
            await self._matches.set_delivery(
                match_id=record.match_id, user_id=record.user_id, status=member_status
            )

    async def delivery(self, *, match_id: str, user_id: str) -> DeliveryRecord | None:
        item = await self._table.get(self._keys.delivery_outcome(match_id, user_id))
        return None if item is None else DeliveryRecord.from_item(item)

    async def undeliverable(self, *, limit: int = 50, cursor: str | None = None) -> DeliveryPage:
        """Members who could not be notified on any channel, oldest first (admin view)."""
        items, position = await self._table.query(
            index="GSI1",
            key_condition="GSI1PK = :pk AND begins_with(GSI1SK, :prefix)",
            values={
                ":pk": self._keys.deliveries_index(),
                ":prefix": self._keys.deliveries_with_status(DeliveryStatus.UNDELIVERABLE.value),
            },
            limit=require_limit(limit),
            start=self._cursors.decode(scope=UNDELIVERABLE_SCOPE, cursor=cursor),
        )
        return DeliveryPage(
            items=[DeliveryRecord.from_item(item) for item in items],
            cursor=self._cursors.encode(scope=UNDELIVERABLE_SCOPE, position=position),
        )


def _channel(name: str) -> Channel:
    return validated(_ChannelInput, {"channel": name}).channel


def validated_moment(moment: datetime) -> str:
    return validated(_MomentInput, {"at": moment}).at.isoformat()


class _ChannelInput(BaseModel):
    channel: Channel


class _MomentInput(BaseModel):
    at: UtcDatetime
