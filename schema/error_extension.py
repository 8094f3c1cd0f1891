"""Gives every error an `extensions.code` and masks the unexpected ones."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from pydantic import ValidationError
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import StreamExecutionResult

from core.errors import AppError, ErrorCode
from notifications.addresses import InvalidAddress

logger = logging.getLogger(__name__)

MASKED_MESSAGE = "Unexpected error."


class RateLimited(AppError):
    """Too many mutations in a short time; `retry_after` says when to try again."""

    code = ErrorCode.SERVICE_UNAVAILABLE

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


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


def _rebuilt(error: GraphQLError, message: str, extensions: dict[str, object]) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )


def coded(error: GraphQLError) -> GraphQLError:
    """The error as the client may see it: a known code, and no internal detail."""
    if error.extensions and "code" in error.extensions and error.original_error is None:
        return error  # already coded
    original = error.original_error
    if isinstance(original, RateLimited):
        extensions = _extensions(original.code, retry_after=original.retry_after)
        return _rebuilt(error, original.message, extensions)
    if isinstance(original, AppError):
        return _rebuilt(error, original.message, _extensions(original.code, fields=original.fields))
    if isinstance(original, ValidationError):
        problems = original.errors(include_url=False)
        fields = tuple(dict.fromkeys(field_path(problem["loc"]) for problem in problems))
        message = "; ".join(
            f"{field_path(problem['loc'])}: {problem['msg']}" for problem in problems
        )
        return _rebuilt(error, message, _extensions(ErrorCode.BAD_USER_INPUT, fields=fields))
    if isinstance(original, InvalidAddress):
        extensions = _extensions(ErrorCode.BAD_USER_INPUT, fields=(original.field,))
        return _rebuilt(error, original.message, extensions)
    if error.path is None and (original is None or isinstance(original, ValueError | TypeError)):
        # Raised before execution: syntax, validation, limits, variable coercion.
        return _rebuilt(error, error.message, _extensions(ErrorCode.BAD_USER_INPUT))
    logger.error("unexpected error in a GraphQL operation", exc_info=original or error)
    return _rebuilt(error, MASKED_MESSAGE, _extensions(ErrorCode.INTERNAL))


def _recode(result: object) -> None:
    errors = getattr(result, "errors", None)
    if errors:
        result.errors = [coded(error) for error in errors]  # type: ignore[attr-defined]


class ErrorCodes(SchemaExtension):
    """Rewrites the errors of each result, and of each event of a subscription."""

    def on_operation(self) -> Iterator[None]:
        yield
        _recode(self.execution_context.result)

    def on_stream_result(self, result: StreamExecutionResult) -> Iterator[None]:
        _recode(result)
        yield None
