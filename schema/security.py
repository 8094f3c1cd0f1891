"""Limits every operation must pass: depth, tokens, aliases, and introspection in production."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from graphql import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from schema.context import Context

MAX_DEPTH = 8
MAX_TOKENS = 1500
MAX_ALIASES = 10
MAX_PAGE_SIZE = 50


class IntrospectionOnlyOutsideProduction(SchemaExtension):
    """In production only a signed-in admin (GraphiQL) may introspect the schema."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        if isinstance(context, Context) and _introspection_refused(context):
            self.execution_context.validation_rules = (
                *self.execution_context.validation_rules,
                NoSchemaIntrospectionCustomRule,
            )
        yield


def _introspection_refused(context: Context) -> bool:
    if context.services.settings.environment != "production":
        return False
    return context.principal is None or not context.principal.is_admin


def limits() -> list[Callable[[], SchemaExtension]]:
    """Factories, so each operation gets extensions of its own."""
    return [
        functools.partial(MaxTokensLimiter, max_token_count=MAX_TOKENS),
        functools.partial(QueryDepthLimiter, max_depth=MAX_DEPTH),
        functools.partial(MaxAliasesLimiter, max_alias_count=MAX_ALIASES),
        IntrospectionOnlyOutsideProduction,
    ]
