"""What every resolver receives: the process's services, who is asking, and per-request loaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from auth.principal import Principal
from core.errors import AdminRequired, Unauthenticated
from runtime.live_reads import LiveReads
from runtime.loaders import Loaders
from runtime.services import Services


@dataclass
class Context:
    request: Request | WebSocket
    response: Response | WebSocket | None
    services: Services
    principal: Principal | None
    loaders: Loaders = field(init=False)
    # Subscriptions on one process batch their reads together (see runtime/live_reads.py).
    live_reads: LiveReads | None = field(default=None, kw_only=True)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.services.repositories)

    def require_principal(self) -> Principal:
        if self.principal is None:
            raise Unauthenticated("sign in to do this")
        return self.principal

    def require_admin(self) -> Principal:
        principal = self.require_principal()
        if not principal.is_admin:
            raise AdminRequired("only admins of this deployment may do this")
        return principal
