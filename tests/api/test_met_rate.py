"""The met rate after a round answered on three channels, per round, overall and by channel."""

from __future__ import annotations

from datetime import UTC, datetime

from notifications.ports import DeliveryOutcome
from notifications.registry import Channel
from repositories.models import FeedbackOutcome
from tests.api.conftest import Api

QUERY = """
{ metRate {
  overall { slot matches answered met answeredShare metShare
            byChannel { channel introduced answered met answeredShare metShare } }
  rounds { slot matches answered met metShare }
} }
"""


async def test_the_met_rate_counts_matches_and_splits_by_intro_channel(api: Api) -> None:
    admin = await api.person("admin", admin=True, joined=False)
    people = [await api.person(name) for name in ("a", "b", "c", "d", "e", "f")]
    ids = [person.id for person in people]
    earlier = await api.completed_round("2030-01-07", [[ids[0], ids[1]]])
    matches = await api.completed_round("2030-01-14", [ids[0:2], ids[2:4], ids[4:6]])
    channel_of = {
        ids[0]: Channel.EMAIL,
        ids[1]: Channel.TELEGRAM,
        ids[2]: Channel.SLACK,
        ids[3]: Channel.SLACK,
        ids[4]: Channel.EMAIL,
        ids[5]: Channel.TELEGRAM,
    }
    now = datetime.now(UTC)
    for match_id, members in zip(matches, (ids[0:2], ids[2:4], ids[4:6]), strict=True):
        for member in members:
            await api.repositories.outbox.record_outcome(
                outcome=DeliveryOutcome(match_id, member, "sent", channel_of[member], (), now)
            )
    feedback = api.repositories.feedback
    # Met, answered by both (email and Telegram); not met (Slack); unanswered.
    await feedback.upsert(match_id=matches[0], user_id=ids[0], outcome=FeedbackOutcome.MET)
    await feedback.upsert(match_id=matches[0], user_id=ids[1], outcome=FeedbackOutcome.MET)
    await feedback.upsert(match_id=matches[1], user_id=ids[2], outcome=FeedbackOutcome.DID_NOT_MEET)
    await feedback.upsert(match_id=earlier[0], user_id=ids[1], outcome=FeedbackOutcome.MET)

    data = (await api.data(QUERY, as_=admin))["metRate"]
    latest, first = data["rounds"]
    assert latest == {
        "slot": "2030-01-14",
        "matches": 3,
        "answered": 2,
        "met": 1,
        "metShare": 1 / 3,
    }
    assert first == {"slot": "2030-01-07", "matches": 1, "answered": 1, "met": 1, "metShare": 1.0}
    overall = data["overall"]
    assert (overall["matches"], overall["answered"], overall["met"]) == (4, 3, 2)
    assert overall["metShare"] == 0.5
    by_channel = {row["channel"]: row for row in overall["byChannel"]}
    assert by_channel["EMAIL"] == {
        "channel": "EMAIL",
        "introduced": 2,
        "answered": 1,
        "met": 1,
        "answeredShare": 0.5,
        "metShare": 0.5,
    }
    assert by_channel["SLACK"]["introduced"] == 2
    assert by_channel["SLACK"]["answered"] == 1
    assert by_channel["SLACK"]["met"] == 0
    assert by_channel["TELEGRAM"]["answered"] == 1
    assert by_channel["TELEGRAM"]["met"] == 1


async def test_members_may_not_read_the_met_rate(api: Api) -> None:
    member = await api.person("member")
    error = await api.error(QUERY, as_=member)
    assert error["extensions"]["code"] == "FORBIDDEN"
