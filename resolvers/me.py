"""The signed-in person's own reads and changes: check, call the repositories, map."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import httpx
import strawberry
from strawberry.scalars import JSON

from core.errors import BadUserInput, NotFound, ServiceUnavailable, Unauthenticated
from notifications.channels.slack_app import SlackApi, SlackMember
from notifications.errors import DeliveryError
from notifications.link_codes import slack_fields
from notifications.registry import REGISTRY
from repositories import models
from resolvers.people import GONE, active_user, current_user, me_of
from resolvers.trial_send import send_test_message
from resolvers.validation import (
    JoinCheck,
    NotificationCheck,
    PauseCheck,
    PreferencesCheck,
    ProfileCheck,
    checked,
)
from schema.context import Context
from schema.enums import Channel
from schema.inputs import JoinInput, NotificationSettingsInput, PreferencesInput, ProfileInput
from schema.people import Me
from schema.results import (
    AccountDeleted,
    AlreadyBlocked,
    AlreadyJoined,
    ChannelNotConfigured,
    DataExport,
    Joined,
    NotBlocked,
    PersonBlocked,
    PersonUnblocked,
    TestNotificationFailed,
    TestNotificationSent,
)

# Only the bot's deep link proves a chat is the person's: a typed id could be anyone's chat.
TELEGRAM_LINKED_BY_BOT = (
    "a Telegram chat is linked only through the deployment's bot: ask for a link with"
    " linkTelegram and press Start in the chat it opens"
)


def fields_of(data: object) -> dict[str, Any]:
    return dict(vars(data))


async def me(context: Context) -> Me:
    return me_of(await current_user(context), signed_in_as=context.principal)


async def join(context: Context, *, data: JoinInput) -> Joined | AlreadyJoined:
    check = checked(JoinCheck, fields_of(data))
    user = await active_user(context)
    if user.participation.opted_in:
        return AlreadyJoined(me=me_of(user, signed_in_as=context.principal))
    users = context.services.repositories.users
    preferences = user.preferences.model_copy(update={"time_zone": check.time_zone})
    user = await users.update_preferences(
        user_id=user.id, preferences=preferences, expected_version=user.version
    )
    if check.name is not None:
        profile = user.profile.model_copy(update={"name": check.name})
        user = await users.update_profile(
            user_id=user.id, profile=profile, expected_version=user.version
        )
    return Joined(me=me_of(await users.join(user_id=user.id), signed_in_as=context.principal))


async def update_profile(context: Context, *, data: ProfileInput) -> Me:
    check = checked(ProfileCheck, fields_of(data))
    user = await active_user(context)
    changes = {name: (value or None) for name, value in check.model_dump(exclude_none=True).items()}
    profile = models.validated(models.Profile, {**user.profile.model_dump(), **changes})
    updated = await context.services.repositories.users.update_profile(
        user_id=user.id, profile=profile, expected_version=user.version
    )
    return me_of(updated, signed_in_as=context.principal)


async def update_preferences(context: Context, *, data: PreferencesInput) -> Me:
    # The input's fields are the model's, so the model itself checks them.
    preferences = checked(PreferencesCheck, fields_of(data))
    principal = context.require_principal()
    # One conditional write, no read first: the preferences are replaced whole.
    try:
        updated = await context.services.repositories.users.update_preferences(
            user_id=principal.user_id, preferences=preferences, active_only=True
        )
    except NotFound:
        raise Unauthenticated(GONE) from None
    return me_of(updated, signed_in_as=principal)


async def update_notification_settings(context: Context, *, data: NotificationSettingsInput) -> Me:
    values = fields_of(data)
    values["primary_channel"] = models.Channel(data.primary_channel.value)
    check = checked(NotificationCheck, values)
    user = await active_user(context)
    addresses: dict[str, str | None] = {}
    for entry in REGISTRY.values():
        if entry.address_field is None or entry.linked_by != "form":
            continue
        given = getattr(check, entry.address_field)
        addresses[entry.address_field] = (await entry.validate(given)) if given else None
    # Addresses the deployment's bots linked are kept as they are; the form does not carry them.
    kept = user.notifications.model_dump(
        include={
            "telegram_chat_id",
            "telegram_username",
            "slack_user_id",
            "slack_team_id",
            "slack_name",
        }
    )
    # Accepted only as the chat already linked, for clients that send back what they read.
    if check.telegram_chat_id and check.telegram_chat_id.strip() != kept["telegram_chat_id"]:
        raise BadUserInput(TELEGRAM_LINKED_BY_BOT, fields=("telegramChatId",))
    wants_slack = models.Channel.SLACK in check.enabled()
    if wants_slack and not addresses.get("slack_webhook") and not kept.get("slack_user_id"):
        member = await slack_member_of(context, email=user.profile.email)
        if member is not None:
            kept.update(slack_fields(member))
    settings = models.validated(
        models.NotificationSettings,
        {
            **kept,
            **addresses,
            "enabled_channels": check.enabled(),
            "primary_channel": check.primary_channel,
        },
    )
    updated = await context.services.repositories.users.update_notifications(
        user_id=user.id, settings=settings, expected_version=user.version
    )
    return me_of(updated, signed_in_as=context.principal)


async def slack_member_of(context: Context, *, email: str) -> SlackMember | None:
    """The person's Slack member, found by their verified email through the Slack app.

    None without an app (the webhook is then the person's Slack address).
    """
    settings = context.services.settings
    token = settings.slack_bot_token
    if token is None:
        return None
    async with httpx.AsyncClient(timeout=settings.notification_timeout_seconds) as client:
        api = SlackApi(
            client=client, token=token.get_secret_value(), base_url=settings.slack_api_url
        )
        try:
            found = await api.lookup_by_email(email)
        except DeliveryError as error:
            raise ServiceUnavailable(f"Slack could not be asked: {error.message}") from error
    if found is None:
        raise BadUserInput(
            f"Slack has no member with the email {email}; use Connect Slack below to link "
            "your Slack account.",
            fields=("slack",),
        )
    return found


async def send_test_notification(
    context: Context, *, channel: Channel
) -> TestNotificationSent | ChannelNotConfigured | TestNotificationFailed:
    user = await active_user(context)
    config = await context.services.repositories.config.get()
    offered = config.channels.get(models.Channel(channel.value))
    if offered is None or not offered.enabled:
        return ChannelNotConfigured(
            channel=channel, message=f"this deployment does not send on {channel.value}"
        )
    if models.Channel(channel.value) not in user.notifications.enabled_channels:
        return ChannelNotConfigured(
            channel=channel, message=f"{channel.value} is off in your notification settings"
        )
    outcome = await send_test_message(
        context, user_id=user.id, channel=models.Channel(channel.value)
    )
    if outcome["status"] == "sent":
        return TestNotificationSent(channel=channel)
    if outcome["status"] == "not_configured":
        return ChannelNotConfigured(channel=channel, message=outcome["message"])
    return TestNotificationFailed(channel=channel, message=outcome["message"])


async def pause(context: Context, *, until: date | None) -> Me:
    today = datetime.now(UTC).date()
    check = checked(PauseCheck, {"until": until, "today": today})
    user = await active_user(context)
    paused = await context.services.repositories.users.pause(user_id=user.id, until=check.until)
    return me_of(paused, signed_in_as=context.principal)


async def resume(context: Context) -> Me:
    user = await active_user(context)
    return me_of(
        await context.services.repositories.users.resume(user_id=user.id),
        signed_in_as=context.principal,
    )


async def block_person(context: Context, *, user_id: str) -> PersonBlocked | AlreadyBlocked:
    user = await active_user(context)
    if user_id == user.id:
        raise BadUserInput("you cannot block yourself", fields=("userId",))
    other = await context.loaders.users.load(user_id)
    if other is None:
        raise NotFound("no such person", fields=("userId",))
    blocks = context.services.repositories.blocks
    if any(block.blocked_id == user_id for block in await blocks.list_for(user_id=user.id)):
        return AlreadyBlocked(user_id=strawberry.ID(user_id))
    await blocks.block(user_id=user.id, blocked_id=user_id)
    return PersonBlocked(user_id=strawberry.ID(user_id))


async def unblock_person(context: Context, *, user_id: str) -> PersonUnblocked | NotBlocked:
    user = await active_user(context)
    blocks = context.services.repositories.blocks
    if not any(block.blocked_id == user_id for block in await blocks.list_for(user_id=user.id)):
        return NotBlocked(user_id=strawberry.ID(user_id))
    await blocks.unblock(user_id=user.id, blocked_id=user_id)
    return PersonUnblocked(user_id=strawberry.ID(user_id))


async def export_my_data(context: Context) -> DataExport:
    user = await current_user(context)
    data = await context.services.repositories.personal_data.export(user_id=user.id)
    return DataExport(generated_at=datetime.now(UTC), data=JSON(data))


async def delete_my_account(context: Context, *, confirm_email: str) -> AccountDeleted:
    user = await current_user(context)
    if confirm_email.strip().lower() != user.profile.email.strip().lower():
        raise BadUserInput(
            "type the email address of your account to confirm", fields=("confirmEmail",)
        )
    await context.services.repositories.personal_data.delete(user_id=user.id)
    return AccountDeleted(user_id=strawberry.ID(user.id))
