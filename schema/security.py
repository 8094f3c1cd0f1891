"""Limits every operation must pass: depth, tokens, aliases, and introspection in production."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from graphql import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from schema.context import Context
from schema.document_cache import CachedDocuments
from schema.located_inputs import LocatedInputErrors

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


# Built once, so every operation carries the same rule classes and validation can be cached.
LIMIT_RULES = (
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
)


class Limits(AddValidationRules):
    def __init__(self) -> None:
        super().__init__(list(LIMIT_RULES))


def limits() -> list[Callable[[], SchemaExtension]]:
    """Factories, so each operation gets extensions of its own."""
    return [
        functools.partial(MaxTokensLimiter, max_token_count=MAX_TOKENS),
        Limits,
        LocatedInputErrors,
        IntrospectionOnlyOutsideProduction,
        functools.partial(CachedDocuments, max_tokens=MAX_TOKENS),
    ]
