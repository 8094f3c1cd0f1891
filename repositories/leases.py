"""Short leases on table items, renewed while their holder lives: the one claim protocol.

A claim item holds a state attribute, an `owner` and a `lease_until`. Taking, renewing,
releasing and finishing are each one conditional write, so two holders never both
believe they hold it. A holder that dies stops renewing, and its claim can be taken over
once the lease ran out: seconds, not minutes. Rounds, notification sends and reminder
messages all claim through this module.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from core.errors import ServiceUnavailable
from repositories.gateway import ConditionFailed, Key, TableGateway
from repositories.models.common import utc_iso
from repositories.models.outbox import ClaimState

log = logging.getLogger(__name__)

# Long enough for one send or one transaction of a round; a dead holder is replaced this soon.
DEFAULT_LEASE = timedelta(seconds=30)


@dataclass(frozen=True)
class LeaseStates:
    """Which values of the item's state attribute mean what, for one kind of claim."""

    attribute: str
    taken: str
    live: Sequence[str]
    # States a new holder may take at any time (a released send, a failed round on request).
    open: Sequence[str] = ()


SEND_STATES = LeaseStates(
    attribute="state",
    taken=ClaimState.CLAIMED.value,
    live=(ClaimState.CLAIMED.value,),
    open=(ClaimState.RELEASED.value,),
)


@dataclass(frozen=True)
class Lease:
    """Conditional writes for the claims of one kind, over the table's gateway."""

    gateway: TableGateway
    states: LeaseStates
    duration: timedelta = DEFAULT_LEASE

    def _names(self) -> dict[str, str]:
        return {"#state": self.states.attribute, "#owner": "owner"}

    def _live_values(self) -> dict[str, Any]:
        return {f":live{n}": value for n, value in enumerate(self.states.live)}

    def _live_in(self) -> str:
        return "#state IN (" + ", ".join(self._live_values()) + ")"

    async def take(
        self,
        key: Key,
        *,
        owner: str,
        set_also: str = "",
        values: Mapping[str, Any] | None = None,
        names: Mapping[str, str] | None = None,
        reopen: Sequence[str] = (),
        same_owner: bool = True,
    ) -> dict[str, Any] | None:
        """Takes the claim for `owner`; the item as written, or None when another holds or ended it.

        Taken when there is no item, when it is in an open state (or one of `reopen`), or when
        it is live and its lease ran out. With `same_owner`, the holder may take it again (a
        retried job). Claims written before leases carried `lease_until` expire `duration`
        after `claimed_at`.
        """
        now = self.gateway.now()
        all_values: dict[str, Any] = {
            ":taken": self.states.taken,
            ":owner": owner,
            ":now": utc_iso(now),
            ":lease": utc_iso(now + self.duration),
            ":stale": utc_iso(now - self.duration),
            **self._live_values(),
            **(values or {}),
        }
        expired = (
            "(lease_until < :now OR (attribute_not_exists(lease_until) AND claimed_at < :stale))"
        )
        holder = f"(#owner = :owner OR {expired})" if same_owner else expired
        condition = f"attribute_not_exists(PK) OR ({self._live_in()} AND {holder})"
        for n, state in enumerate((*self.states.open, *reopen)):
            all_values[f":open{n}"] = state
            condition += f" OR #state = :open{n}"
        update = "SET #state = :taken, #owner = :owner, claimed_at = :now, lease_until = :lease"
        if set_also:
            update += ", " + set_also
        try:
            return await self.gateway.update(
                key,
                update=update,
                condition=condition,
                names={**self._names(), **(names or {})},
                values=all_values,
            )
        except ConditionFailed:
            return None

    async def renew(self, key: Key, *, owner: str) -> bool:
        """Pushes the lease out again; False when the claim is no longer this owner's."""
        now = self.gateway.now()
        try:
            await self.gateway.update(
                key,
                update="SET lease_until = :lease",
                condition=f"#owner = :owner AND {self._live_in()}",
                names=self._names(),
                values={
                    ":owner": owner,
                    ":lease": utc_iso(now + self.duration),
                    **self._live_values(),
                },
            )
        except ConditionFailed:
            return False
        return True

    async def release(self, key: Key, *, owner: str, state: str) -> bool:
        """Gives the claim back in `state`; False when it was not this owner's any more."""
        try:
            await self.gateway.update(
                key,
                update="SET #state = :state REMOVE lease_until",
                condition=f"#owner = :owner AND {self._live_in()}",
                names=self._names(),
                values={":owner": owner, ":state": state, **self._live_values()},
            )
        except ConditionFailed:
            return False
        return True

    @contextlib.asynccontextmanager
    async def kept(self, key: Key, *, owner: str) -> AsyncIterator[None]:
        """Renews the lease in the background for as long as the block runs."""

        async def beat() -> None:
            interval = self.duration.total_seconds() / 3
            while True:
                await asyncio.sleep(interval)
                try:
                    if not await self.renew(key, owner=owner):
                        log.warning("a lease was lost to another holder", extra={"key": key[0]})
                        return
                except ServiceUnavailable:
                    log.warning("could not renew a lease; trying again", extra={"key": key[0]})

        task = asyncio.create_task(beat())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


@dataclass(frozen=True)
class SendClaims:
    """Claims on sending one message: take, release after a failure, record the send."""

    lease: Lease

    async def claim(self, key: Key, *, owner: str, fields: Mapping[str, Any]) -> bool:
        names = {f"#c{n}": name for n, name in enumerate(fields)}
        values = {f":c{n}": value for n, value in enumerate(fields.values())}
        set_also = ", ".join(f"#c{n} = :c{n}" for n in range(len(fields)))
        set_also = ", ".join(
            filter(None, (set_also, "claims = if_not_exists(claims, :zero) + :one"))
        )
        taken = await self.lease.take(
            key,
            owner=owner,
            set_also=set_also,
            names=names,
            values={**values, ":zero": 0, ":one": 1},
            same_owner=False,
        )
        return taken is not None

    async def release(self, key: Key, *, owner: str) -> None:
        await self.lease.release(key, owner=owner, state=ClaimState.RELEASED.value)

    async def renew(self, key: Key, *, owner: str) -> bool:
        return await self.lease.renew(key, owner=owner)

    async def mark_sent(self, key: Key, *, at: str) -> bool:
        """Records that the message went out; False when nothing was claimed for it.

        The first send's time is kept: marking an already sent claim changes nothing. The
        holder is not checked: the message did go out, whoever holds the claim now.
        """
        try:
            await self.lease.gateway.update(
                key,
                update="SET #state = :sent, sent_at = :at REMOVE lease_until",
                condition="attribute_exists(PK) AND #state <> :sent",
                names={"#state": self.lease.states.attribute},
                values={":sent": ClaimState.SENT.value, ":at": at},
            )
        except ConditionFailed:
            item = await self.lease.gateway.get(key)
            return item is not None
        return True

    async def sent_on(self, *, partition: str, prefix: str) -> dict[str, Any] | None:
        """The first claim under `prefix` that is recorded as sent, if any."""
        items = await self.lease.gateway.query_all(
            key_condition="PK = :pk AND begins_with(SK, :prefix)",
            values={":pk": partition, ":prefix": prefix},
        )
        attribute = self.lease.states.attribute
        return next((item for item in items if item.get(attribute) == ClaimState.SENT.value), None)
