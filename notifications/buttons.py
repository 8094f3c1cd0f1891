"""Answer buttons of chat messages: what a press means, packed into a button's few bytes.

Telegram allows 64 bytes of callback data. A press arrives through the bot's webhook, whose
secret header proves it came from Telegram, together with the chat it was pressed in; the
endpoint records it only when that chat is the one linked to the user named here.
"""

from __future__ import annotations

from dataclasses import dataclass

from notifications.answers import ANSWER_LABELS, Answer
from notifications.message import Button

MAX_DATA_BYTES = 64
_CODES = {Answer.MET: "m", Answer.NOT_YET: "n", Answer.SKIP: "s"}
_ANSWERS = {code: answer for answer, code in _CODES.items()}


@dataclass(frozen=True)
class Press:
    """A decoded button press."""

    answer: Answer
    match_id: str
    user_id: str


def answer_buttons(*, match_id: str, user_id: str) -> tuple[Button, ...]:
    """ "We met", "Not yet", "Skip next round" for one reader of one match."""
    buttons = tuple(
        Button(label=ANSWER_LABELS[answer], data=f"{code}:{match_id}:{user_id}")
        for answer, code in _CODES.items()
    )
    if any(len(button.data.encode()) > MAX_DATA_BYTES for button in buttons):
        return ()
    return buttons


def read_press(data: str) -> Press | None:
    """The press a button's data stands for, or None for data that is not ours."""
    code, _, rest = data.partition(":")
    match_id, _, user_id = rest.rpartition(":")
    answer = _ANSWERS.get(code)
    if answer is None or not match_id or not user_id:
        return None
    return Press(answer=answer, match_id=match_id, user_id=user_id)
