"""Gives every error an `extensions.code`, masks the unexpected ones, and logs each by whose it is.

A client's mistake (bad syntax, a wrongly typed variable, input a check refused) is logged at
INFO without a traceback and answered with its code and the field at fault. So is a service
that does not answer: DynamoDB through its breaker, Redis (or arq's queue in it) here, both
SERVICE_UNAVAILABLE. Only our own bugs are logged at ERROR with their traceback and answered
INTERNAL with a fixed message.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import strawberry
from graphql import (
    BREAK,
    ArgumentNode,
    DocumentNode,
    GraphQLError,
    Node,
    ObjectFieldNode,
    VariableDefinitionNode,
    Visitor,
    visit,
)
from pydantic import ValidationError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.execution import StreamExecutionResult

from core.errors import AppError, ErrorCode, RateLimited
from notifications.addresses import InvalidAddress
from runtime.outages import REDIS_UNAVAILABLE, is_redis_outage

logger = logging.getLogger(__name__)

MASKED_MESSAGE = "Unexpected error."
# A syntax error quotes the token it stopped at, which may be a megabyte of one word.
MAX_MESSAGE_CHARS = 500
# Raised while a request is parsed, validated or its variables coerced: always the client's.
CLIENT_ORIGINAL_ERRORS = (GraphQLError, ValueError, TypeError, OverflowError)

__all__ = ["MASKED_MESSAGE", "CodedSchema", "ErrorCodes", "RateLimited", "coded"]


@dataclass(frozen=True)
class Verdict:
    """How one error is answered; `expected` when it is no bug of ours (a client's mistake, a
    service briefly away), logged at INFO without a traceback."""

    message: str
    extensions: dict[str, object]
    expected: bool


def field_path(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location)


def _extensions(
    code: ErrorCode, *, fields: tuple[str, ...] = (), retry_after: int | None = None
) -> dict[str, object]:
    extensions: dict[str, object] = {"code": code.value}
    if fields:
        extensions["fields"] = list(fields)
    if retry_after is not None:
        extensions["retryAfter"] = retry_after
    return extensions


def _short(message: str) -> str:
    if len(message) <= MAX_MESSAGE_CHARS:
        return message
    return message[:MAX_MESSAGE_CHARS] + "…"


class _InputPath(Visitor):
    """Finds the argument and input fields around one node of a document."""

    def __init__(self, target: Node) -> None:
        super().__init__()
        self.target = target
        self.path: tuple[str, ...] | None = None

    def enter(self, node: Node, key: Any, parent: Any, path: Any, ancestors: Any) -> Any:
        if node is not self.target:
            return None
        # graphql-core lists the parent apart from the other ancestors.
        named = [*ancestors, parent, node]
        self.path = tuple(
            part.name.value for part in named if isinstance(part, ArgumentNode | ObjectFieldNode)
        )
        return BREAK


def input_fields(error: GraphQLError, document: DocumentNode | None) -> tuple[str, ...]:
    """The variable or input field a request-time error is about, as the client wrote it."""
    node = error.nodes[0] if error.nodes else None
    if isinstance(node, VariableDefinitionNode):
        return (node.variable.name.value,)
    if node is None or document is None:
        return ()
    finder = _InputPath(node)
    visit(document, finder)
    return (".".join(finder.path),) if finder.path else ()


def verdict(error: GraphQLError, document: DocumentNode | None = None) -> Verdict:
    original = error.original_error
    if isinstance(original, RateLimited):
        extensions = _extensions(original.code, retry_after=original.retry_after)
        return Verdict(original.message, extensions, expected=True)
    if isinstance(original, AppError) and original.code is not ErrorCode.INTERNAL:
        extensions = _extensions(original.code, fields=original.fields)
        return Verdict(original.message, extensions, expected=True)
    if isinstance(original, ValidationError):
        problems = original.errors(include_url=False)
        fields = tuple(dict.fromkeys(field_path(problem["loc"]) for problem in problems))
        message = "; ".join(
            f"{field_path(problem['loc'])}: {problem['msg']}" for problem in problems
        )
        extensions = _extensions(ErrorCode.BAD_USER_INPUT, fields=fields)
        return Verdict(_short(message), extensions, expected=True)
    if isinstance(original, InvalidAddress):
        extensions = _extensions(ErrorCode.BAD_USER_INPUT, fields=(original.field,))
        return Verdict(original.message, extensions, expected=True)
    if original is not None and is_redis_outage(original):
        # As a DynamoDB outage is answered by the breaker: the client may retry shortly.
        extensions = _extensions(ErrorCode.SERVICE_UNAVAILABLE)
        return Verdict(REDIS_UNAVAILABLE, extensions, expected=True)
    if error.path is None and (original is None or isinstance(original, CLIENT_ORIGINAL_ERRORS)):
        # Raised before execution: syntax, validation, limits, variable coercion.
        fields = input_fields(error, document)
        extensions = _extensions(ErrorCode.BAD_USER_INPUT, fields=fields)
        return Verdict(_short(error.message), extensions, expected=True)
    return Verdict(MASKED_MESSAGE, _extensions(ErrorCode.INTERNAL), expected=False)


def _already_coded(error: GraphQLError) -> bool:
    return bool(error.extensions and "code" in error.extensions and error.original_error is None)


def coded(error: GraphQLError, document: DocumentNode | None = None) -> GraphQLError:
    """The error as the client may see it: a known code, and no internal detail."""
    if _already_coded(error):
        return error
    judged = verdict(error, document)
    return GraphQLError(
        judged.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=judged.extensions,
    )


def _recode(result: object, document: DocumentNode | None) -> None:
    errors = getattr(result, "errors", None)
    if errors:
        result.errors = [coded(error, document) for error in errors]  # type: ignore[attr-defined]


class ErrorCodes(SchemaExtension):
    """Rewrites the errors of each result, and of each event of a subscription."""

    def on_operation(self) -> Iterator[None]:
        yield
        _recode(self.execution_context.result, self.execution_context.graphql_document)

    def on_stream_result(self, result: StreamExecutionResult) -> Iterator[None]:
        _recode(result, self.execution_context.graphql_document)
        yield None


class CodedSchema(strawberry.Schema):
    """Logs each error once: the client's at INFO without a traceback, ours at ERROR with it."""

    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        # An error raised by an extension ends the operation before ErrorCodes rewrites the
        # result, and strawberry would send its text (a Redis address, say) as it is.
        result = await super().execute(*args, **kwargs)
        _recode(result, None)
        return result

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        document = None if execution_context is None else execution_context.graphql_document
        for error in errors:
            if _already_coded(error):
                continue
            judged = verdict(error, document)
            if judged.expected:
                logger.info(
                    "request refused",
                    extra={
                        "code": judged.extensions["code"],
                        "reason": judged.message,
                        "graphql_path": field_path(tuple(error.path or ())),
                    },
                )
            else:
                logger.error(
                    "unexpected error in a GraphQL operation",
                    exc_info=error.original_error or error,
                )
