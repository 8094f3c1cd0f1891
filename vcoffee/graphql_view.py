"""The Strawberry ASGI view: builds each request's context and guards the websocket."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from auth.principal import Principal
from schema.context import Context
from vcoffee.errors import AppError
from vcoffee.services import Services


def bearer_token(request: Request | WebSocket) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token:
        return token.strip()
    return None


class GraphQLView(GraphQL[Context, None]):
    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None
    ) -> Context:
        services: Services = request.app.state.services
        principal: Principal | None = None
        token = bearer_token(request)
        if token is not None:
            try:
                principal = services.tokens.verify_access(token)
            except AppError:
                principal = None
        return Context(request=request, response=response, services=services, principal=principal)
