"""Types of the mail the local catcher received, shown to admins of a development instance."""

from __future__ import annotations

from datetime import datetime

import strawberry


@strawberry.type(description="A message the local mail catcher received instead of delivering it.")
class CaughtMail:
    id: strawberry.ID
    sender: str
    to: list[str]
    subject: str
    sent_at: datetime
    text: str = strawberry.field(description="The plain-text body; empty when it has none.")
