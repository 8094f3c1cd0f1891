"""Types of the deployment's settings: what everyone sees and what admins configure."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema.enums import Channel


@strawberry.type(description="Settings of the deployment anyone may read.")
class DeploymentSettings:
    deployment_id: strawberry.ID
    schedule: str = strawberry.field(description="Cron expression of the rounds.")
    time_zone: str = strawberry.field(description="IANA time zone the schedule runs in.")
    meeting_size: int
    channels: list[Channel] = strawberry.field(description="Channels this deployment can send on.")
    next_round_at: datetime | None
    slack_app: bool = strawberry.field(
        description="Whether Slack goes through the deployment's Slack app (people are linked, "
        "no webhook); false: each person gives an incoming webhook."
    )


@strawberry.type(description="The deployment's configuration as admins see and change it.")
class DeploymentConfig:
    deployment_id: strawberry.ID
    schedule: str
    time_zone: str
    meeting_size: int
    repeat_window: int = strawberry.field(
        description="How many recent rounds count when avoiding repeats; 0 means all."
    )
    prefer_cross_team: bool
    admin_emails: list[str]
    allowed_email_domains: list[str]
    channels: list[Channel]
    reminder_delay_days: int
    grace_period_hours: int
    updated_at: datetime | None
