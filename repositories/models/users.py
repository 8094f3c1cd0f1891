"""A person of the deployment: profile, preferences, notification settings and participation."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.constraints import AVAILABILITY_SLOT as AVAILABILITY_SLOT
from core.constraints import (
    Availability,
    Bio,
    MeetingLengthMinutes,
    Pronouns,
    ShortText,
    StoredTimeZone,
    Topics,
)
from core.constraints import check_known_zone as check_known_zone
from core.constraints import is_email as is_email
from core.enums import Channel as Channel
from core.enums import ParticipationStatus as ParticipationStatus
from core.enums import Role as Role
from repositories.keys import Keys
from repositories.models.common import UtcDatetime, data_of

# Indefinite pauses sort after every dated one.
PAUSED_FOREVER = "9999-12-31"
# Slack's own limit on display names.
SLACK_NAME_CHARS = 80


# The field of NotificationSettings that keeps each channel's address (email's is the
# profile's); the channel registry in notifications/ reads it from here. A person may turn a
# channel on only with its address. Slack's is the member id the Slack app linked
# (`slack_user_id`) or, without an app, the person's own webhook.
ADDRESS_FIELDS: dict[Channel, str] = {
    Channel.SLACK: "slack_webhook",
    Channel.TELEGRAM: "telegram_chat_id",
    Channel.SIGNAL: "signal_number",
}


class Identity(BaseModel):
    """An account at an OpenID Connect issuer that signs in as this person."""

    model_config = ConfigDict(frozen=True)

    issuer: str = Field(min_length=1, max_length=500)
    subject: str = Field(min_length=1, max_length=500)


class Profile(BaseModel):
    """What colleagues see of a person."""

    model_config = ConfigDict(frozen=True)

    name: ShortText
    email: str = Field(max_length=254)
    display_name: ShortText | None = None
    team: ShortText | None = None
    title: ShortText | None = None
    pronouns: Pronouns | None = None
    bio: Bio | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        value = value.strip()
        if not is_email(value):
            raise ValueError("not an email address")
        return value


class Preferences(BaseModel):
    """When and about what a person likes to meet; slots are in the person's own time zone."""

    # Code names are the API's; the stored attribute names are kept as aliases.
    model_config = ConfigDict(
        frozen=True, validate_by_name=True, validate_by_alias=True, serialize_by_alias=True
    )

    availability: Availability = Field(default_factory=list)
    topics: Topics = Field(default_factory=list)
    meeting_length: MeetingLengthMinutes = Field(default=30, alias="meeting_length_minutes")
    time_zone: StoredTimeZone = Field(default="UTC", alias="timezone")


class NotificationSettings(BaseModel):
    """Where a person wants to hear about matches; each enabled channel needs its address."""

    model_config = ConfigDict(frozen=True)

    enabled_channels: list[Channel] = Field(default_factory=lambda: [Channel.EMAIL])
    primary_channel: Channel = Channel.EMAIL
    slack_webhook: str | None = Field(
        default=None, max_length=500, pattern=r"^https://hooks\.slack\.com/\S+$"
    )
    telegram_chat_id: str | None = Field(default=None, pattern=r"^(-?\d{1,20}|@\w{5,32})$")
    signal_number: str | None = Field(default=None, pattern=r"^\+[1-9]\d{6,14}$")
    # The person's Slack member id, kept when the Slack app links them (by verified email or
    # with its one-time code).
    slack_user_id: str | None = Field(default=None, pattern=r"^[UW][A-Z0-9]{2,20}$")
    # The member's workspace and the name Slack shows for them, kept with the id so partners
    # get a contact line that opens a direct message. People linked before these were kept
    # have the id alone until Slack next tells us of them (a link, a command, a button press).
    slack_team_id: str | None = Field(default=None, pattern=r"^[TE][A-Z0-9]{2,20}$")
    slack_name: str | None = Field(default=None, min_length=1, max_length=SLACK_NAME_CHARS)
    # The person's Telegram user name, kept when the bot links them, shown to their partners.
    telegram_username: str | None = Field(default=None, pattern=r"^\w{4,32}$")

    def address(self, channel: Channel) -> str | None:
        """Where this person is reached on a channel that keeps an address in these settings."""
        if channel is Channel.SLACK and self.slack_user_id:
            return self.slack_user_id
        field = ADDRESS_FIELDS.get(channel)
        return None if field is None else getattr(self, field)

    @model_validator(mode="after")
    def _addresses_for_enabled_channels(self) -> NotificationSettings:
        if self.primary_channel not in self.enabled_channels:
            raise ValueError("the primary channel must be one of the enabled channels")
        for channel in self.enabled_channels:
            if channel in ADDRESS_FIELDS and self.address(channel) is None:
                raise ValueError(f"the {channel.value} channel is enabled without its address")
        return self


