"""Recording a person's answer to "did you meet?", whichever channel it came from.

The web app's feedback mutation, the email links, the Telegram buttons and Slack's all end
here or in the same repository call: "We met" and "Not yet" are the match's feedback,
"Skip next round" pauses the person through the next scheduled round's day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from core.errors import NotFound
from notifications.answers import Answer
from repositories.bundle import Repositories
from repositories.models.feedback import FeedbackOutcome
from repositories.models.users import ParticipationStatus, User
from rounds.schedule import next_runs

OUTCOME_OF = {Answer.MET: FeedbackOutcome.MET, Answer.NOT_YET: FeedbackOutcome.DID_NOT_MEET}


@dataclass(frozen=True)
class Recorded:
    """What an answer changed: the feedback outcome, or the last paused day."""

    answer: Answer
    outcome: FeedbackOutcome | None = None
    paused_until: date | None = None


async def next_round_day(repositories: Repositories, *, now: datetime) -> date:
    """The day, in the deployment's zone, of the next scheduled round."""
    config = await repositories.config.get()
    [fires] = next_runs(cron=config.schedule, timezone=config.time_zone, after=now, count=1)
    return fires.astimezone(ZoneInfo(config.time_zone)).date()


async def record_answer(
    repositories: Repositories, *, match_id: str, user_id: str, answer: Answer, now: datetime
) -> Recorded:
    """Records the member's answer; NotFound when they are not (or no longer) a member."""
    user = await repositories.users.get(user_id=user_id)
    if user is None or user.status_on(now.date()) is ParticipationStatus.DEACTIVATED:
        raise NotFound("no such match among yours", fields=("matchId",))
    outcome = OUTCOME_OF.get(answer)
    if outcome is not None:
        await repositories.feedback.upsert(match_id=match_id, user_id=user_id, outcome=outcome)
        return Recorded(answer=answer, outcome=outcome)
    match = await repositories.matches.get(match_id=match_id)
    if match is None or user_id not in match.participants:
        raise NotFound("no such match among yours", fields=("matchId",))
    return Recorded(
        answer=answer, paused_until=await skip_next_round(repositories, user=user, now=now)
    )


async def skip_next_round(repositories: Repositories, *, user: User, now: datetime) -> date | None:
    """Pauses the person through the next round's day; the last paused day (None: until resumed)."""
    day = await next_round_day(repositories, now=now)
    current = user.participation
    # A longer pause the person chose already covers the next round; do not shorten it.
    if current.paused and (current.paused_until is None or current.paused_until >= day):
        return current.paused_until
    await repositories.users.pause(user_id=user.id, until=day)
    return day
