"""Input types of the mutations; resolvers validate them with pydantic before any write."""

from __future__ import annotations

import strawberry

from schema.enums import Channel, FeedbackOutcome


@strawberry.input(description="What a person confirms when joining the deployment.")
class JoinInput:
    time_zone: str
    name: str | None = None


@strawberry.input(description="Profile fields to change; a field left out keeps its value.")
class ProfileInput:
    name: str | None = None
    display_name: str | None = strawberry.field(default=None, description="Empty clears it.")
    team: str | None = strawberry.field(default=None, description="Empty clears it.")
    title: str | None = strawberry.field(default=None, description="Empty clears it.")
    pronouns: str | None = strawberry.field(default=None, description="Empty clears it.")
    bio: str | None = strawberry.field(default=None, description="Empty clears it.")


@strawberry.input(description="A person's preferences, replaced as a whole.")
class PreferencesInput:
    availability: list[str]
    topics: list[str]
    meeting_length: int
    time_zone: str


@strawberry.input(description="A person's notification settings, replaced as a whole.")
class NotificationSettingsInput:
    email: bool
    slack: bool
    telegram: bool
    signal: bool
    primary_channel: Channel
    slack_webhook: str | None = None
    telegram_chat_id: str | None = strawberry.field(
        default=None,
        description=(
            "Only the chat linked through linkTelegram, which a save keeps without it;"
            " any other is refused with BAD_USER_INPUT."
        ),
    )
    signal_number: str | None = None


@strawberry.input(description="One member's account of a match.")
class FeedbackInput:
    match_id: strawberry.ID
    outcome: FeedbackOutcome
    rating: int | None = strawberry.field(default=None, description="1 (poor) to 5 (great).")
    comment: str | None = None


@strawberry.input(description="Configuration fields to change; a field left out keeps its value.")
class DeploymentConfigInput:
    schedule: str | None = strawberry.field(default=None, description="Cron expression.")
    time_zone: str | None = None
    meeting_size: int | None = None
    repeat_window: int | None = None
    prefer_cross_team: bool | None = None
    admin_emails: list[str] | None = None
    allowed_email_domains: list[str] | None = None
    channels: list[Channel] | None = None
    reminder_delay_days: int | None = None
    grace_period_hours: int | None = None