class Participation(BaseModel):
    """Whether a person takes part in rounds; an admin's deactivation overrides the rest."""

    model_config = ConfigDict(frozen=True)

    opted_in: bool = False
    joined_at: UtcDatetime | None = None
    paused: bool = False
    paused_until: date | None = None
    deactivated: bool = False

    def status_on(self, day: date) -> ParticipationStatus:
        """The status on `day`: `paused_until` is the last paused day."""
        stored = self.stored_status()
        pause_over = self.paused_until is not None and self.paused_until < day
        if stored is ParticipationStatus.PAUSED and pause_over:
            return ParticipationStatus.ACTIVE
        return stored

    def stored_status(self) -> ParticipationStatus:
        if self.deactivated:
            return ParticipationStatus.DEACTIVATED
        if not self.opted_in:
            return ParticipationStatus.NOT_JOINED
        if self.paused:
            return ParticipationStatus.PAUSED
        return ParticipationStatus.ACTIVE

    def index_sort_key(self, user_id: str) -> str:
        """GSI1 sort key: status first, so a status is one key range (pauses by end date)."""
        status = self.stored_status()
        if status is ParticipationStatus.PAUSED:
            until = PAUSED_FOREVER if self.paused_until is None else self.paused_until.isoformat()
            return Keys.paused_user_status(until, user_id)
        return Keys.user_status(status.value, user_id)


class User(BaseModel):
    """A registered person; `version` grows with every change, for optimistic concurrency."""

    model_config = ConfigDict(frozen=True)

    id: str
    profile: Profile
    preferences: Preferences = Field(default_factory=Preferences)
    notifications: NotificationSettings = Field(default_factory=NotificationSettings)
    participation: Participation = Field(default_factory=Participation)
    role: Role = Role.MEMBER
    identities: list[Identity] = Field(default_factory=list)
    version: int = 1
    created_at: UtcDatetime
    updated_at: UtcDatetime

    def status_on(self, day: date) -> ParticipationStatus:
        return self.participation.status_on(day)

    def to_item(self, keys: Keys) -> dict[str, Any]:
        pk, sk = keys.profile(self.id)
        return {
            "PK": pk,
            "SK": sk,
            "GSI1PK": keys.users_index(),
            "GSI1SK": self.participation.index_sort_key(self.id),
            "type": "user",
            **self.model_dump(mode="json", exclude_none=True),
        }

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> User:
        return cls.model_validate(data_of(item))


class PersonCard(BaseModel):
    """What a person's colleagues see of them, read with a projection of the user item."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    display_name: str | None = None
    email: str
    team: str | None = None
    time_zone: str = "UTC"
    topics: list[str] = Field(default_factory=list)

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> PersonCard:
        profile = item.get("profile", {})
        preferences = item.get("preferences", {})
        return cls(
            id=item["id"],
            name=profile["name"],
            display_name=profile.get("display_name"),
            email=profile["email"],
            team=profile.get("team"),
            time_zone=preferences.get("timezone", "UTC"),
            topics=list(preferences.get("topics", [])),
        )

    @classmethod
    def of(cls, user: User) -> PersonCard:
        return cls(
            id=user.id,
            name=user.profile.name,
            display_name=user.profile.display_name,
            email=user.profile.email,
            team=user.profile.team,
            time_zone=user.preferences.time_zone,
            topics=list(user.preferences.topics),
        )


# The attributes of a user item a PersonCard reads, every name a placeholder since DynamoDB
# reserves many words ("name", "timezone").
CARD_PROJECTION = "#id, #p.#name, #p.#display, #p.#email, #p.#team, #r.#zone, #r.#topics"
CARD_NAMES = {
    "#id": "id",
    "#p": "profile",
    "#name": "name",
    "#display": "display_name",
    "#email": "email",
    "#team": "team",
    "#r": "preferences",
    "#zone": "timezone",
    "#topics": "topics",
}
