"""Refresh tokens: stored only as hashes, grouped in families, rotated on every use."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, NoReturn

from pydantic import BaseModel, ConfigDict

from core.errors import Conflict, Unauthenticated
from core.ids import new_id
from repositories.gateway import ConditionFailed, TableGateway, TransactionCancelled
from repositories.keys import Keys
from repositories.models.common import UtcDatetime, data_of, utc_iso

# A session lives at most this long, however often it is refreshed; idle sessions end sooner.
SESSION_LIFETIME = timedelta(days=30)
IDLE_LIFETIME = timedelta(days=14)
# Two tabs refreshing at once present the same token; the slower one is told to retry rather
# than being taken for a thief. Outside this window a used token means theft.
REUSE_GRACE = timedelta(seconds=10)
# Records stay a little past their end so reuse of an expired token is still recognised.
RETENTION_AFTER_END = timedelta(days=1)
TOKEN_BYTES = 32


class FamilyStatus(StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"


class TokenStatus(StrEnum):
    CURRENT = "current"
    USED = "used"


class RefreshRejected(Unauthenticated):
    """The refresh token cannot start a new access token; the person signs in again."""


class RefreshReused(RefreshRejected):
    """An already used token came back: its whole family is now revoked."""


class RefreshRace(Conflict):
    """The same token was just rotated by a concurrent request; retry with the new cookie."""


def hash_token(token: str) -> str:
    # The token holds 256 random bits, so a plain hash cannot be reversed or guessed.
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class TokenFamily(BaseModel):
    """One sign-in: every refresh token rotated from it shares the family id."""

    model_config = ConfigDict(frozen=True)

    family_id: str
    user_id: str
    status: FamilyStatus = FamilyStatus.ACTIVE
    created_at: UtcDatetime
    ends_at: UtcDatetime
    revoked_at: UtcDatetime | None = None
    revoked_reason: str | None = None
    # A digest of the email the provider verified at sign-in, for admin-by-configuration.
    verified_email_digest: str | None = None

    def is_active(self, now: datetime) -> bool:
        return self.status is FamilyStatus.ACTIVE and now < self.ends_at

    def to_item(self, keys: Keys) -> dict[str, Any]:
        pk, sk = keys.token_family(self.family_id)
        return {
            "PK": pk,
            "SK": sk,
            "type": "token_family",
            **self.model_dump(mode="json", exclude_none=True),
            "created_at": utc_iso(self.created_at),
            "ends_at": utc_iso(self.ends_at),
            "expires_at": _epoch(self.ends_at + RETENTION_AFTER_END),
        }

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> TokenFamily:
        data = data_of(item)
        data.pop("type", None)
        data.pop("expires_at", None)
        return cls.model_validate(data)


class RefreshRecord(BaseModel):
    """What is stored of one refresh token: never the token, only its hash."""

    model_config = ConfigDict(frozen=True)

    token_hash: str
    family_id: str
    user_id: str
    status: TokenStatus = TokenStatus.CURRENT
    issued_at: UtcDatetime
    valid_until: UtcDatetime
    used_at: UtcDatetime | None = None

    def to_item(self, keys: Keys) -> dict[str, Any]:
        pk, sk = keys.refresh_token(self.token_hash)
        return {
            "PK": pk,
            "SK": sk,
            "type": "refresh_token",
            **self.model_dump(mode="json", exclude_none=True),
            "issued_at": utc_iso(self.issued_at),
            "valid_until": utc_iso(self.valid_until),
            "expires_at": _epoch(self.valid_until + RETENTION_AFTER_END),
        }

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> RefreshRecord:
        data = data_of(item)
        data.pop("type", None)
        data.pop("expires_at", None)
        return cls.model_validate(data)


class IssuedRefresh(BaseModel):
    """A fresh refresh token (shown once, to its owner) and the sign-in it belongs to."""

    model_config = ConfigDict(frozen=True)

    token: str
    family: TokenFamily
    valid_until: UtcDatetime


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


class RefreshTokenRepository:
    """Sign-ins of one deployment and their rotating refresh tokens."""

    def __init__(self, *, gateway: TableGateway, reuse_grace: timedelta = REUSE_GRACE) -> None:
        self._table = gateway
        self._keys = gateway.keys
        self._grace = reuse_grace

    async def start(
        self,
        *,
        user_id: str,
        verified_email_digest: str | None = None,
        now: datetime | None = None,
    ) -> IssuedRefresh:
        """Opens a new sign-in with its first refresh token."""
        moment = now or self._table.now()
        family = TokenFamily(
            family_id=new_id(),
            user_id=user_id,
            created_at=moment,
            ends_at=moment + SESSION_LIFETIME,
            verified_email_digest=verified_email_digest,
        )
        token, record = self._record(family, moment)
        absent = "attribute_not_exists(PK)"
        await self._table.transact(
            [
                self._table.put_action(family.to_item(self._keys), condition=absent),
                self._table.put_action(record.to_item(self._keys), condition=absent),
            ]
        )
        return IssuedRefresh(token=token, family=family, valid_until=record.valid_until)

    async def rotate(
        self,
        *,
        token: str,
        now: datetime | None = None,
        admit: Callable[[str], Awaitable[None]] | None = None,
    ) -> IssuedRefresh:
        """Spends `token` and returns its successor; a spent token revokes its family.

        `admit(user_id)` runs before anything is written and may refuse the rotation by
        raising (a person's rate limit); the token then stays as it was.
        """
        moment = now or self._table.now()
        record = await self._require_record(token)
        if record.status is TokenStatus.USED:
            await self._on_reuse(record, moment)
        if moment >= record.valid_until:
            raise RefreshRejected("the session has expired; sign in again")
        if admit is not None:
            await admit(record.user_id)
        family = await self.family(family_id=record.family_id)
        if family is None or not family.is_active(moment):
            raise RefreshRejected("the session has ended; sign in again")
        successor, successor_record = self._record(family, moment)
        try:
            await self._table.transact(
                [
                    self._table.update_action(
                        self._keys.refresh_token(record.token_hash),
                        update="SET #status = :used, used_at = :now",
                        condition="#status = :current",
                        names={"#status": "status"},
                        values={
                            ":used": TokenStatus.USED.value,
                            ":current": TokenStatus.CURRENT.value,
                            ":now": utc_iso(moment),
                        },
                    ),
                    self._table.put_action(
                        successor_record.to_item(self._keys), condition="attribute_not_exists(PK)"
                    ),
                    self._table.check_action(
                        self._keys.token_family(family.family_id),
                        condition="#status = :active AND ends_at > :now",
                        names={"#status": "status"},
                        values={":active": FamilyStatus.ACTIVE.value, ":now": utc_iso(moment)},
                    ),
                ]
            )
        except TransactionCancelled as cancelled:
            if cancelled.failed_at(0):
                # Another request spent the token between our read and our write.
                await self._on_reuse(await self._require_record(token), moment)
            if cancelled.failed_at(2):
                raise RefreshRejected("the session has ended; sign in again") from None
            raise
        return IssuedRefresh(
            token=successor, family=family, valid_until=successor_record.valid_until
        )

    async def revoke_token_family(
        self, *, token: str, reason: str, now: datetime | None = None
    ) -> TokenFamily | None:
        """Ends the sign-in `token` belongs to (logout); None if the token is unknown."""
        family_id = await self.family_id_of(token=token)
        if family_id is None:
            return None
        return await self.revoke_family(family_id=family_id, reason=reason, now=now)

    async def family_id_of(self, *, token: str) -> str | None:
        """The sign-in `token` belongs to; None if the token is unknown."""
        item = await self._table.get(self._keys.refresh_token(hash_token(token)))
        return None if item is None else RefreshRecord.from_item(item).family_id

    async def revoke_family(
        self, *, family_id: str, reason: str, now: datetime | None = None
    ) -> TokenFamily | None:
        """Revokes a sign-in; revoking twice keeps the first reason."""
        moment = now or self._table.now()
        try:
            item = await self._table.update(
                self._keys.token_family(family_id),
                update="SET #status = :revoked, revoked_at = if_not_exists(revoked_at, :now), "
                "revoked_reason = if_not_exists(revoked_reason, :reason)",
                condition="attribute_exists(PK)",
                names={"#status": "status"},
                values={
                    ":revoked": FamilyStatus.REVOKED.value,
                    ":now": utc_iso(moment),
                    ":reason": reason,
                },
            )
        except ConditionFailed:
            return None
        return TokenFamily.from_item(item)

    async def family(self, *, family_id: str) -> TokenFamily | None:
        item = await self._table.get(self._keys.token_family(family_id))
        return None if item is None else TokenFamily.from_item(item)

    async def _require_record(self, token: str) -> RefreshRecord:
        item = await self._table.get(self._keys.refresh_token(hash_token(token)))
        if item is None:
            raise RefreshRejected("the refresh token is not known; sign in again")
        return RefreshRecord.from_item(item)

    async def _on_reuse(self, record: RefreshRecord, moment: datetime) -> NoReturn:
        used_at = record.used_at or moment
        if moment - used_at < self._grace:
            raise RefreshRace("this session was refreshed by another request a moment ago; retry")
        await self.revoke_family(family_id=record.family_id, reason="reuse", now=moment)
        raise RefreshReused(
            "a refresh token was used twice, so this session was ended; sign in again"
        )

    def _record(self, family: TokenFamily, moment: datetime) -> tuple[str, RefreshRecord]:
        token = new_token()
        record = RefreshRecord(
            token_hash=hash_token(token),
            family_id=family.family_id,
            user_id=family.user_id,
            issued_at=moment,
            valid_until=min(moment + IDLE_LIFETIME, family.ends_at),
        )
        return token, record
