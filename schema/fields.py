"""Typed forms of strawberry's field decorators, whose configured forms are typed as Any."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import strawberry
from strawberry.extensions import FieldExtension

F = TypeVar("F", bound=Callable[..., Any])


def field(*, description: str | None = None) -> Callable[[F], F]:
    return cast("Callable[[F], F]", strawberry.field(description=description))


def mutation(
    *, extensions: list[FieldExtension], description: str | None = None
) -> Callable[[F], F]:
    return cast(
        "Callable[[F], F]", strawberry.mutation(description=description, extensions=extensions)
    )


def subscription(*, description: str | None = None) -> Callable[[F], F]:
    return cast("Callable[[F], F]", strawberry.subscription(description=description))
