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
    matches_with_feedback: int
    met_share: float | None  # of matches with feedback, the share where members met
    ratings: int  # answers that carry a rating
    average_rating: float | None  # of the answers with a rating, 1 (poor) to 5 (great)
    repeats: int
    repeat_rate: float | None  # of all pairs formed, the share who had met before
    notification_failures: int
    undeliverable: int
