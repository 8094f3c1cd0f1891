"""Figures for the admin dashboard."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class DeploymentStats(BaseModel):
    model_config = ConfigDict(frozen=True)

    active: int
    paused: int
    not_joined: int
    deactivated: int
    rounds: int
    completed_rounds: int
    groups: int
    feedback: int
    feedback_met: int
    met_share: float | None
    repeats: int
    repeat_rate: float | None
    notification_failures: int
    undeliverable: int
