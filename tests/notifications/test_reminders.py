"""Reminders go once, after the delay, to people who have not answered; silence pauses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from notifications.answers import AnswerLinks
from notifications.reminders import (
    ReminderPolicy,
    paused_message,
    reminder_due,
    reminder_message,
    should_pause,
    unanswered_streak,
)

ROUND = datetime(2030, 1, 6, 9, 0, tzinfo=UTC)
POLICY = ReminderPolicy(remind_after=timedelta(days=3), pause_after_unanswered_rounds=3)


@pytest.mark.parametrize(
    ("now", "answered", "reminded", "due"),
    [
        (ROUND + timedelta(days=2, hours=23), False, False, False),
        (ROUND + timedelta(days=3), False, False, True),
        (ROUND + timedelta(days=5), True, False, False),
        (ROUND + timedelta(days=5), False, True, False),
    ],
)
def test_a_reminder_is_due_once_after_the_delay_if_unanswered(
    now: datetime, answered: bool, reminded: bool, due: bool
) -> None:
    assert (
        reminder_due(round_at=ROUND, now=now, answered=answered, reminded=reminded, policy=POLICY)
        is due
    )


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        reminder_due(
            round_at=ROUND.replace(tzinfo=None),
            now=ROUND,
            answered=False,
            reminded=False,
            policy=POLICY,
        )


def test_only_the_latest_unanswered_rounds_count_towards_pausing() -> None:
    assert unanswered_streak(answers=[None, None, True, None, None]) == 2
    assert (
        should_pause(answers=[None, None, True, None, None], already_paused=False, policy=POLICY)
        is False
    )
    assert (
        should_pause(answers=[True, False, None, None, None], already_paused=False, policy=POLICY)
        is True
    )
    assert should_pause(answers=[None, None, None], already_paused=True, policy=POLICY) is False
    assert should_pause(answers=[False, False, False], already_paused=False, policy=POLICY) is False


@pytest.mark.parametrize(
    "settings", [{"remind_after": timedelta(0)}, {"pause_after_unanswered_rounds": 0}]
)
def test_nonsense_reminder_settings_are_refused(settings: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="must be"):
        ReminderPolicy(**settings)  # type: ignore[arg-type]


def test_the_reminder_carries_one_click_answer_links() -> None:
    message = reminder_message(
        reader_name="Ada",
        partner_names=["Grace", "<Linus>"],
        answers=AnswerLinks(
            met="https://coffee.example.com/answer?token=met",
            not_yet="https://coffee.example.com/answer?token=not-yet",
            skip="https://coffee.example.com/answer?token=skip",
        ),
    )
    assert message.subject == "Did you meet Grace and <Linus>?"
    assert 'href="https://coffee.example.com/answer?token=met"' in message.html
    assert "Not yet: https://coffee.example.com/answer?token=not-yet" in message.text
    assert "Skip next round: https://coffee.example.com/answer?token=skip" in message.text
    assert "&lt;Linus&gt;" in message.html


def test_the_paused_message_says_why_and_how_to_resume() -> None:
    message = paused_message(
        reader_name="Ada", missed_rounds=3, resume_url="https://coffee.example.com/settings"
    )
    assert "last 3 rounds" in message.text
    assert "https://coffee.example.com/settings" in message.text
    assert "resume" in message.text.lower()
