"""The deployment's settings: public ones for everyone, the configuration for admins."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers import deployment as ops
from schema.context import Context
from schema.deployment import DeploymentConfig, DeploymentSettings
from schema.fields import field, mutation
from schema.inputs import DeploymentConfigInput
from schema.rate_limit import limited

Info = strawberry.Info[Context, None]


@strawberry.type
class DeploymentQuery:
    @field(description="Settings anyone may read, signed in or not.")
    async def deployment_settings(self, info: Info) -> DeploymentSettings:
        return await ops.deployment_settings(info.context)

    @field(description="Admins: the full configuration.")
    async def deployment_config(self, info: Info) -> DeploymentConfig:
        return await ops.deployment_config(info.context)

    @field(
        description="Admins: the next runs of a schedule in a time zone, to check it before saving."
    )
    async def schedule_preview(
        self, info: Info, schedule: str, time_zone: str, first: int = 5
    ) -> list[datetime]:
        return await ops.schedule_preview(
            info.context, schedule=schedule, time_zone=time_zone, first=first
        )


@strawberry.type
class DeploymentMutation:
    @mutation(extensions=limited(), description="Admins: change the configuration.")
    async def update_deployment_config(
        self, info: Info, input: DeploymentConfigInput
    ) -> DeploymentConfig:
        return await ops.update_deployment_config(info.context, data=input)
