"""The deployment's settings: public ones for everyone, the configuration for admins."""

from __future__ import annotations

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


@strawberry.type
class DeploymentMutation:
    @mutation(extensions=limited(), description="Admins: change the configuration.")
    async def update_deployment_config(
        self, info: Info, input: DeploymentConfigInput
    ) -> DeploymentConfig:
        return await ops.update_deployment_config(info.context, data=input)
