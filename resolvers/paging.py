"""Page sizes clients may ask for."""

from __future__ import annotations

from core.errors import BadUserInput
from schema.security import MAX_PAGE_SIZE


def page_size(first: int) -> int:
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise BadUserInput(f"first must be between 1 and {MAX_PAGE_SIZE}", fields=("first",))
    return first
