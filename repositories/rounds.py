"""Matching rounds: a conditional claim per slot and idempotent, transactional group writes."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import Any

from core.errors import BadUserInput, Conflict, NotFound
from repositories.cursor import CursorCodec
from repositories.gateway import (
    ConditionFailed,
    TableGateway,
    TransactionCancelled,
)
from repositories.leases import DEFAULT_LEASE, Lease, LeaseStates
from repositories.models.common import Page, require_limit
from repositories.models.matches import Match, MemberDelivery, match_id_of
from repositories.models.rounds import (
    MatchRound,
    PlannedGroup,
    RoundGroups,
    RoundQuality,
    RoundStatus,
    require_slot,
    slot_date,
)

ROUNDS_SCOPE = "rounds"
Progress = Callable[[int, int], Awaitable[None]]
_LIVE = (RoundStatus.CLAIMED.value, RoundStatus.RUNNING.value)
ROUND_STATES = LeaseStates(attribute="status", taken=RoundStatus.CLAIMED.value, live=_LIVE)
RoundPage = Page[MatchRound]


def plan_digest(groups: list[PlannedGroup]) -> str:
    """Fingerprint of a round's groups: a rerun with the same plan continues where it stopped."""
    canonical = json.dumps(
        [group.model_dump(mode="json") for group in groups], separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


class RoundRepository:
    def __init__(
        self, *, gateway: TableGateway, cursors: CursorCodec, lease: timedelta = DEFAULT_LEASE
    ) -> None:
        self._table = gateway
        self._keys = gateway.keys
        self._cursors = cursors
        self._lease = Lease(gateway=gateway, states=ROUND_STATES, duration=lease)

    async def claim(
        self,
        *,
        slot: str,
        owner: str,
        seed: int,
        retry_failed: bool = False,
    ) -> MatchRound | None:
        """Takes the round of `slot` for `owner`; None when another run holds or finished it.

        A claim can be taken over when its lease ran out (its holder died), and the same owner
        may claim again (a retried job). The first claim's seed is kept, so a rerun forms the
        same groups. The lease is short: hold it with `kept` while working.
        """
        require_slot(slot)
        key = self._keys.round(slot)
        # A takeover (another holder's live claim) is counted apart from a job's own retries,
        # so a round its workers keep dying on can be told from one waiting out an outage.
        # Read first: a race only miscounts by one, the claim itself stays conditional.
        held = await self._table.get(key)
        taking_over = (
            held is not None
            and held.get("status") in _LIVE
            and held.get("owner") not in (None, owner)
        )
        counted = ", takeovers = if_not_exists(takeovers, :zero) + :one" if taking_over else ""
        item = await self._lease.take(
            key,
            owner=owner,
            set_also=(
                "seed = if_not_exists(seed, :seed), "
                "attempts = if_not_exists(attempts, :zero) + :one, slot = :slot, "
                "#type = :type, GSI1PK = :index, GSI1SK = :slot" + counted + " REMOVE #error"
            ),
            names={"#type": "type", "#error": "error"},
            values={
                ":seed": seed,
                ":zero": 0,
                ":one": 1,
                ":slot": slot,
                ":type": "round",
                ":index": self._keys.rounds_index(),
            },
            reopen=(RoundStatus.FAILED.value,) if retry_failed else (),
        )
        return None if item is None else MatchRound.from_item(item)

    def kept(self, *, slot: str, owner: str) -> contextlib.AbstractAsyncContextManager[None]:
        """Renews the round's lease while its holder works on it."""
        return self._lease.kept(self._keys.round(require_slot(slot)), owner=owner)

    async def abandoned(self, *, limit: int = 10) -> list[MatchRound]:
        """Recent rounds still claimed or running whose holder stopped renewing its lease."""
        now = self._table.now()
        page = await self.list_rounds(limit=limit)
        return [
            found for found in page.items if found.status.value in _LIVE and found.lease_until < now
        ]

    async def get(self, *, slot: str) -> MatchRound | None:
        item = await self._table.get(self._keys.round(require_slot(slot)))
        return None if item is None else MatchRound.from_item(item)

    async def list_rounds(self, *, limit: int = 20, cursor: str | None = None) -> RoundPage:
        """Rounds, newest slot first."""
        items, position = await self._table.query(
            index="GSI1",
            key_condition="GSI1PK = :pk",
            values={":pk": self._keys.rounds_index()},
            newest_first=True,
            limit=require_limit(limit),
            start=self._cursors.decode(scope=ROUNDS_SCOPE, cursor=cursor),
        )
        return RoundPage(
            items=[MatchRound.from_item(item) for item in items],
            cursor=self._cursors.encode(scope=ROUNDS_SCOPE, position=position),
        )

    async def latest_completed(self) -> MatchRound | None:
        async for page in self._table.query_pages(
            index="GSI1",
            key_condition="GSI1PK = :pk",
            values={":pk": self._keys.rounds_index()},
            newest_first=True,
            limit=20,
        ):
            for item in page:
                if item.get("status") == RoundStatus.COMPLETED.value:
                    return MatchRound.from_item(item)
        return None

    async def write_groups(
        self,
        *,
        slot: str,
        owner: str,
        groups: list[PlannedGroup],
        input_size: int,
        scheduled_date: date | None = None,
        on_progress: Progress | None = None,
    ) -> int:
        """Writes the round's groups and each member's history item; safe to run again.

        Groups go out in transactions of at most 100 actions, each group together with its
        members' history items, so a crash leaves whole groups only. A rerun with the same
        plan writes just the missing groups; a rerun with another plan (the participants
        changed meanwhile) first removes what the earlier run wrote. `scheduled_date`
        defaults to the slot's date. Calls `on_progress(written, total)` after each
        transaction. Returns the group count.
        """
        require_slot(slot)
        largest = max((len(group.members) for group in groups), default=0)
        if largest + 2 > self._table.transaction_limit:
            raise BadUserInput(
                f"a group of {largest} does not fit one transaction of "
                f"{self._table.transaction_limit} actions",
                fields=("groups",),
            )
        digest = plan_digest(groups)
        pairs = sum(len(g.members) * (len(g.members) - 1) // 2 for g in groups)
        await self._start(slot, owner, digest, len(groups), pairs, input_size)
        meeting_date = scheduled_date or slot_date(slot)
        written = await self._written_indexes(slot)
        now = self._table.now()
        pending = [
            self._match(slot, index, group, now, meeting_date)
            for index, group in enumerate(groups)
            if index not in written
        ]
        done = len(groups) - len(pending)
        for batch in _batches(pending, limit=self._table.transaction_limit):
            await self._write_batch(slot, owner, digest, batch)
            done += len(batch)
            if on_progress is not None:
                await on_progress(done, len(groups))
        return len(groups)

    async def complete(self, *, slot: str, owner: str, quality: RoundQuality) -> MatchRound:
        """Marks the round completed once every planned group is stored."""
        current = await self._require_held(slot, owner)
        written = len(await self._written_indexes(slot))
        if current.group_count is None or written != current.group_count:
            raise Conflict(
                f"the round has {written} of {current.group_count} groups stored; "
                "write its groups before completing it",
                fields=("slot",),
            )
        return await self._finish(
            slot, owner, RoundStatus.COMPLETED, {"quality": quality.model_dump(mode="json")}
        )

    async def fail(self, *, slot: str, owner: str, error: str) -> MatchRound:
        return await self._finish(slot, owner, RoundStatus.FAILED, {"error": error[:2000]})

    async def skip(self, *, slot: str, owner: str, reason: str) -> MatchRound:
        """Ends a claimed round without groups (too few participants, paused deployment...)."""
        return await self._finish(slot, owner, RoundStatus.SKIPPED, {"error": reason[:2000]})

    async def recent_groups(self, *, rounds: int) -> list[RoundGroups]:
        """Groups of the last `rounds` completed rounds (0: all), oldest round first."""
        completed: list[str] = []
        async for page in self._table.query_pages(
            index="GSI1",
            key_condition="GSI1PK = :pk",
            values={":pk": self._keys.rounds_index()},
            newest_first=True,
        ):
            completed += [
                item["slot"] for item in page if item.get("status") == RoundStatus.COMPLETED.value
            ]
            if rounds and len(completed) >= rounds:
                break
        chosen = completed[:rounds] if rounds else completed
        history = []
        for slot in reversed(chosen):
            items = await self._group_items(slot, projection="participants")
            history.append(RoundGroups(slot=slot, groups=[item["participants"] for item in items]))
        return history

    async def groups_of(self, *, slot: str) -> list[Match]:
        return [Match.from_item(item) for item in await self._group_items(require_slot(slot))]

    async def _start(
        self,
        slot: str,
        owner: str,
        digest: str,
        group_count: int,
        pair_count: int,
        input_size: int,
    ) -> None:
        names = {"#status": "status", "#owner": "owner"}
        values: dict[str, Any] = {
            ":owner": owner,
            ":claimed": _LIVE[0],
            ":running": _LIVE[1],
            ":digest": digest,
            ":count": group_count,
            ":pairs": pair_count,
            ":size": input_size,
        }
        update = (
            "SET #status = :running, plan_digest = :digest, group_count = :count, "
            "pair_count = :pairs, input_size = :size"
        )
        held = "#owner = :owner AND #status IN (:claimed, :running)"
        same_plan = "(attribute_not_exists(plan_digest) OR plan_digest = :digest)"
        try:
            await self._table.update(
                self._keys.round(slot),
                update=update,
                names=names,
                values=values,
                condition=f"{held} AND {same_plan}",
            )
            return
        except ConditionFailed:
            await self._require_held(slot, owner)
        # Held by us, but an earlier run planned other groups: remove them, then restart.
        await self._remove_groups(slot)
        try:
            await self._table.update(
                self._keys.round(slot),
                update=update,
                names=names,
                values=values,
                condition=held,
            )
        except ConditionFailed:
            await self._require_held(slot, owner)
            raise

    async def _require_held(self, slot: str, owner: str) -> MatchRound:
        current = await self.get(slot=slot)
        if current is None:
            raise NotFound(f"no round for slot {slot}", fields=("slot",))
        if current.owner != owner or current.status.value not in _LIVE:
            raise Conflict(
                f"the round of {slot} is {current.status.value} and held by another run",
                fields=("slot",),
            )
        return current

    async def _written_indexes(self, slot: str) -> set[int]:
        items = await self._group_items(slot, projection="SK")
        return {self._keys.group_index(item["SK"]) for item in items}

    async def _group_items(self, slot: str, *, projection: str | None = None) -> list[Any]:
        pk, prefix = self._keys.round_groups(slot)
        return await self._table.query_all(
            key_condition="PK = :pk AND begins_with(SK, :prefix)",
            values={":pk": pk, ":prefix": prefix},
            projection=projection,
        )

    def _match(
        self, slot: str, index: int, group: PlannedGroup, now: datetime, meeting_date: date
    ) -> Match:
        return Match(
            id=match_id_of(slot, index),
            slot=slot,
            index=index,
            participants=group.members,
            scheduled_date=meeting_date,
            suggested_start=group.suggested_start,
            suggested_end=group.suggested_end,
            deliveries={member: MemberDelivery.PENDING for member in group.members},
            created_at=now,
        )

    async def _write_batch(self, slot: str, owner: str, digest: str, batch: list[Match]) -> None:
        # The fence makes a run that lost its claim (lease taken over) unable to write.
        actions = [
            self._table.check_action(
                self._keys.round(slot),
                condition="#owner = :owner AND plan_digest = :digest",
                names={"#owner": "owner"},
                values={":owner": owner, ":digest": digest},
            )
        ]
        for match in batch:
            actions.append(
                self._table.put_action(
                    match.to_item(self._keys), condition="attribute_not_exists(PK)"
                )
            )
            entry = match.history_entry()
            actions += [
                self._table.put_action(entry.to_item(self._keys, user_id=member))
                for member in match.participants
            ]
        try:
            await self._table.transact(actions)
        except TransactionCancelled as cancelled:
            if cancelled.failed_at(0):
                await self._require_held(slot, owner)
                raise Conflict(
                    "the round's plan changed under this run", fields=("slot",)
                ) from None
            raise

    async def _remove_groups(self, slot: str) -> None:
        for match in await self.groups_of(slot=slot):
            await self._table.transact(
                [
                    self._table.delete_action(self._keys.group(slot, match.index)),
                    *(
                        self._table.delete_action(self._keys.membership(member, slot, match.id))
                        for member in match.participants
                    ),
                ]
            )

    async def _finish(
        self, slot: str, owner: str, status: RoundStatus, fields: dict[str, Any]
    ) -> MatchRound:
        names = {"#status": "status", "#owner": "owner"}
        values: dict[str, Any] = {
            ":owner": owner,
            ":claimed": _LIVE[0],
            ":running": _LIVE[1],
            ":status": status.value,
            ":now": self._table.now().isoformat(),
        }
        assignments = ["#status = :status", "finished_at = :now"]
        for position, (name, value) in enumerate(fields.items()):
            names[f"#f{position}"] = name
            values[f":f{position}"] = value
            assignments.append(f"#f{position} = :f{position}")
        try:
            item = await self._table.update(
                self._keys.round(require_slot(slot)),
                update="SET " + ", ".join(assignments),
                condition="#owner = :owner AND #status IN (:claimed, :running)",
                names=names,
                values=values,
            )
        except ConditionFailed:
            await self._require_held(slot, owner)
            raise
        return MatchRound.from_item(item)


def _batches(matches: list[Match], *, limit: int) -> list[list[Match]]:
    """Packs whole groups into transactions of at most `limit` actions (one is the fence)."""
    batches: list[list[Match]] = []
    current: list[Match] = []
    size = 1
    for match in matches:
        needed = 1 + len(match.participants)
        if current and size + needed > limit:
            batches.append(current)
            current, size = [], 1
        current.append(match)
        size += needed
    if current:
        batches.append(current)
    return batches
