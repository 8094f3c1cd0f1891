"""The settings of one deployment that admins change at run time (never secrets)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from croniter import croniter
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from core.constraints import (
    AdminEmails,
    EmailDomains,
    GracePeriodHours,
    GroupSize,
    ReminderDelayDays,
    RepeatWindow,
    StoredTimeZone,
    is_email,
)
from repositories.keys import Keys
from repositories.models.common import UtcDatetime, data_of
from repositories.models.users import Channel

# Channel settings hold addresses and names; secrets belong in the instance's secret store.
SECRET_LOOKING = re.compile(r"(secret|token|password|passwd|api[_-]?key|private)", re.IGNORECASE)
DOMAIN = re.compile(r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
TemplateName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]


class MessageTemplate(BaseModel):
    model_config = ConfigDict(frozen=True)

    subject: str = Field(default="", max_length=200)
    body: str = Field(max_length=10_000)


class ChannelConfig(BaseModel):
    """Whether a channel is offered, with its non-secret settings (sender address, bot name)."""

    model_config = ConfigDict(frozen=True)

    enabled: bool = False
    settings: dict[str, Annotated[str, StringConstraints(max_length=500)]] = Field(
        default_factory=dict, max_length=20
    )

    @field_validator("settings")
    @classmethod
    def _no_secrets(cls, value: dict[str, str]) -> dict[str, str]:
        for name in value:
            if SECRET_LOOKING.search(name):
                raise ValueError(
                    f"setting {name!r} looks like a secret; keep secrets in the instance's "
                    "secret store, not in the deployment configuration"
                )
        return value


class DeploymentConfig(BaseModel):
    """One item per deployment; `version` 0 means nothing has been saved yet."""

    # Code names are the API's; the stored attribute names are kept as aliases.
    model_config = ConfigDict(
        frozen=True, validate_by_name=True, validate_by_alias=True, serialize_by_alias=True
    )

    schedule: str = "0 9 * * MON"
    time_zone: StoredTimeZone = Field(default="UTC", alias="timezone")
    meeting_size: GroupSize = Field(default=2, alias="group_size")
    repeat_window: RepeatWindow = 0
    admin_emails: AdminEmails = Field(default_factory=list)
    allowed_email_domains: EmailDomains = Field(default_factory=list)
    templates: dict[TemplateName, MessageTemplate] = Field(default_factory=dict, max_length=20)
    channels: dict[Channel, ChannelConfig] = Field(
        default_factory=lambda: {Channel.EMAIL: ChannelConfig(enabled=True)}
    )
    reminder_delay_days: ReminderDelayDays = 3
    grace_period_hours: GracePeriodHours = 24
    prefer_cross_team: bool = True
    version: int = 0
    updated_at: UtcDatetime | None = None

    @field_validator("schedule")
    @classmethod
    def _cron(cls, value: str) -> str:
        value = " ".join(value.split())
        if not croniter.is_valid(value):
            raise ValueError(f"{value!r} is not a cron expression (five fields)")
        return value

    @field_validator("admin_emails")
    @classmethod
    def _emails(cls, value: list[str]) -> list[str]:
        cleaned = [email.strip().lower() for email in value]
        for email in cleaned:
            if not is_email(email):
                raise ValueError(f"{email!r} is not an email address")
        return list(dict.fromkeys(cleaned))

    @field_validator("allowed_email_domains")
    @classmethod
    def _domains(cls, value: list[str]) -> list[str]:
        cleaned = [domain.strip().lower().lstrip("@") for domain in value]
        for domain in cleaned:
            if not DOMAIN.fullmatch(domain):
                raise ValueError(f"{domain!r} is not a domain name")
        return list(dict.fromkeys(cleaned))

    def to_item(self, keys: Keys) -> dict[str, Any]:
        pk, sk = keys.config()
        data = self.model_dump(mode="json", exclude_none=True)
        return {"PK": pk, "SK": sk, "type": "config", **data}

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> DeploymentConfig:
        return cls.model_validate(data_of(item))
