"""Who is asking, as a stored person, and how a person is shown to them."""

from __future__ import annotations

import strawberry

from auth.principal import Principal
from core.errors import Forbidden, Unauthenticated
from repositories import models
from repositories.users import DEACTIVATED
from schema.context import Context
from schema.enums import Channel, Role
from schema.people import (
    Me,
    NotificationSettings,
    Participation,
    Person,
    Preferences,
    Profile,
    User,
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
    blocks = await context.services.repositories.blocks.list_for(user_id=user_id)
    return await people(context, [block.blocked_id for block in blocks])


def me_of(user: models.User, *, signed_in_as: Principal | None = None) -> Me:
    """The person's own view; their role is the one they signed in with (admin emails count)."""
    profile = user.profile
    notifications = user.notifications
    enabled = set(notifications.enabled_channels)
    participation = user.participation
    role = user.role
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
        # Field for field: the type's names are the model's.
        preferences=Preferences(**user.preferences.model_dump(by_alias=False)),
        notification_settings=NotificationSettings(
            email=models.Channel.EMAIL in enabled,
            slack=models.Channel.SLACK in enabled,
            slack_webhook=notifications.slack_webhook,
            slack_name=notifications.slack_name,
            slack_linked=notifications.slack_user_id is not None,
            telegram=models.Channel.TELEGRAM in enabled,
            telegram_chat_id=notifications.telegram_chat_id,
            signal=models.Channel.SIGNAL in enabled,
            signal_number=notifications.signal_number,
            primary_channel=Channel(notifications.primary_channel.value),
        ),
        participation=Participation(
            status=participation.stored_status(),
            paused_until=participation.paused_until,
        ),
        blocked_people=blocked_people,
    )


async def people(context: Context, user_ids: list[str]) -> list[Person]:
    """The people of `user_ids`, in order, leaving out accounts deleted since."""
    cards = await context.loaders.cards.load_many(user_ids)
    return [person_of(card) for card in cards if card is not None]


def person_of(card: models.PersonCard) -> Person:
    return Person(
        id=strawberry.ID(card.id),
        name=card.display_name or card.name,
        email=card.email,
        time_zone=card.time_zone,
        team=card.team,
        topics=list(card.topics),
    )


def user_of(user: models.User, *, admin_emails: frozenset[str] = frozenset()) -> User:
    """`admin_emails` (lower case) are admins by configuration, whatever role is stored."""
    by_email = user.profile.email.lower() in admin_emails
    return User(
        id=strawberry.ID(user.id),
        name=user.profile.name,
        email=user.profile.email,
        role=Role.ADMIN if by_email else user.role,
        status=user.participation.stored_status(),
        paused_until=user.participation.paused_until,
        created_at=user.created_at,
    )
