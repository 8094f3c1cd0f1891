"""The error codes clients find in `extensions.code`, published in the SDL for code generation."""

from __future__ import annotations

import strawberry

from core.errors import ErrorCode

ErrorCodeEnum = strawberry.enum(
    ErrorCode,
    name="ErrorCode",
    description="Values of `extensions.code` on every error; BAD_USER_INPUT also names "
    "`extensions.fields`.",
)
