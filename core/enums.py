"""Enums that several layers share; the GraphQL schema and the stored models both use these."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    MEMBER = "member"
    ADMIN = "admin"
