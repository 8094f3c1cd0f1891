"""The plain-fields executor answers exactly as graphql-core's own, errors included."""

from __future__ import annotations

import asyncio
import enum
import functools
from collections.abc import AsyncGenerator
from datetime import UTC, date, datetime
from typing import Any

import pytest
import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.build import build_schema
from schema import plain_fields
from schema.document_cache import CachedDocuments
from schema.plain_fields import PlainFieldsExecution


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Tag:
    label: str
    weight: int | None


@strawberry.type
class Item:
    id: strawberry.ID
    name: str
    count: int
    maybe: str | None
    colour: Colour
    colours: list[Colour]
    words: list[str]
    loose: list[str | None] | None
    day: date
    at: datetime
    tag: Tag | None
    tags: list[Tag]

    @strawberry.field
    def shout(self, times: int = 1) -> str:
        return self.name.upper() * times

    @strawberry.field
    async def later(self) -> str:
        await asyncio.sleep(0)
        return f"later {self.name}"


def _good(number: int) -> Item:
    return Item(
        id=strawberry.ID(f"i{number}"),
        name=f"item {number}",
        count=number,
        maybe=None if number % 2 else "here",
        colour=Colour.RED,
        colours=[Colour.BLUE, Colour.RED],
        words=["a", "b"],
        loose=["x", None],
        day=date(2026, 12, 7),
        at=datetime(2026, 12, 7, 9, 30, tzinfo=UTC),
        tag=Tag(label="t", weight=None),
        tags=[Tag(label="u", weight=1), Tag(label="v", weight=2)],
    )


def _broken() -> list[Any]:
    """Items whose stored values break their types: each must fail as graphql-core fails it."""
    nulled = _good(1)
    nulled.name = None  # type: ignore[assignment]
    wrong_int = _good(2)
    wrong_int.count = "many"  # type: ignore[assignment]
    wrong_enum = _good(3)
    wrong_enum.colour = "green"  # type: ignore[assignment]
    null_in_list = _good(4)
    null_in_list.words = ["a", None]  # type: ignore[list-item]
    not_a_list = _good(5)
    not_a_list.words = 7  # type: ignore[assignment]
    huge = _good(6)
    huge.count = 2**40
    missing = _good(7)
    del missing.maybe
    return [nulled, wrong_int, wrong_enum, null_in_list, not_a_list, huge, missing]


ITEMS: list[Item] = [_good(0), _good(1), *_broken()]


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item | None]:
        return list(ITEMS)

    @strawberry.field
    def first(self) -> Item:
        return ITEMS[2]


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def feed(self) -> AsyncGenerator[Item, None]:
        for item in ITEMS[:3]:
            yield item


DOCUMENTS = [
    "{ items { id name count maybe colour colours words loose day at } }",
    "{ items { __typename id tag { label weight } tags { label weight } } }",
    "{ items { n: name n2: name shout(times: 2) later } }",
    "{ items { ...F } } fragment F on Item { id name words tag { ...T } }"
    " fragment T on Tag { label }",
    "query($on: Boolean!) { items { id name @include(if: $on) count @skip(if: $on) } }",
    "{ first { id name colour } }",
    "{ items { id ... on Item { name maybe } } }",
]


def _answer(result: Any) -> tuple[Any, list[dict[str, Any]]]:
    errors = sorted(
        ({"message": e.message, "path": e.path} for e in result.errors or ()),
        key=lambda error: str(error["path"]),
    )
    return result.data, errors


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("on", [True, False])
async def test_every_document_gets_the_same_data_and_errors(document: str, on: bool) -> None:
    answers = []
    for executor in (StrawberryGraphQLCoreExecutionContext, PlainFieldsExecution):
        schema = strawberry.Schema(
            query=Query, subscription=Subscription, execution_context_class=executor
        )
        variables = {"on": on} if "$on" in document else None
        answers.append(_answer(await schema.execute(document, variable_values=variables)))
    usual, plain = answers
    assert plain == usual
    assert usual[0] is not None or usual[1]  # something to compare: data, or errors


async def test_broken_values_are_reported_not_passed_on() -> None:
    schema = strawberry.Schema(query=Query, execution_context_class=PlainFieldsExecution)
    result = await schema.execute("{ items { name count colour words maybe } }")
    data, errors = _answer(result)
    assert data is not None
    # Each broken item fails in one field. A non-null field nulls its item; the missing
    # attribute is of a nullable field, so only that field is null.
    assert [item is None for item in data["items"]] == [False] * 2 + [True] * 6 + [False]
    assert data["items"][8]["maybe"] is None
    assert len(errors) == 7


async def test_a_subscription_collects_its_selections_once_for_all_events() -> None:
    # With the served schema's document cache, every socket sending this text gets one
    # parsed document, so the second subscription finds the selections collected too.
    schema = strawberry.Schema(
        query=Query,
        subscription=Subscription,
        execution_context_class=PlainFieldsExecution,
        extensions=[functools.partial(CachedDocuments, max_tokens=1000)],
    )
    plain_fields._collected.clear()
    document = "subscription { feed { id tag { label } tags { label } } }"
    results = [result async for result in await schema.subscribe(document)]
    assert len(results) == 3
    assert [(r.data or {}).get("feed", {}).get("id") for r in results] == ["i0", "i1", "i1"]
    after_three = len(plain_fields._collected)
    assert after_three == 3  # feed's Item, and Tag under tag and under tags
    again = [result async for result in await schema.subscribe(document)]
    assert len(again) == 3
    assert len(plain_fields._collected) == after_three


def test_the_served_schema_uses_it() -> None:
    assert build_schema().execution_context_class is PlainFieldsExecution


async def test_an_operation_with_variables_leaves_nothing_in_the_process_memo() -> None:
    """Its collection depends on its variables, so only its own execution may keep it: an
    entry of the process would keep the executor, and the request's context, alive."""
    schema = strawberry.Schema(query=Query, execution_context_class=PlainFieldsExecution)
    plain_fields._collected.clear()
    document = "query($on: Boolean!) { items { id tag { label @include(if: $on) } } }"
    for on in (True, False):
        result = await schema.execute(document, variable_values={"on": on})
        assert result.errors is None
        assert result.data is not None
        labels = [item["tag"] for item in result.data["items"] if item is not None]
        assert labels[0] == ({"label": "t"} if on else {})
    assert plain_fields._collected == {}
    await schema.execute("{ items { id tag { label } } }")
    assert len(plain_fields._collected) == 2  # without variables: Item and Tag, for the process
