"""Client input checked with pydantic before anything is written; faults name GraphQL fields.

The limits are the shared ones of core.constraints, the same the stored models enforce."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, TypeVar

from croniter import croniter
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel

from config.schedules import fires_yearly
from core.constraints import (
    AdminEmails,
    Bio,
    ClearableShortText,
    EmailDomains,
    FeedbackComment,
    GracePeriodHours,
    GroupSize,
    Pronouns,
    Rating,
    ReminderDelayDays,
    RepeatWindow,
    ShortText,
    TimeZone,
    is_email,
)
from core.errors import BadUserInput
from repositories.models.users import Channel, Preferences

M = TypeVar("M", bound=BaseModel)


def _client_name(location: tuple[int | str, ...]) -> str:
    parts = (to_camel(part) if isinstance(part, str) else str(part) for part in location)
    return ".".join(parts) or "input"


def checked(model: type[M], data: dict[str, Any]) -> M:
    """`model` built from input, or BAD_USER_INPUT naming each field at fault as the client does."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = [
            (_client_name(problem["loc"]), problem["msg"].removeprefix("Value error, "))
            for problem in error.errors(include_url=False)
        ]
        fields = tuple(dict.fromkeys(name for name, _ in problems))
        message = "; ".join(f"{name}: {text}" for name, text in problems)
        raise BadUserInput(message, fields=fields) from None


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PreferencesCheck(Preferences):
    """Preferences as a person gives them: the zone an IANA name, where stored items of earlier
    releases may hold any zone the database knows."""

    time_zone: TimeZone = Field(default="UTC", alias="timezone")


class JoinCheck(_Input):
    time_zone: TimeZone
    name: ShortText | None = None


class ProfileCheck(_Input):
    """Empty strings clear optional fields; None leaves them as they are."""

    name: ShortText | None = None
    display_name: ClearableShortText | None = None
    team: ClearableShortText | None = None
    title: ClearableShortText | None = None
    pronouns: Pronouns | None = None
    bio: Bio | None = None


class NotificationCheck(_Input):
    """Addresses are checked again, more strictly, by the notification address validators."""

    email: bool
    slack: bool
    telegram: bool
    signal: bool
    primary_channel: Channel
    slack_webhook: str | None = Field(default=None, max_length=500)
    telegram_chat_id: str | None = Field(default=None, max_length=40)
    signal_number: str | None = Field(default=None, max_length=40)

    @model_validator(mode="after")
    def _enabled_have_addresses(self) -> NotificationCheck:
        enabled = self.enabled()
        if not enabled:
            raise ValueError("enable at least one channel")
        if self.primary_channel not in enabled:
            raise ValueError("the primary channel must be one of the enabled channels")
        return self

    def enabled(self) -> list[Channel]:
        return [channel for channel in Channel if getattr(self, channel.value)]


class FeedbackCheck(_Input):
    rating: Rating | None = None
    comment: FeedbackComment | None = None


class PauseCheck(_Input):
    # `today` first: the check of `until` reads it, and a fault there names `until`.
    today: date
    until: date | None

    @field_validator("until")
    @classmethod
    def _not_past(cls, until: date | None, info: ValidationInfo) -> date | None:
        today = info.data.get("today")
        if until is not None and today is not None and until < today:
            raise ValueError(f"{until} is in the past")
        return until


class ConfigCheck(_Input):
    schedule: Annotated[str, StringConstraints(max_length=100)] | None = None
    time_zone: TimeZone | None = None
    meeting_size: GroupSize | None = None
    repeat_window: RepeatWindow | None = None
    prefer_cross_team: bool | None = None
    admin_emails: AdminEmails | None = None
    allowed_email_domains: EmailDomains | None = None
    channels: list[Channel] | None = None
    reminder_delay_days: ReminderDelayDays | None = None
    grace_period_hours: GracePeriodHours | None = None

    @field_validator("schedule")
    @classmethod
    def _cron(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = " ".join(value.split())
        if not croniter.is_valid(value) or len(value.split()) != 5:
            raise ValueError(f"{value!r} is not a cron expression (five fields)")
        if not fires_yearly(cron=value, timezone="UTC", now=datetime.now(UTC)):
            raise ValueError(f"{value!r} does not fire at least once a year")
        return value

    @field_validator("admin_emails")
    @classmethod
    def _emails(cls, value: list[str] | None) -> list[str] | None:
        for email in value or []:
            if not is_email(email.strip()):
                raise ValueError(f"{email!r} is not an email address")
        return value

    @field_validator("channels")
    @classmethod
    def _some_channel(cls, value: list[Channel] | None) -> list[Channel] | None:
        if value is not None and not value:
            raise ValueError("offer at least one channel")
        return value
