"""Types describing a person: profile, preferences, notification settings, participation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime

import strawberry

from schema.context import Context
from schema.enums import Channel, ParticipationStatus, Role
from schema.fields import field


@strawberry.type(description="How a person presents themself to the people they meet.")
class Profile:
    name: str
    email: str
    display_name: str | None
    team: str | None
    title: str | None
    pronouns: str | None
    bio: str | None


@strawberry.type(description="What a person wants from their coffee chats.")
class Preferences:
    availability: list[str] = strawberry.field(
        description="Weekly one-hour slots in the person's own time zone, `ddd-HH` (mon-09); "
        "empty means any time."
    )
    topics: list[str]
    meeting_length: int = strawberry.field(description="Minutes, 15 to 120.")
    time_zone: str = strawberry.field(description="IANA time zone of the availability slots.")


@strawberry.type(description="The channels a person is told about new matches on.")
class NotificationSettings:
    email: bool
    slack: bool
    slack_webhook: str | None
    slack_name: str | None = strawberry.field(
        description="My Slack name where the deployment's Slack app linked my account; null "
        "when not linked (or linked before names were kept)."
    )
    slack_linked: bool = strawberry.field(
        description="Whether the deployment's Slack app has linked my Slack account."
    )
    telegram: bool
    telegram_chat_id: str | None
    signal: bool
    signal_number: str | None
    primary_channel: Channel


@strawberry.type(description="Whether and until when a person takes part.")
class Participation:
    status: ParticipationStatus
    paused_until: date | None = strawberry.field(
        description="Last paused day; participation resumes the day after. Null: paused until "
        "resumed, or not paused."
    )


@strawberry.type(description="Another person, as far as the people matched with them may see.")
class Person:
    id: strawberry.ID
    name: str
    email: str
    time_zone: str
    team: str | None
    topics: list[str]


BlockedPeople = Callable[[Context, str], Awaitable[list[Person]]]


@strawberry.type(description="The signed-in person.")
class Me:
    id: strawberry.ID
    role: Role
    profile: Profile
    preferences: Preferences
    notification_settings: NotificationSettings
    participation: Participation
    # How the people this person blocked are found; the resolver building `Me` provides it.
    blocked_people: strawberry.Private[BlockedPeople]

    @field(description="People never to be matched with me.")
    async def blocked(self, info: strawberry.Info[Context, None]) -> list[Person]:
        return await self.blocked_people(info.context, str(self.id))


@strawberry.type(description="A person of the deployment as admins see them.")
class User:
    id: strawberry.ID
    name: str
    email: str
    role: Role
    status: ParticipationStatus
    paused_until: date | None
    created_at: datetime


@strawberry.type(description="One page of people; pass `nextCursor` as `after` for the next.")
class UserPage:
    items: list[User]
    next_cursor: str | None
