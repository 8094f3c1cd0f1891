"""The "did you meet?" reminder and pausing of people who never answer, as pure decisions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from notifications.answers import AnswerLinks
from notifications.content import join_names
from notifications.message import RenderedMessage
from notifications.templates import PAUSED_TEMPLATES, REMINDER_TEMPLATES, render

# One answer per round the person was matched in, oldest first: True met, False did not,
# None never answered.
Answer = bool | None


@dataclass(frozen=True)
class ReminderPolicy:
    """When to remind and when to give up on someone; configurable per deployment."""

    remind_after: timedelta = timedelta(days=3)
    pause_after_unanswered_rounds: int = 3

    def __post_init__(self) -> None:
        if self.remind_after <= timedelta(0):
            raise ValueError("remind_after must be positive")
        if self.pause_after_unanswered_rounds < 1:
            raise ValueError("pause_after_unanswered_rounds must be at least 1")


def reminder_due(
    *, round_at: datetime, now: datetime, answered: bool, reminded: bool, policy: ReminderPolicy
) -> bool:
    """Remind once, after the delay, and only someone who has not answered yet."""
    if round_at.tzinfo is None or now.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    return not answered and not reminded and now >= round_at + policy.remind_after


def unanswered_streak(*, answers: Sequence[Answer]) -> int:
    """How many of the most recent closed rounds in a row went unanswered."""
    streak = 0
    for answer in reversed(answers):
        if answer is not None:
            break
        streak += 1
    return streak


def should_pause(
    *, answers: Sequence[Answer], already_paused: bool, policy: ReminderPolicy
) -> bool:
    """Pause someone whose last N closed rounds all went unanswered, unless paused already."""
    return (
        not already_paused
        and unanswered_streak(answers=answers) >= policy.pause_after_unanswered_rounds
    )


def reminder_message(
    *, reader_name: str, partner_names: Sequence[str], answers: AnswerLinks
) -> RenderedMessage:
    """The reminder, with one signed link per answer: a click and a confirmation record it."""
    return render(
        templates=REMINDER_TEMPLATES,
        context={
            "reader": {"name": reader_name},
            "partner_names": join_names(list(partner_names)),
            "answer_links": {"met": answers.met, "not_yet": answers.not_yet, "skip": answers.skip},
        },
    )


def paused_message(*, reader_name: str, missed_rounds: int, resume_url: str) -> RenderedMessage:
    """Tells the person they are paused, why, and how to resume."""
    return render(
        templates=PAUSED_TEMPLATES,
        context={
            "reader": {"name": reader_name},
            "missed_rounds": missed_rounds,
            "resume_url": resume_url,
        },
    )
