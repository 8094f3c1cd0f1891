"""Audit events: who did what, when, to which deployment; kept a year, holding no raw PII."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import uuid4

from pydantic import BaseModel, ConfigDict, Field

from repositories.gateway import TableGateway
from repositories.keys import Keys
from repositories.models.common import UtcDatetime, data_of, utc_iso

RETENTION = timedelta(days=400)


class AuditAction(StrEnum):
    CROSS_DEPLOYMENT = "cross_deployment_access"
    REFRESH_REUSE = "refresh_reuse"
    SIGN_IN = "sign_in"
    SIGN_IN_REFUSED = "sign_in_refused"
    LOGOUT = "logout"


class AuditEvent(BaseModel):
    """One event. `actor` is a user id of this deployment or a digest, never an email or name."""

    model_config = ConfigDict(frozen=True)

    event_id: str = Field(default_factory=lambda: uuid4().hex)
    at: UtcDatetime
    action: AuditAction
    actor: str
    deployment_id: str
    # The deployment a refused token or request was meant for, when it is not this one.
    target_deployment: str | None = None
    detail: dict[str, str] = Field(default_factory=dict)

    def to_item(self, keys: Keys) -> dict[str, Any]:
        pk, sk = keys.audit(self.at.strftime("%Y-%m"), utc_iso(self.at), self.event_id)
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
        pk, _ = self._keys.audit(moment.astimezone(UTC).strftime("%Y-%m"), "", "")
        items, _ = await self._table.query(
            key_condition="PK = :pk",
            values={":pk": pk},
            newest_first=True,
            limit=limit,
        )
        return [AuditEvent.from_item(item) for item in items]
