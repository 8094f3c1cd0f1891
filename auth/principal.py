"""Who a request acts for, once its token has been verified."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.enums import Role

__all__ = ["Principal", "Role"]


@dataclass(frozen=True)
class Principal:
    user_id: str
    deployment_id: str
    role: Role
    token_id: str
    expires_at: datetime
    # The sign-in (refresh-token family) the token came from; logging out revokes it.
    session_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN
