"""What a signed-in person reads and changes about themself."""

from __future__ import annotations

from datetime import date

import strawberry

from resolvers import me as ops
from schema.context import Context
from schema.enums import Channel
from schema.fields import field, mutation
from schema.inputs import JoinInput, NotificationSettingsInput, PreferencesInput, ProfileInput
from schema.people import Me
from schema.rate_limit import TEST_MESSAGES, limited
from schema.results import (
    AccountDeleted,
    BlockResult,
    DataExport,
    JoinResult,
    TestNotificationResult,
    UnblockResult,
)

Info = strawberry.Info[Context, None]


@strawberry.type
class MeQuery:
    @field(description="The signed-in person.")
    async def me(self, info: Info) -> Me:
        return await ops.me(info.context)


@strawberry.type
class MeMutation:
    @mutation(
        extensions=limited(), description="Accept the invitation and take part from the next round."
    )
    async def join(self, info: Info, input: JoinInput) -> JoinResult:
        return await ops.join(info.context, data=input)

    @mutation(extensions=limited())
    async def update_profile(self, info: Info, input: ProfileInput) -> Me:
        return await ops.update_profile(info.context, data=input)

    @mutation(extensions=limited())
    async def update_preferences(self, info: Info, input: PreferencesInput) -> Me:
        return await ops.update_preferences(info.context, data=input)

    @mutation(extensions=limited())
    async def update_notification_settings(
        self, info: Info, input: NotificationSettingsInput
    ) -> Me:
        return await ops.update_notification_settings(info.context, data=input)

    @mutation(
        extensions=limited(TEST_MESSAGES), description="Send a test message on one of my channels."
    )
    async def send_test_notification(self, info: Info, channel: Channel) -> TestNotificationResult:
        return await ops.send_test_notification(info.context, channel=channel)

    @mutation(extensions=limited(), description="Stop taking part until resumed, or up to `until`.")
    async def pause(self, info: Info, until: date | None = None) -> Me:
        return await ops.pause(info.context, until=until)

    @mutation(extensions=limited())
    async def resume(self, info: Info) -> Me:
        return await ops.resume(info.context)

    @mutation(extensions=limited(), description="Never be matched with this person again.")
    async def block_person(self, info: Info, user_id: strawberry.ID) -> BlockResult:
        return await ops.block_person(info.context, user_id=str(user_id))

    @mutation(extensions=limited())
    async def unblock_person(self, info: Info, user_id: strawberry.ID) -> UnblockResult:
        return await ops.unblock_person(info.context, user_id=str(user_id))

    @mutation(
        extensions=limited(), description="Everything the deployment holds about me, as JSON."
    )
    async def export_my_data(self, info: Info) -> DataExport:
        return await ops.export_my_data(info.context)

    @mutation(
        extensions=limited(),
        description="Delete my account and my data; `confirmEmail` must be mine.",
    )
    async def delete_my_account(self, info: Info, confirm_email: str) -> AccountDeleted:
        return await ops.delete_my_account(info.context, confirm_email=confirm_email)
