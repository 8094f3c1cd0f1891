"""What an operation asks of the field being resolved, so a resolver can start reads early."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import strawberry
from strawberry.types.nodes import SelectedField, Selection


def selects(info: strawberry.Info[Any, Any], path: str) -> bool:
    """Whether the current field's selection reaches `path` ("items.participants").

    Fragments count; @skip and @include are not evaluated, so a field they drop still counts
    (a read started for nothing, never one missed).
    """
    names = path.split(".")
    return any(_reaches(field.selections, names) for field in info.selected_fields)


def _reaches(selections: Iterable[Selection], names: Sequence[str]) -> bool:
    head, rest = names[0], names[1:]
    for selection in selections:
        if isinstance(selection, SelectedField):
            if selection.name == head and (not rest or _reaches(selection.selections, rest)):
                return True
        elif _reaches(selection.selections, names):
            return True
    return False
