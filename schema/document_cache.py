"""Parsing and validating a query once per process: clients send the same few queries again."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator

from graphql import ASTValidationRule, DocumentNode, GraphQLError, GraphQLSchema, parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

CACHED_QUERIES = 512


@functools.lru_cache(maxsize=CACHED_QUERIES)
def parsed(query: str, max_tokens: int) -> DocumentNode:
    return parse(query, max_tokens=max_tokens)


@functools.lru_cache(maxsize=CACHED_QUERIES)
def validated(
    schema: GraphQLSchema,
    document: DocumentNode,
    rules: tuple[type[ASTValidationRule], ...],
) -> tuple[GraphQLError, ...]:
    # Keyed by the document object, which the parse cache returns for the same text.
    return tuple(validate_document(schema, document, rules))


class CachedDocuments(SchemaExtension):
    """Reuses parse results by query text and validation results by document and rules."""

    def __init__(self, *, max_tokens: int) -> None:
        self.max_tokens = max_tokens

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query and context.graphql_document is None:
            # A query that does not parse is not cached; strawberry parses it again and reports.
            with contextlib.suppress(GraphQLError):
                context.graphql_document = parsed(context.query, self.max_tokens)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.pre_execution_errors is None:
            errors = validated(
                context.schema._schema, context.graphql_document, context.validation_rules
            )
            context.pre_execution_errors = list(errors)
        yield
