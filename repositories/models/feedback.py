"""Feedback: one per person per match, replaced when the person sends it again."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from core.constraints import FeedbackComment, Rating
from core.enums import FeedbackOutcome as FeedbackOutcome
from repositories.keys import Keys
from repositories.models.common import UtcDatetime, data_of


class Feedback(BaseModel):
    model_config = ConfigDict(frozen=True)

    match_id: str
    user_id: str
    outcome: FeedbackOutcome
    rating: Rating | None = None
    comment: FeedbackComment | None = None
    submitted_at: UtcDatetime

    def to_item(self, keys: Keys) -> dict[str, Any]:
        pk, sk = keys.feedback(self.match_id, self.user_id)
        gsi2pk, gsi2sk = keys.feedback_by_user(self.user_id, self.match_id)
        return {
            "PK": pk,
            "SK": sk,
            "GSI1PK": keys.feedback_index(),
            "GSI1SK": f"{self.outcome.value}#{self.match_id}#{self.user_id}",
            "GSI2PK": gsi2pk,
            "GSI2SK": gsi2sk,
            "type": "feedback",
            **self.model_dump(mode="json", exclude_none=True),
        }

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> Feedback:
        return cls.model_validate(data_of(item))
