"""The GraphQL schema: each domain's Query, Mutation and Subscription types merged into one."""

from __future__ import annotations

import strawberry

from schema.build import build_schema

__all__ = ["build_schema", "strawberry"]
