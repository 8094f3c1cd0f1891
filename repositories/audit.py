"""Audit events: who did what, when, to what; kept a year, holding no raw PII."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from core.errors import BadUserInput
from core.ids import new_id
from repositories.cursor import CursorCodec
from repositories.gateway import TableGateway
from repositories.keys import Keys
from repositories.models.common import Page, UtcDatetime, data_of, require_limit, utc_iso

RETENTION = timedelta(days=400)
AUDIT_SCOPE = "audit"
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


class AuditAction(StrEnum):
    CROSS_DEPLOYMENT = "cross_deployment_access"
    REFRESH_REUSE = "refresh_reuse"
    SIGN_IN = "sign_in"
    SIGN_IN_REFUSED = "sign_in_refused"
    LOGOUT = "logout"
    CONFIG_UPDATED = "deployment_config_updated"
    ROUND_RUN_REQUESTED = "round_run_requested"
    ROUND_PREVIEWED = "round_previewed"
    PERSON_DEACTIVATED = "person_deactivated"
    PERSON_REACTIVATED = "person_reactivated"
    PERSON_PAUSED = "person_paused"
    PERSON_RESUMED = "person_resumed"
    ADMIN_GRANTED = "admin_granted"
    ADMIN_REVOKED = "admin_revoked"
    ADMIN_CALL_REFUSED = "admin_call_refused"
    NOTIFICATION_RESENT = "notification_resent"


class AuditEvent(BaseModel):
    """One event. `actor` is a user id of this deployment or a digest, never an email or name."""

    model_config = ConfigDict(frozen=True)

    event_id: str = Field(default_factory=new_id)
    at: UtcDatetime
    action: AuditAction
    actor: str
    deployment_id: str
    # The deployment a refused token or request was meant for, when it is not this one.
    target_deployment: str | None = None
    # What an admin acted on: a user id, a round slot, or "config".
    target: str | None = None
    detail: dict[str, str] = Field(default_factory=dict)

    def to_item(self, keys: Keys) -> dict[str, Any]:
        pk, sk = keys.audit(month_of(self.at), utc_iso(self.at), self.event_id)
        return {
            "PK": pk,
            "SK": sk,
            "type": "audit",
            **self.model_dump(mode="json", exclude_none=True),
            "at": utc_iso(self.at),
            "expires_at": int((self.at + RETENTION).timestamp()),
        }

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> AuditEvent:
        data = data_of(item)
        data.pop("type", None)
        data.pop("expires_at", None)
        return cls.model_validate(data)


AuditPage = Page[AuditEvent]


def month_of(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m")


def month_start(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def month_before(month: datetime) -> datetime:
    if month.month == 1:
        return month.replace(year=month.year - 1, month=12)
    return month.replace(month=month.month - 1)


class AuditRepository:
    """Appends and lists the audit events of one deployment."""

    def __init__(self, *, gateway: TableGateway) -> None:
        self._table = gateway
        self._keys = gateway.keys

    async def record(self, event: AuditEvent) -> None:
        if event.deployment_id != self._keys.deployment_id:
            raise ValueError("an audit event is recorded by the deployment it happened in")
        await self._table.put(event.to_item(self._keys), condition="attribute_not_exists(PK)")

    async def month(self, *, moment: datetime, limit: int = 100) -> list[AuditEvent]:
        """Events of the calendar month (UTC) of `moment`, newest first."""
        pk, _ = self._keys.audit(month_of(moment), "", "")
        items, _ = await self._table.query(
            key_condition="PK = :pk",
            values={":pk": pk},
            newest_first=True,
            limit=limit,
        )
        return [AuditEvent.from_item(item) for item in items]


class AuditLog:
    """Reads the audit events of one deployment a page at a time, newest first, across months.

    Events live in one partition per month; a page continues into older months until it is
    full or the retention is reached, and its cursor names the last event it returned.
    """

    def __init__(self, *, gateway: TableGateway, cursors: CursorCodec) -> None:
        self._table = gateway
        self._keys = gateway.keys
        self._cursors = cursors

    async def page(self, *, limit: int, cursor: str | None = None) -> AuditPage:
        limit = require_limit(limit)
        now = self._table.now()
        oldest = month_start(now - RETENTION)
        position = self._cursors.decode(scope=AUDIT_SCOPE, cursor=cursor)
        month = month_start(now) if position is None else self._month_at(position)
        events: list[AuditEvent] = []
        while month >= oldest:
            pk, _ = self._keys.audit(month_of(month), "", "")
            items, position = await self._table.query(
                key_condition="PK = :pk",
                values={":pk": pk},
                newest_first=True,
                limit=limit - len(events),
                start=position,
            )
            events.extend(AuditEvent.from_item(item) for item in items)
            if len(events) == limit:
                last = items[-1] if items else None
                if position is None and last is not None:
                    position = {"PK": last["PK"], "SK": last["SK"]}
                return AuditPage(
                    items=events,
                    cursor=self._cursors.encode(scope=AUDIT_SCOPE, position=position),
                )
            month, position = month_before(month), None
        return AuditPage(items=events, cursor=None)

    def _month_at(self, position: dict[str, Any]) -> datetime:
        """The month a cursor's position lies in; the codec already checked it is ours."""
        prefix, _ = self._keys.audit("", "", "")
        month = str(position.get("PK", "")).removeprefix(prefix)
        if not MONTH.fullmatch(month) or set(position) != {"PK", "SK"}:
            raise BadUserInput("the cursor is not valid for this list", fields=("cursor",))
        return datetime.strptime(month, "%Y-%m").replace(tzinfo=UTC)
