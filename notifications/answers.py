"""The answers a person gives to "did you meet?" with one click, on any channel."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Answer(StrEnum):
    MET = "met"
    NOT_YET = "not_yet"
    SKIP = "skip"


ANSWER_LABELS = {Answer.MET: "We met", Answer.NOT_YET: "Not yet", Answer.SKIP: "Skip next round"}


@dataclass(frozen=True)
class AnswerLinks:
    """One-click answers for one reader of one match, each a signed link."""

    met: str
    not_yet: str
    skip: str
