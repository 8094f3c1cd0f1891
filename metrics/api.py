"""API metrics: each GraphQL operation, each HTTP response, each open subscription."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator

from graphql import FieldNode, OperationDefinitionNode
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from metrics.registry import (
    GRAPHQL_DURATION,
    GRAPHQL_OPERATIONS,
    HTTP_RESPONSES,
    OPEN_SUBSCRIPTIONS,
)

log = logging.getLogger(__name__)
UNKNOWN = "unknown"


def _root_fields(schema: object) -> frozenset[str]:
    names: set[str] = set()
    for root in ("query_type", "mutation_type", "subscription_type"):
        found = getattr(schema, root, None)
        if found is not None:
            names.update(found.fields)
    return frozenset(names)


class OperationMetrics(SchemaExtension):
    """Counts and times queries and mutations by their first root field.

    The label is a field of the schema (or `unknown`), never the client's operation name, so
    no request can add label values. Listed first among the extensions so that it sees the
    error codes the others set.
    """

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        try:
            self._record(time.perf_counter() - started)
        except Exception:
            # Counting must never cost a person their answer.
            log.exception("could not record a GraphQL operation's metrics")

    def _record(self, seconds: float) -> None:
        context = self.execution_context
        try:
            kind = context.operation_type
        except RuntimeError:
            kind = None
        if kind is OperationType.SUBSCRIPTION:
            return
        type_label = kind.value if kind is not None else UNKNOWN
        operation = self._operation(context.graphql_document, context.operation_name)
        GRAPHQL_DURATION.labels(type_label, operation).observe(seconds)
        GRAPHQL_OPERATIONS.labels(type_label, operation, _error_code(context.result)).inc()

    def _operation(self, document: object, name: str | None) -> str:
        definitions = getattr(document, "definitions", None) or ()
        for definition in definitions:
            if not isinstance(definition, OperationDefinitionNode):
                continue
            if name is not None and (definition.name is None or definition.name.value != name):
                continue
            for selection in definition.selection_set.selections:
                if isinstance(selection, FieldNode):
                    field = selection.name.value
                    known = _root_fields(self.execution_context.schema._schema)
                    return field if field in known else UNKNOWN
        return UNKNOWN


def _error_code(result: object) -> str:
    errors = getattr(result, "errors", None)
    if not errors:
        return "none"
    extensions = getattr(errors[0], "extensions", None) or {}
    code = extensions.get("code")
    return str(code) if isinstance(code, str) else UNKNOWN


def _route(path: str) -> str:
    if path.startswith("/graphql"):
        return "graphql"
    if path.startswith("/auth"):
        return "auth"
    if path in ("/healthz", "/readyz"):
        return "probe"
    return "web"


class HttpMetrics:
    """Counts HTTP responses by route group and status class (websockets are not counted)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route = _route(scope.get("path", ""))
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            HTTP_RESPONSES.labels(route, f"{status // 100}xx").inc()


@contextlib.contextmanager
def open_subscription() -> Iterator[None]:
    """While a websocket operation runs."""
    OPEN_SUBSCRIPTIONS.inc()
    try:
        yield
    finally:
        OPEN_SUBSCRIPTIONS.dec()
