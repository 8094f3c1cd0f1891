"""Key strings built in keys.py equal, byte for byte, those stored by the previous release.

Items already in a table keep their keys; a builder that changed a string would make them
unreachable. The literals below are what the previous release wrote.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from repositories.keys import Keys
from repositories.models.feedback import Feedback, FeedbackOutcome
from repositories.models.users import Participation

KEYS = Keys("acme")


def test_person_and_deployment_keys_are_unchanged() -> None:
    assert KEYS.config() == ("D#acme#CONFIG", "CONFIG")
    assert KEYS.profile("u1") == ("D#acme#USER#u1", "PROFILE")
    assert KEYS.users_index() == "D#acme#USERS"
    assert KEYS.block("u1", "u2") == ("D#acme#USER#u1", "BLOCK#u2")
    assert KEYS.blocks_index() == "D#acme#BLOCKS"
    assert KEYS.membership("u1", "2026-01-05T09:00", "m7") == (
        "D#acme#USER#u1",
        "MATCH#2026-01-05T09:00#m7",
    )


def test_status_sort_keys_are_unchanged() -> None:
    assert KEYS.user_status("active", "u1") == "STATUS#active#u1"
    assert KEYS.paused_user_status("2026-03-01", "u1") == "STATUS#paused#2026-03-01#u1"
    assert KEYS.user_status_prefix() == "STATUS#"
    assert KEYS.user_status_prefix("deactivated") == "STATUS#deactivated#"
    assert KEYS.pauses_ended_range("2026-03-01") == (
        "STATUS#paused#",
        "STATUS#paused#2026-03-01#~",
    )
    joined = datetime(2026, 1, 1, tzinfo=UTC)
    active = Participation(opted_in=True, joined_at=joined)
    paused = Participation(
        opted_in=True, joined_at=joined, paused=True, paused_until=date(2026, 3, 1)
    )
    forever = Participation(opted_in=True, joined_at=joined, paused=True)
    assert active.index_sort_key("u1") == "STATUS#active#u1"
    assert paused.index_sort_key("u1") == "STATUS#paused#2026-03-01#u1"
    assert forever.index_sort_key("u1") == "STATUS#paused#9999-12-31#u1"
    assert Participation().index_sort_key("u1") == "STATUS#not_joined#u1"


def test_prefixes_that_queries_read_are_unchanged() -> None:
    assert KEYS.blocks_prefix() == "BLOCK#"
    assert KEYS.feedback_prefix() == "FEEDBACK#"
    assert KEYS.memberships_prefix() == "MATCH#"
    assert KEYS.group_of_match() == "GROUP"
    assert KEYS.person_in_match_prefixes("u1") == (
        "FEEDBACK#u1",
        "NOTIFY#u1#",
        "ATTEMPT#u1#",
        "OUTCOME#u1",
    )


def test_feedback_item_keys_are_unchanged() -> None:
    feedback = Feedback(
        match_id="m7",
        user_id="u1",
        outcome=FeedbackOutcome.MET,
        submitted_at=datetime(2026, 1, 6, tzinfo=UTC),
    )
    item = feedback.to_item(KEYS)
    assert (item["PK"], item["SK"]) == ("D#acme#MATCH#m7", "FEEDBACK#u1")
    assert (item["GSI1PK"], item["GSI1SK"]) == ("D#acme#FEEDBACK", "met#m7#u1")
    assert (item["GSI2PK"], item["GSI2SK"]) == ("D#acme#USER#u1", "FEEDBACK#m7")
