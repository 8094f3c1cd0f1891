"""What the local mail catcher received, for admins of a development instance."""

from __future__ import annotations

import strawberry

from schema.caught_mail import CaughtMail
from schema.context import Context
from schema.fields import field

Info = strawberry.Info[Context, None]


@strawberry.type
class CaughtMailQuery:
    @field(
        description="The newest messages the local mail catcher received for this deployment, "
        "newest first (at most 100); empty where no catcher is configured, as in production. "
        "Admins only."
    )
    async def caught_mail(self, info: Info, first: int = 20) -> list[CaughtMail]:
        # The catcher is development tooling: production start-up never loads it, only a
        # query of this field does.
        from devtools import caught_mail as ops

        return await ops.caught_mail(info.context, first=first)
