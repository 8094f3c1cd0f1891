"""The deployment's settings for everyone and its configuration for admins."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry

from config.schedules import next_firing
from core.errors import BadUserInput
from repositories import models
from repositories.audit import AuditAction
from resolvers.audit import record_admin_action
from resolvers.validation import ConfigCheck, checked
from schema.context import Context
from schema.deployment import DeploymentConfig, DeploymentSettings
from schema.enums import Channel
from schema.inputs import DeploymentConfigInput


def offered(config: models.DeploymentConfig) -> list[Channel]:
    return [Channel(name.value) for name, channel in config.channels.items() if channel.enabled]


async def deployment_settings(context: Context) -> DeploymentSettings:
    config = await context.services.repositories.config.get()
    # None for a schedule stored before schedules had to fire within a year.
    upcoming = next_firing(cron=config.schedule, timezone=config.time_zone, after=datetime.now(UTC))
    return DeploymentSettings(
        deployment_id=strawberry.ID(context.services.settings.deployment_id),
        schedule=config.schedule,
        time_zone=config.time_zone,
        meeting_size=config.meeting_size,
        channels=offered(config),
        next_round_at=upcoming,
        slack_app=context.services.settings.slack_bot_token is not None,
    )


PREVIEW_RUNS_LIMIT = 20


async def schedule_preview(
    context: Context, *, schedule: str, time_zone: str, first: int
) -> list[datetime]:
    """The next `first` runs of a schedule an admin is typing, before it is saved."""
    context.require_admin()
    check = checked(ConfigCheck, {"schedule": schedule, "time_zone": time_zone})
    if not 1 <= first <= PREVIEW_RUNS_LIMIT:
        raise BadUserInput(f"first: ask for 1 to {PREVIEW_RUNS_LIMIT} runs", fields=("first",))
    if check.schedule is None or check.time_zone is None:
        raise BadUserInput("schedule and timeZone are both needed", fields=("schedule", "timeZone"))
    runs: list[datetime] = []
    moment = datetime.now(UTC)
    while len(runs) < first:
        fired = next_firing(cron=check.schedule, timezone=check.time_zone, after=moment)
        if fired is None:
            break
        runs.append(fired)
        moment = fired
    return runs


def config_of(context: Context, config: models.DeploymentConfig) -> DeploymentConfig:
    return DeploymentConfig(
        deployment_id=strawberry.ID(context.services.settings.deployment_id),
        schedule=config.schedule,
        time_zone=config.time_zone,
        meeting_size=config.meeting_size,
        repeat_window=config.repeat_window,
        prefer_cross_team=config.prefer_cross_team,
        admin_emails=list(config.admin_emails),
        allowed_email_domains=list(config.allowed_email_domains),
        channels=offered(config),
        reminder_delay_days=config.reminder_delay_days,
        grace_period_hours=config.grace_period_hours,
        updated_at=config.updated_at,
    )


async def deployment_config(context: Context) -> DeploymentConfig:
    context.require_admin()
    return config_of(context, await context.services.repositories.config.get())


async def update_deployment_config(
    context: Context, *, data: DeploymentConfigInput
) -> DeploymentConfig:
    admin = context.require_admin()
    values = dict(vars(data))
    if data.channels is not None:
        values["channels"] = [models.Channel(channel.value) for channel in data.channels]
    check = checked(ConfigCheck, values)
    repository = context.services.repositories.config
    current = await repository.get()
    changes: dict[str, Any] = {
        "schedule": check.schedule,
        "time_zone": check.time_zone,
        "meeting_size": check.meeting_size,
        "repeat_window": check.repeat_window,
        "prefer_cross_team": check.prefer_cross_team,
        "admin_emails": check.admin_emails,
        "allowed_email_domains": check.allowed_email_domains,
        "reminder_delay_days": check.reminder_delay_days,
        "grace_period_hours": check.grace_period_hours,
    }
    merged = {
        **current.model_dump(by_alias=False),
        **{name: value for name, value in changes.items() if value is not None},
    }
    if check.channels is not None:
        merged["channels"] = {
            name: {**channel.model_dump(), "enabled": name in check.channels}
            for name, channel in {
                name: current.channels.get(name, models.ChannelConfig()) for name in models.Channel
            }.items()
        }
    config = models.validated(models.DeploymentConfig, merged)
    saved = await repository.update(config=config, expected_version=current.version)
    await record_admin_action(
        context,
        admin=admin,
        action=AuditAction.CONFIG_UPDATED,
        target="config",
        # "nothing" rather than an empty string, which DynamoDB Local refuses in an item.
        detail={
            "changed": ",".join(changed_fields(current, saved)) or "nothing",
            "version": str(saved.version),
        },
    )
    return config_of(context, saved)


def changed_fields(before: models.DeploymentConfig, after: models.DeploymentConfig) -> list[str]:
    """Names of the settings that differ, not their values: admin emails stay out of the log."""
    ignored = {"version", "updated_at"}
    old, new = before.model_dump(exclude=ignored), after.model_dump(exclude=ignored)
    return sorted(name for name in new if old.get(name) != new[name])
