"""The Strawberry ASGI view: authenticates requests and websockets, and builds each context."""

from __future__ import annotations

import contextlib
import functools
import json
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError
from pydantic_core import PydanticSerializationError, to_json
from redis.exceptions import RedisError
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketState
from strawberry import Schema
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError, MissingQueryError
from strawberry.http import GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    ErrorMessage,
    SubscribeMessage,
)
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UnsetType

from auth.principal import Principal
from auth.rate_limits import client_address, rate_limited_response
from auth.runtime import AuthRuntime
from auth.tokens import CrossDeploymentToken
from config.settings import Settings
from core import close_codes
from core.errors import AppError, ErrorCode, RateLimited, ServiceUnavailable
from metrics.api import open_subscription
from runtime.live_reads import LiveReads
from runtime.outages import REDIS_RETRY_AFTER_SECONDS
from runtime.services import Services
from schema.context import Context
from vcoffee.session_watch import SessionWatch, Watched
from vcoffee.socket_limits import Limits, PersonCounts

logger = logging.getLogger(__name__)

CLOSE_UNAUTHORIZED = close_codes.UNAUTHORIZED
CONNECTION_INIT_TIMEOUT = timedelta(seconds=10)
JSON_MEDIA_TYPE = "application/json"
MALFORMED_JSON = "Unable to parse request body as JSON"
# Far above any operation of the web app; a longer text is refused before it is parsed.
MAX_DOCUMENT_CHARS = 100_000
HTTP_OPERATIONS = frozenset({OperationType.QUERY, OperationType.MUTATION})


def bearer_token(request: HTTPConnection) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


def token_from_params(params: dict[str, Any]) -> str | None:
    """The token a client sends in connection_init: `{"authorization": "Bearer …"}`."""
    value = params.get("authorization") or params.get("Authorization")
    if isinstance(value, str):
        scheme, _, token = value.partition(" ")
        if scheme.lower() == "bearer" and token.strip():
            return token.strip()
    return None


@dataclass
class SocketContext(Context):
    """A websocket's context: strawberry puts the connection_init payload here."""

    connection_params: dict[str, Any] = field(default_factory=dict)
    # The person whose socket count this socket holds, once connection_init succeeded.
    counted_person: str | None = None
    # Closes the socket when its session ends; forgotten with the socket.
    watched: Watched | None = None


class SocketUnauthenticated(Exception):
    """connection_init carried no valid token."""


