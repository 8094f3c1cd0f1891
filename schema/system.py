"""Facts about the running instance that anyone may read."""

from __future__ import annotations

import strawberry

from schema.context import Context


@strawberry.type
class SystemQuery:
    @strawberry.field
    def deployment_id(self, info: strawberry.Info[Context, None]) -> str:
        """The deployment this instance serves."""
        return info.context.services.settings.deployment_id
