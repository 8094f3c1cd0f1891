"""Literal input errors that point at their argument, so the answer can name the field."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, ValueNode, ValuesOfCorrectTypeRule
from strawberry.extensions import SchemaExtension


class LocatedValuesOfCorrectType(ValuesOfCorrectTypeRule):
    """graphql-core's rule, but a scalar's own parse error keeps the literal it refused."""

    _current: ValueNode | None = None

    def is_valid_value_node(self, node: ValueNode, input_type: Any) -> Any:
        self._current = node
        try:
            return super().is_valid_value_node(node, input_type)
        finally:
            self._current = None

    def report_error(self, error: GraphQLError) -> None:
        if not error.nodes and self._current is not None:
            error = GraphQLError(
                error.message,
                self._current,
                original_error=error.original_error,
                extensions=error.extensions,
            )
        super().report_error(error)


class LocatedInputErrors(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        context.validation_rules = tuple(
            LocatedValuesOfCorrectType if rule is ValuesOfCorrectTypeRule else rule
            for rule in context.validation_rules
        )
        yield
