"""What every resolver receives: the process's services, who is asking, and per-request loaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from auth.principal import Principal
from core.errors import Forbidden, Unauthenticated
from repositories.bundle import Repositories
from runtime.services import Services
from schema.live_reads import LiveReads
from schema.loaders import Loaders


def repositories_of(services: Services) -> Repositories:
    """The process's repositories; they hold no per-request state."""
    return services.repositories


@dataclass
class Context:
    request: Request | WebSocket
    response: Response | WebSocket | None
    services: Services
    principal: Principal | None
    loaders: Loaders = field(init=False)
    # Subscriptions on one process batch their reads together (see schema/live_reads.py).
    live_reads: LiveReads | None = field(default=None, kw_only=True)

    def __post_init__(self) -> None:
        self.loaders = Loaders(repositories_of(self.services))

    @property
    def repositories(self) -> Repositories:
        return repositories_of(self.services)

    def require_principal(self) -> Principal:
        if self.principal is None:
            raise Unauthenticated("sign in to do this")
        return self.principal

    def require_admin(self) -> Principal:
        principal = self.require_principal()
        if not principal.is_admin:
            raise Forbidden("only admins of this deployment may do this")
        return principal
