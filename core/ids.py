"""Ids this deployment makes: random, 32 lowercase hex digits, the same form in every layer."""

from __future__ import annotations

from uuid import uuid4


def new_id() -> str:
    """A fresh id for a person, a token family, an audit event or a request."""
    return uuid4().hex
