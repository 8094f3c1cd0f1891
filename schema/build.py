"""Merges the domains' root types into the schema served at /graphql."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from schema.system import SystemQuery


def build_schema() -> strawberry.Schema:
    query = merge_types("Query", (SystemQuery,))
    return strawberry.Schema(query=query)
