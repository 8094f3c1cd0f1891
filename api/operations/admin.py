"""Admins: the people of the deployment, its figures, its audit log and its admins."""

from __future__ import annotations

from datetime import date

import strawberry

from resolvers import admin as ops
from resolvers import admin_participation, audit
from schema.admin import AuditPage, Stats
from schema.context import Context
from schema.enums import ParticipationStatus
from schema.fields import field, mutation
from schema.people import User, UserPage
from schema.rate_limit import limited

Info = strawberry.Info[Context, None]


@strawberry.type
class AdminQuery:
    @field(description="Admins: people of the deployment, optionally of one status.")
    async def users(
        self,
        info: Info,
        status: ParticipationStatus | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> UserPage:
        return await ops.users(info.context, status=status, first=first, after=after)

    @field(description="Admins: figures of the deployment.")
    async def stats(self, info: Info) -> Stats:
        return await ops.stats(info.context)

    @field(description="Admins: what changed, newest first.")
    async def audit_log(self, info: Info, first: int = 20, after: str | None = None) -> AuditPage:
        return await audit.audit_log(info.context, first=first, after=after)


@strawberry.type
class AdminMutation:
    @mutation(
        extensions=limited(), description="Admins: stop matching a person and refuse their sign-in."
    )
    async def deactivate_person(self, info: Info, user_id: strawberry.ID) -> User:
        return await ops.deactivate_person(info.context, user_id=str(user_id))

    @mutation(extensions=limited(), description="Admins: let a deactivated person take part again.")
    async def reactivate_person(self, info: Info, user_id: strawberry.ID) -> User:
        return await ops.reactivate_person(info.context, user_id=str(user_id))

    @mutation(
        extensions=limited(),
        description="Admins: pause a person who takes part, until resumed or through `until` "
        "(their last paused day); CONFLICT for people deactivated or not joined.",
    )
    async def pause_person(
        self, info: Info, user_id: strawberry.ID, until: date | None = None
    ) -> User:
        return await admin_participation.pause_person(
            info.context, user_id=str(user_id), until=until
        )

    @mutation(extensions=limited(), description="Admins: let a paused person take part again.")
    async def resume_person(self, info: Info, user_id: strawberry.ID) -> User:
        return await admin_participation.resume_person(info.context, user_id=str(user_id))

    @mutation(extensions=limited(), description="Admins: give a person the admin role.")
    async def grant_admin(self, info: Info, user_id: strawberry.ID) -> User:
        return await ops.grant_admin(info.context, user_id=str(user_id))

    @mutation(
        extensions=limited(),
        description="Admins: take the admin role from a person; refused for the last admin "
        "(CONFLICT). Admins by email address stay admins.",
    )
    async def revoke_admin(self, info: Info, user_id: strawberry.ID) -> User:
        return await ops.revoke_admin(info.context, user_id=str(user_id))