class SocketRefused(Exception):
    """connection_init is refused with a close code other than 4401."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class AuthenticatingTransportWS(BaseGraphQLTransportWSHandler[Context, None]):
    """graphql-transport-ws with coded refusals: 4401 when connection_init does not
    authenticate, 4429 past a person's sockets, 4503 while Redis is away; a subscription past
    a limit gets an `error` message with the code LIMIT_EXCEEDED."""

    view: GraphQLView

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        try:
            await super().handle_connection_init(message)
        except SocketUnauthenticated:
            await self.websocket.close(code=CLOSE_UNAUTHORIZED, reason="Unauthorized")
        except SocketRefused as refused:
            await self.websocket.close(code=refused.code, reason=refused.reason)

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        principal = self.context.principal
        if (
            principal is None
            or not self.connection_acknowledged
            or message.get("id") in self.operations
        ):
            await super().handle_subscribe(message)  # the protocol's own refusals
            return
        counts = self.view.person_counts
        person = principal.user_id
        if len(self.operations) >= counts.limits.subscriptions_per_socket:
            await self._refuse(message, "this socket holds the most subscriptions it may")
            return
        if not counts.start_subscription(person):
            await self._refuse(message, "you hold the most subscriptions one person may")
            return
        await super().handle_subscribe(message)
        operation = self.operations.get(message["id"])
        if operation is None or operation.task is None:
            counts.end_subscription(person)
            return
        operation.task.add_done_callback(lambda _: counts.end_subscription(person))

    async def _refuse(self, message: SubscribeMessage, reason: str) -> None:
        error = GraphQLError(reason, extensions={"code": ErrorCode.LIMIT_EXCEEDED.value})
        refusal: ErrorMessage = {"id": message["id"], "type": "error", "payload": [error.formatted]}
        await self.send_message(refusal)

    async def shutdown(self) -> None:
        try:
            await super().shutdown()
        finally:
            context = self.context
            if isinstance(context, SocketContext):
                if context.watched is not None:
                    self.view.session_watch(context.request).forget(context.watched)
                    context.watched = None
                if context.counted_person is not None:
                    self.view.person_counts.close_socket(context.counted_person)
                    context.counted_person = None

    async def run_operation(self, operation: Operation[Context, None]) -> None:
        with open_subscription():
            await super().run_operation(operation)


def graphql_error(error: AppError, status: int) -> JSONResponse:
    headers = {"cache-control": "no-store"}
    if status == 401:
        headers["www-authenticate"] = 'Bearer error="invalid_token"'
    return JSONResponse(
        {
            "data": None,
            "errors": [{"message": error.message, "extensions": {"code": error.code.value}}],
        },
        status_code=status,
        headers=headers,
    )


def redis_unavailable() -> JSONResponse:
    """503 with a code and Retry-After, as a socket is refused with 4503, while Redis is away."""
    error = ServiceUnavailable("the service is briefly unavailable; try again shortly")
    response = graphql_error(error, 503)
    response.headers["retry-after"] = str(REDIS_RETRY_AFTER_SECONDS)
    return response


def error_body(error: AppError) -> dict[str, object]:
    extensions: dict[str, object] = {"code": error.code.value}
    if isinstance(error, RateLimited):
        extensions["retryAfter"] = error.retry_after
    return {"errors": [{"message": error.message, "extensions": extensions}]}


def request_error(message: str, status: int) -> JSONResponse:
    """A request refused before execution: no `data`, as GraphQL over HTTP asks, but a code."""
    code = ErrorCode.NOT_FOUND if status == 404 else ErrorCode.BAD_USER_INPUT
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code.value}}]},
        status_code=status,
        headers={"cache-control": "no-store"},
    )


def auth_of(connection: HTTPConnection) -> AuthRuntime:
    runtime: AuthRuntime = connection.app.state.auth
    return runtime


class GraphQLView(GraphQL[Context, None]):
    graphql_transport_ws_handler_class = AuthenticatingTransportWS

    def __init__(self, schema: Schema, *, settings: Settings, limits: Limits | None = None) -> None:
        parts = urlsplit(settings.public_url)
        super().__init__(
            schema,
            # Strawberry's GraphiQL page loads its code from a CDN, which our CSP refuses.
            graphql_ide=None,
            allow_queries_via_get=False,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=CONNECTION_INIT_TIMEOUT,
            allowed_origins=[f"{parts.scheme}://{parts.netloc}"],
        )
        self._check_every = settings.session_check_seconds
        self._trusted_proxy = settings.trusted_proxy
        self._session_watch: SessionWatch | None = None
        self.person_counts = PersonCounts(limits=limits or Limits())
        self._live_reads: LiveReads | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request = Request(scope, receive)
            try:
                principal = await auth_of(request).admission.admit(
                    client=self._client(request), token=bearer_token(request)
                )
            except RateLimited as limited:
                await rate_limited_response(limited, error_body(limited))(scope, receive, send)
                return
            except (RedisError, OSError) as lost:
                # Limits and revoked sessions live in Redis: without it no request is let in.
                logger.warning("refused a request while Redis is unavailable: %s", lost)
                await redis_unavailable()(scope, receive, send)
                return
            except AppError as error:
                status = 403 if error.code is ErrorCode.FORBIDDEN else 401
                await graphql_error(error, status)(scope, receive, send)
                return
            scope.setdefault("state", {})["principal"] = principal
            try:
                response = await self.run(Request(scope, receive))
            except HTTPException as refused:
                # Strawberry answers these in plain text; clients branch on a coded JSON error.
                response = request_error(refused.reason, refused.status_code)
            await response(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        if request.method == "POST":
            media_type, _ = parse_content_type(request.content_type or "")
            if media_type != JSON_MEDIA_TYPE:
                raise HTTPException(
                    415, f"send the operation as JSON, with content-type {JSON_MEDIA_TYPE}"
                )
        return await super().parse_http_body(request)

    def encode_json(self, data: object) -> str:
        # pydantic-core's encoder takes a quarter of json.dumps's CPU on a live event, and
        # sockets must get text frames. A string it refuses (a lone surrogate) goes the old way.
        try:
            return to_json(data).decode()
        except PydanticSerializationError:
            return json.dumps(data, separators=(",", ":"))

    def decode_json(self, data: str | bytes) -> object:
        try:
            decoded = super().decode_json(data)
        except (UnicodeDecodeError, RecursionError):
            # Invalid UTF-8, or nesting deeper than the parser goes: malformed all the same.
            raise HTTPException(400, MALFORMED_JSON) from None
        if not isinstance(decoded, dict | list):
            raise HTTPException(400, "the request body must be a JSON object")
        return decoded

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """Queries and mutations only: subscriptions are served on the websocket."""
        query = request_data.query
        if isinstance(query, str) and len(query) > MAX_DOCUMENT_CHARS:
            raise HTTPException(400, f"the query is longer than {MAX_DOCUMENT_CHARS} characters")
        allowed = OperationType.from_http(request_adapter.method) & HTTP_OPERATIONS
        if request_adapter.method == "GET":
            allowed -= {OperationType.QUERY}
        try:
            return await self.schema.execute(
                query,
                root_value=root_value,
                variable_values=request_data.variables,
                context_value=context,
                operation_name=request_data.operation_name,
                allowed_operation_types=allowed,
                operation_extensions=request_data.extensions,
            )
        except CannotGetOperationTypeError as error:
            raise HTTPException(400, error.as_http_error_reason()) from None
        except InvalidOperationTypeError as error:
            if error.operation_type is OperationType.SUBSCRIPTION:
                reason = "subscriptions are served over the websocket at /graphql, not over HTTP"
            else:
                reason = error.as_http_error_reason(request_adapter.method)
            raise HTTPException(400, reason) from None
        except MissingQueryError:
            raise HTTPException(400, "No GraphQL query found in the request") from None

    def _client(self, request: Request) -> str:
        return client_address(request, trusted_proxy=self._trusted_proxy)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None
    ) -> Context:
        services: Services = request.app.state.services
        if isinstance(request, WebSocket):
            if self._live_reads is None:
                self._live_reads = LiveReads(services.repositories)
            return SocketContext(
                request=request,
                response=response,
                services=services,
                principal=None,
                live_reads=self._live_reads,
            )
        principal: Principal | None = getattr(request.state, "principal", None)
        return Context(request=request, response=response, services=services, principal=principal)

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        params = getattr(context, "connection_params", None)
        token = token_from_params(params) if isinstance(params, dict) else None
        websocket = context.request
        if token is None or not isinstance(websocket, WebSocket):
            raise SocketUnauthenticated
        authenticator = auth_of(websocket).authenticator
        try:
            principal = await authenticator.authenticate(token, transport="websocket")
        except CrossDeploymentToken:
            raise ConnectionRejectionError from None
        except AppError:
            raise SocketUnauthenticated from None
        except (RedisError, OSError):
            logger.warning("refused a socket while Redis is unavailable", exc_info=True)
            raise SocketRefused(close_codes.TRY_AGAIN, "Service unavailable") from None
        if not self.person_counts.open_socket(principal.user_id):
            raise SocketRefused(close_codes.TOO_MANY_SOCKETS, "Too many sockets for this person")
        if isinstance(context, SocketContext):
            context.counted_person = principal.user_id
        context.principal = principal
        if isinstance(context, SocketContext):
            context.watched = self.session_watch(websocket).watch(
                principal, functools.partial(_end_socket, websocket)
            )
        return None

    def session_watch(self, connection: HTTPConnection) -> SessionWatch:
        """The process's watch over its sockets' sessions, made with the first socket."""
        if self._session_watch is None:
            self._session_watch = SessionWatch(
                ended_sessions=auth_of(connection).authenticator.ended_sessions,
                every=self._check_every,
            )
        return self._session_watch


async def _end_socket(websocket: WebSocket) -> None:
    """Closes with 4401 once the socket's token expired or its session ended."""
    if websocket.application_state is WebSocketState.CONNECTED:
        with contextlib.suppress(RuntimeError):
            await websocket.close(code=CLOSE_UNAUTHORIZED, reason="Unauthorized")
