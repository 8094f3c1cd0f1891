"""Enums that several layers share; the GraphQL schema and the stored models both use these."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    MEMBER = "member"
    ADMIN = "admin"


class Channel(StrEnum):
    """A way to reach a person; notifications/registry.py holds each one's facts."""

    EMAIL = "email"
    SLACK = "slack"
    TELEGRAM = "telegram"
    SIGNAL = "signal"
