"""The web app's limits module is the one exported from the shared constraints."""

from __future__ import annotations

from api.limits import LIMITS_PATH, bounds_of, export_limits
from core.constraints import MeetingLengthMinutes, Topics


def test_exported_limits_equal_the_committed_file() -> None:
    assert export_limits() == LIMITS_PATH.read_text(), (
        "frontend/src/generated/limits.ts differs from core/constraints.py; "
        "run `vcoffee export-limits`"
    )


def test_limits_are_read_from_the_annotated_types() -> None:
    assert bounds_of(MeetingLengthMinutes) == {"min": 15, "max": 120}
    assert bounds_of(Topics) == {"maxItems": 20}
    assert "  meetingLengthMinutes: { min: 15, max: 120 }," in export_limits().splitlines()
