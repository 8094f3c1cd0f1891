"""Who is asking, as a stored person, and how a person is shown to them."""

from __future__ import annotations

import strawberry

from auth.principal import Principal
from core.errors import Forbidden, Unauthenticated
from repositories import models
from repositories.users import DEACTIVATED
from schema.context import Context
from schema.enums import Channel, ParticipationStatus, Role
from schema.people import (
    Me,
    NotificationSettings,
    Participation,
    Person,
    Preferences,
    Profile,
    User,
    people,
)

GONE = "this account no longer exists; sign in again"


async def current_user(context: Context) -> models.User:
    principal = context.require_principal()
    user = await context.loaders.users.load(principal.user_id)
    if user is None:
        raise Unauthenticated(GONE)
    return user


async def active_user(context: Context) -> models.User:
    """The signed-in person, refused when an admin has deactivated them."""
    user = await current_user(context)
    if user.participation.deactivated:
        raise Forbidden(DEACTIVATED)
    return user


async def blocked_people(context: Context, user_id: str) -> list[Person]:
    """The people `user_id` blocked, leaving out accounts deleted since."""
    blocks = await context.repositories.blocks.list_for(user_id=user_id)
    return await people(context, [block.blocked_id for block in blocks])


def me_of(user: models.User, *, signed_in_as: Principal | None = None) -> Me:
    """The person's own view; their role is the one they signed in with (admin emails count)."""
    profile = user.profile
    notifications = user.notifications
    enabled = set(notifications.enabled_channels)
    participation = user.participation
    role = Role(user.role.value)
    if signed_in_as is not None and signed_in_as.is_admin:
        role = Role.ADMIN
    return Me(
        id=strawberry.ID(user.id),
        role=role,
        profile=Profile(
            name=profile.name,
            email=profile.email,
            display_name=profile.display_name,
            team=profile.team,
            title=profile.title,
            pronouns=profile.pronouns,
            bio=profile.bio,
        ),
        preferences=Preferences(
            availability=list(user.preferences.availability),
            topics=list(user.preferences.topics),
            meeting_length=user.preferences.meeting_length_minutes,
            time_zone=user.preferences.timezone,
        ),
        notification_settings=NotificationSettings(
            email=models.Channel.EMAIL in enabled,
            slack=models.Channel.SLACK in enabled,
            slack_webhook=notifications.slack_webhook,
            telegram=models.Channel.TELEGRAM in enabled,
            telegram_chat_id=notifications.telegram_chat_id,
            signal=models.Channel.SIGNAL in enabled,
            signal_number=notifications.signal_number,
            primary_channel=Channel(notifications.primary_channel.value),
        ),
        participation=Participation(
            status=ParticipationStatus(participation.stored_status().value),
            paused_until=participation.paused_until,
        ),
        blocked_people=blocked_people,
    )


def user_of(user: models.User) -> User:
    return User(
        id=strawberry.ID(user.id),
        name=user.profile.name,
        email=user.profile.email,
        role=Role(user.role.value),
        status=ParticipationStatus(user.participation.stored_status().value),
        paused_until=user.participation.paused_until,
        created_at=user.created_at,
    )
