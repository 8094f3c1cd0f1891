"""People: registration with unique identity and email, versioned updates, participation."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from core.errors import AlreadyExists, Conflict, Forbidden, NotFound
from core.ids import new_id
from repositories.cursor import CursorCodec
from repositories.gateway import ConditionFailed, TableGateway, TransactionCancelled
from repositories.models.common import Page, require_limit
from repositories.models.users import (
    CARD_NAMES,
    CARD_PROJECTION,
    PAUSED_FOREVER,
    Identity,
    NotificationSettings,
    Participation,
    ParticipationStatus,
    PersonCard,
    Preferences,
    Profile,
    Role,
    User,
)

USERS_SCOPE = "users"
PARTICIPATION_ATTEMPTS = 5
DEACTIVATED = "this account is deactivated; ask an admin of the deployment"
UserPage = Page[User]


class UserRepository:
    """Reads and writes people of one deployment."""

    def __init__(self, *, gateway: TableGateway, cursors: CursorCodec) -> None:
        self._table = gateway
        self._keys = gateway.keys
        self._cursors = cursors

    async def register(
        self, *, identity: Identity, profile: Profile, role: Role = Role.MEMBER
    ) -> User:
        """Creates a person who has not yet joined the rounds; identity and email stay unique."""
        now = self._table.now()
        user = User(
            id=new_id(),
            profile=profile,
            role=role,
            identities=[identity],
            created_at=now,
            updated_at=now,
        )
        identity_pk, identity_sk = self._keys.identity(identity.issuer, identity.subject)
        email_pk, email_sk = self._keys.email(profile.email)
        absent = "attribute_not_exists(PK)"
        try:
            await self._table.transact(
                [
                    self._table.put_action(
                        {
                            "PK": identity_pk,
                            "SK": identity_sk,
                            "type": "identity",
                            "user_id": user.id,
                        },
                        condition=absent,
                    ),
                    self._table.put_action(
                        {"PK": email_pk, "SK": email_sk, "type": "email", "user_id": user.id},
                        condition=absent,
                    ),
                    self._table.put_action(user.to_item(self._keys), condition=absent),
                ]
            )
        except TransactionCancelled as cancelled:
            if cancelled.failed_at(0):
                raise AlreadyExists(
                    "this sign-in already belongs to a registered person", fields=("identity",)
                ) from None
            if cancelled.failed_at(1):
                raise AlreadyExists(
                    "a person with this email address is already registered", fields=("email",)
                ) from None
            raise
        return user

    async def get(self, *, user_id: str) -> User | None:
        item = await self._table.get(self._keys.profile(user_id))
        return None if item is None else User.from_item(item)

    async def require(self, *, user_id: str) -> User:
        user = await self.get(user_id=user_id)
        if user is None:
            raise NotFound("no such person", fields=("user_id",))
        return user

    async def get_many(self, *, user_ids: list[str]) -> list[User | None]:
        """People in the order asked (None for unknown ids); for DataLoaders."""
        items = await self._table.batch_get([self._keys.profile(uid) for uid in user_ids])
        return [None if item is None else User.from_item(item) for item in items]

    async def cards(self, *, user_ids: list[str]) -> list[PersonCard | None]:
        """What colleagues see of these people, in the order asked (None for unknown ids); a
        projection reads a fraction of each user item."""
        items = await self._table.batch_get(
            [self._keys.profile(uid) for uid in user_ids],
            projection=CARD_PROJECTION,
            names=CARD_NAMES,
        )
        return [None if item is None else PersonCard.from_item(item) for item in items]

    async def get_by_identity(self, *, issuer: str, subject: str) -> User | None:
        link = await self._table.get(self._keys.identity(issuer, subject))
        return None if link is None else await self.get(user_id=link["user_id"])

    async def get_by_email(self, *, email: str) -> User | None:
        link = await self._table.get(self._keys.email(email))
        return None if link is None else await self.get(user_id=link["user_id"])

    async def update_profile(
        self, *, user_id: str, profile: Profile, expected_version: int
    ) -> User:
        current = await self.require(user_id=user_id)
        old, new = current.profile.email, profile.email
        if old.strip().lower() == new.strip().lower():
            return await self._set(user_id, {"profile": profile}, expected_version)
        return await self._change_email(current, profile, expected_version)

    async def update_preferences(
        self,
        *,
        user_id: str,
        preferences: Preferences,
        expected_version: int | None = None,
        active_only: bool = False,
    ) -> User:
        """Replaces the preferences in one write; `active_only` refuses a deactivated person
        (FORBIDDEN) without reading first."""
        return await self._set(
            user_id, {"preferences": preferences}, expected_version, active_only=active_only
        )

    async def update_notifications(
        self, *, user_id: str, settings: NotificationSettings, expected_version: int
    ) -> User:
        return await self._set(user_id, {"notifications": settings}, expected_version)

    async def join(self, *, user_id: str) -> User:
        """Opts in to the rounds (kept apart from signing in); ALREADY_EXISTS if already in."""
        current = await self.require(user_id=user_id)
        if current.participation.opted_in:
            raise AlreadyExists("this person has already joined", fields=("user_id",))
        return await self._participation(
            user_id, opted_in=True, joined_at=self._table.now(), paused=False, paused_until=None
        )

    async def leave(self, *, user_id: str) -> User:
        return await self._participation(user_id, opted_in=False, paused=False, paused_until=None)

    async def pause(self, *, user_id: str, until: date | None = None) -> User:
        """Pauses until resumed, or through `until` (the last paused day)."""
        return await self._participation(user_id, paused=True, paused_until=until)

    async def resume(self, *, user_id: str) -> User:
        return await self._participation(user_id, paused=False, paused_until=None)

    async def deactivate(self, *, user_id: str) -> User:
        return await self._participation(user_id, deactivated=True)

    async def reactivate(self, *, user_id: str) -> User:
        return await self._participation(user_id, deactivated=False)

    async def set_role(self, *, user_id: str, role: Role) -> User:
        return await self._set(user_id, {"role": role}, None)

    async def list_users(
        self,
        *,
        status: ParticipationStatus | None = None,
        limit: int = 50,
        cursor: str | None = None,
    ) -> UserPage:
        """Admin listing, ordered by status then id, optionally of one stored status."""
        scope = f"{USERS_SCOPE}:{status.value if status else '*'}"
        prefix = self._keys.user_status_prefix(status.value if status else None)
        items, position = await self._table.query(
            index="GSI1",
            key_condition="GSI1PK = :pk AND begins_with(GSI1SK, :prefix)",
            values={":pk": self._keys.users_index(), ":prefix": prefix},
            limit=require_limit(limit),
            start=self._cursors.decode(scope=scope, cursor=cursor),
        )
        return UserPage(
            items=[User.from_item(item) for item in items],
            cursor=self._cursors.encode(scope=scope, position=position),
        )

    async def participants(self, *, on: date) -> list[User]:
        """Everyone taking part in a round on `on`: active, or with a pause that ended before."""
        active = await self._table.query_all(
            index="GSI1",
            key_condition="GSI1PK = :pk AND begins_with(GSI1SK, :prefix)",
            values={
                ":pk": self._keys.users_index(),
                ":prefix": self._keys.user_status_prefix(ParticipationStatus.ACTIVE.value),
            },
        )
        return [User.from_item(item) for item in active + await self._ended_pauses(on)]

    async def resume_ended_pauses(self, *, on: date) -> int:
        """Turns pauses that ended by `on` back into active participation; returns how many."""
        resumed = 0
        for item in await self._ended_pauses(on):
            try:
                await self._participation(
                    item["id"], paused=False, paused_until=None, only_if_version=item["version"]
                )
                resumed += 1
            except Conflict:
                continue  # changed meanwhile by its owner; their choice stands
        return resumed

    async def _ended_pauses(self, on: date) -> list[dict[str, Any]]:
        # A dated pause's sort key holds its last day, so ended pauses are one key range;
        # indefinite pauses sort after every real date.
        last_paused = (on - timedelta(days=1)).isoformat()
        if last_paused >= PAUSED_FOREVER:
            return []
        low, high = self._keys.pauses_ended_range(last_paused)
        return await self._table.query_all(
            index="GSI1",
            key_condition="GSI1PK = :pk AND GSI1SK BETWEEN :low AND :high",
            values={":pk": self._keys.users_index(), ":low": low, ":high": high},
        )

    async def _participation(
        self, user_id: str, *, only_if_version: int | None = None, **changes: Any
    ) -> User:
        # A participation change is a command, not an edit of a form: it applies to whatever
        # the latest version is, re-reading when another change slipped in between.
        for _ in range(PARTICIPATION_ATTEMPTS):
            current = await self.require(user_id=user_id)
            participation = Participation.model_validate(
                {**current.participation.model_dump(), **changes}
            )
            try:
                return await self._set(
                    user_id,
                    {"participation": participation},
                    only_if_version or current.version,
                    index_key=participation.index_sort_key(user_id),
                )
            except Conflict:
                if only_if_version is not None:
                    raise
        raise Conflict("this person keeps changing; try again", fields=("user_id",))

    async def _set(
        self,
        user_id: str,
        fields: Mapping[str, Any],
        expected_version: int | None,
        *,
        index_key: str | None = None,
        active_only: bool = False,
    ) -> User:
        update, names, values = self._set_expression(fields, index_key=index_key)
        condition = "attribute_exists(PK)"
        if expected_version is not None:
            condition += " AND #version = :expected"
            values[":expected"] = expected_version
        if active_only:
            names.update({"#participation": "participation", "#deactivated": "deactivated"})
            values[":deactivated"] = True
            condition += (
                " AND (attribute_not_exists(#participation.#deactivated)"
                " OR #participation.#deactivated <> :deactivated)"
            )
        try:
            item = await self._table.update(
                self._keys.profile(user_id),
                update=update,
                condition=condition,
                names=names,
                values=values,
            )
        except ConditionFailed:
            raise await self._why_refused(user_id, expected_version, active_only) from None
        return User.from_item(item)

    def _set_expression(
        self, fields: Mapping[str, Any], *, index_key: str | None
    ) -> tuple[str, dict[str, str], dict[str, Any]]:
        names = {"#version": "version", "#updated_at": "updated_at"}
        values: dict[str, Any] = {":one": 1, ":now": self._table.now().isoformat()}
        assignments = ["#version = #version + :one", "#updated_at = :now"]
        for position, (name, value) in enumerate(fields.items()):
            names[f"#f{position}"] = name
            values[f":f{position}"] = (
                value.model_dump(mode="json", exclude_none=True)
                if hasattr(value, "model_dump")
                else getattr(value, "value", value)
            )
            assignments.append(f"#f{position} = :f{position}")
        if index_key is not None:
            values[":index_key"] = index_key
            assignments.append("GSI1SK = :index_key")
        return "SET " + ", ".join(assignments), names, values

    async def _why_refused(
        self, user_id: str, expected_version: int | None, active_only: bool = False
    ) -> Exception:
        current = await self.get(user_id=user_id)
        if current is None:
            return NotFound("no such person", fields=("user_id",))
        if active_only and current.participation.deactivated:
            return Forbidden(DEACTIVATED)
        return Conflict(
            f"this person was changed meanwhile (version {current.version}, "
            f"expected {expected_version}); reload and try again",
            fields=("expected_version",),
        )

    async def _change_email(self, current: User, profile: Profile, expected_version: int) -> User:
        update, names, values = self._set_expression({"profile": profile}, index_key=None)
        values[":expected"] = expected_version
        old_pk, old_sk = self._keys.email(current.profile.email)
        new_pk, new_sk = self._keys.email(profile.email)
        try:
            await self._table.transact(
                [
                    self._table.update_action(
                        self._keys.profile(current.id),
                        update=update,
                        condition="attribute_exists(PK) AND #version = :expected",
                        names=names,
                        values=values,
                    ),
                    self._table.put_action(
                        {"PK": new_pk, "SK": new_sk, "type": "email", "user_id": current.id},
                        condition="attribute_not_exists(PK)",
                    ),
                    self._table.delete_action(
                        (old_pk, old_sk), condition="user_id = :me", values={":me": current.id}
                    ),
                ]
            )
        except TransactionCancelled as cancelled:
            if cancelled.failed_at(1):
                raise AlreadyExists(
                    "a person with this email address is already registered", fields=("email",)
                ) from None
            if cancelled.failed_at(0) or cancelled.failed_at(2):
                raise await self._why_refused(current.id, expected_version) from None
            raise
        return await self.require(user_id=current.id)
