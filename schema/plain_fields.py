"""Executes plain leaf fields without graphql-core's per-field machinery.

Most fields of a result are plain attributes holding a scalar, an enum, or a list of them
(ids, names, dates, statuses, topics). For each, graphql-core builds a resolve info, checks
for awaitables at three levels and dispatches on the type, about 10 µs a field. Here a field
that strawberry resolves by its default resolver, takes no arguments and returns a leaf or a
list of leaves is read and coerced in one step. Anything else, and any value the short way
does not accept as is (a null for a non-null type, a value the type cannot coerce, an
awaitable), goes the ordinary way, which produces the same value or error as always.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    Undefined,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.execution.middleware import MiddlewareManager
from graphql.pyutils import AwaitableOrValue, Path, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

# How a plain field's value becomes its result; raises _Declined when it must go the usual way.
Complete = Callable[[Any], Any]


class _Declined(Exception):
    pass


def _leaf(leaf: GraphQLLeafType, *, nullable: bool) -> Complete:
    coerce = leaf.coerce_output_value

    def complete(value: Any) -> Any:
        if value is None:
            if nullable:
                return None
            raise _Declined
        coerced = coerce(value)
        if coerced is Undefined or coerced is None:
            raise _Declined
        return coerced

    return complete


def _list(item: Complete, *, nullable: bool) -> Complete:
    def complete(value: Any) -> Any:
        if value is None:
            if nullable:
                return None
            raise _Declined
        if not isinstance(value, list | tuple):
            raise _Declined
        return [item(one) for one in value]

    return complete


def _completer(output: GraphQLOutputType) -> Complete | None:
    """How to complete a value of `output` in one step; None when it has subfields."""
    nullable = True
    if isinstance(output, GraphQLNonNull):
        output, nullable = output.of_type, False
    if is_leaf_type(output):
        return _leaf(output, nullable=nullable)
    if isinstance(output, GraphQLList):
        item = _completer(output.of_type)
        return None if item is None else _list(item, nullable=nullable)
    return None


# Subfields collected, by the field nodes of a document without variables. Documents are
# cached and reused across requests and sockets.
COLLECTED_LIMIT = 10_000
_collected: dict[tuple[GraphQLObjectType, tuple[int, ...]], tuple[list[Any], Any]] = {}

# How a plain field is read from its source and completed; raises _Declined (or anything
# else) when the field must go graphql-core's way.
Read = Callable[[Any], Any]

# Per object type, per field name: the field's reader, or None for the usual way.
_readers: dict[GraphQLObjectType, dict[str, Read | None]] = {}


def _reader(parent_type: GraphQLObjectType, name: str) -> Read | None:
    fields = _readers.get(parent_type)
    if fields is None:
        fields = _readers[parent_type] = {}
    try:
        return fields[name]
    except KeyError:
        field = parent_type.fields.get(name)
        read = fields[name] = None if field is None else _read_plain(field)
        return read


def _read_plain(field: GraphQLField) -> Read | None:
    """A reader for a field strawberry resolves by its default resolver, with no arguments,
    whose type is a leaf or a list of leaves; None for any other field."""
    resolve = field.resolve
    if resolve is None or not getattr(resolve, "_is_default", False) or field.args:
        return None
    complete = _completer(field.type)
    if complete is None:
        return None
    definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if (
        isinstance(definition, StrawberryField)
        and definition.default_resolver is getattr
        and definition.python_name
    ):
        get: Callable[[Any], Any] = attrgetter(definition.python_name)
    else:

        def get(source: Any) -> Any:
            return resolve(source, None)

    def read(source: Any) -> Any:
        return complete(get(source))

    return read


def _wraps_resolvers(manager: MiddlewareManager | None) -> bool:
    """Whether middleware wraps resolvers (strawberry passes an empty manager when none does)."""
    return manager is not None and bool(manager.middlewares)


class PlainFieldsExecution(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's executor, with plain leaf fields read and coerced in one step.

    It also keeps the subfields it collects beyond one execution. graphql-core memoizes them
    per list of field details, which every execution and every event of a subscription makes
    anew: each event collected every selection again, and the memo grew by one entry per
    object per event for as long as the subscription lived. Keyed by the document's field
    nodes, an operation without variables finds them collected by the first request or
    socket that used the same document.
    """

    def collect_subfields(
        self, return_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> Any:
        # Variables can decide what is collected (@include, @skip), so an operation that
        # declares any keeps graphql-core's memo, which lives and dies with its execution.
        if self.operation.variable_definitions:
            return super().collect_subfields(return_type, field_details_list)
        nodes = []
        for details in field_details_list:
            # With @defer or fragment arguments, details are made per collection: as usual.
            if details.defer_usage is not None or details.fragment_variable_values is not None:
                return super().collect_subfields(return_type, field_details_list)
            nodes.append(details.node)
        key = (return_type, tuple(id(node) for node in nodes))
        known = _collected.get(key)
        if known is not None:
            return known[1]
        collected = super().collect_subfields(return_type, field_details_list)
        if len(_collected) >= COLLECTED_LIMIT:
            _collected.clear()
        # The entry holds the nodes, so that their ids are not reused while it exists.
        _collected[key] = (nodes, collected)
        return collected

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        """graphql-core's `execute_fields`, reading plain fields directly.

        A plain field needs no path, resolve info or awaitable check unless it fails, and
        then it is executed again the usual way, which raises or reports what it should.
        """
        plain = not _wraps_resolvers(self.middleware_manager)
        results: dict[str, Any] = {}
        is_awaitable = self.is_awaitable
        awaitable_fields: list[str] = []
        try:
            for response_name, field_details_list in grouped_field_set.items():
                node = field_details_list[0].node
                if plain and not node.arguments:
                    read = _reader(parent_type, node.name.value)
                    if read is not None:
                        try:
                            results[response_name] = read(source_value)
                            continue
                        except Exception:  # noqa: S110 - executed again below
                            pass
                field_path = Path(path, response_name, parent_type.name)
                result = self.execute_field(
                    parent_type, source_value, field_details_list, field_path, position_context
                )
                if result is not Undefined:
                    results[response_name] = result
                    if is_awaitable(result):
                        awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[field] for field in awaitable_fields])
            raise
        if not awaitable_fields:
            return results

        async def get_results() -> dict[str, Any]:
            if len(awaitable_fields) == 1:
                field = awaitable_fields[0]
                results[field] = await results[field]
            else:
                awaited = await gather_with_cancel(*(results[field] for field in awaitable_fields))
                results.update(zip(awaitable_fields, awaited, strict=True))
            return results

        return get_results()
