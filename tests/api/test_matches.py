"""A person's matches: current, history, one by id, feedback; and what that costs DynamoDB."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.api.conftest import Api

HISTORY = """query($first: Int!, $after: String) { myMatches(first: $first, after: $after) {
  items { id slot scheduledDate status participants { id name } myFeedback { outcome rating } }
  nextCursor } }"""
MATCH = "query($id: ID!) { match(id: $id) { id status participants { name } } }"
FEEDBACK = """mutation($input: FeedbackInput!) { submitFeedback(input: $input) {
  matchId outcome rating comment } }"""


@contextmanager
def dynamodb_calls(api: Api) -> Iterator[Counter[str]]:
    """Counts the DynamoDB API calls the app's client makes, by operation name."""
    calls: Counter[str] = Counter()

    def count(model: Any, **_: Any) -> None:
        calls[model.name] += 1

    events = api.services.dynamodb.meta.events
    events.register("before-call.dynamodb.*", count, unique_id="api-test-counter")
    try:
        yield calls
    finally:
        events.unregister("before-call.dynamodb.*", unique_id="api-test-counter")


async def test_current_match_and_match_by_id_for_members_only(api: Api) -> None:
    ada, bob, cy = await api.person("ada"), await api.person("bob"), await api.person("cy")
    (ours,) = await api.completed_round("2026-11-30", [[ada.id, bob.id]])
    current = await api.data("{ myCurrentMatch { id participants { name } } }", as_=ada)
    assert current["myCurrentMatch"] == {
        "id": ours,
        "participants": [{"name": "ada"}, {"name": "bob"}],
    }
    assert (await api.data("{ myCurrentMatch { id } }", as_=cy))["myCurrentMatch"] is None
    assert (await api.data(MATCH, {"id": ours}, as_=bob))["match"]["id"] == ours

    stranger = await api.error(MATCH, {"id": ours}, as_=cy)
    assert stranger["extensions"] == {"code": "NOT_FOUND", "fields": ["id"]}
    signed_out = await api.error(MATCH, {"id": ours})
    assert signed_out["extensions"] == {"code": "UNAUTHENTICATED"}
    malformed = await api.error(MATCH, {"id": "../../etc"}, as_=ada)
    assert malformed["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["id"]}


async def test_feedback_sets_the_status_and_bad_feedback_writes_nothing(api: Api) -> None:
    ada, bob, cy = await api.person("ada"), await api.person("bob"), await api.person("cy")
    (ours,) = await api.completed_round("2026-11-30", [[ada.id, bob.id]])

    too_high = await api.error(
        FEEDBACK, {"input": {"matchId": ours, "outcome": "MET", "rating": 6}}, as_=ada
    )
    assert too_high["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["rating"]}
    too_long = await api.error(
        FEEDBACK, {"input": {"matchId": ours, "outcome": "MET", "comment": "x" * 2001}}, as_=ada
    )
    assert too_long["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["comment"]}
    assert (await api.data(MATCH, {"id": ours}, as_=ada))["match"]["status"] == "SCHEDULED"

    not_mine = await api.error(FEEDBACK, {"input": {"matchId": ours, "outcome": "MET"}}, as_=cy)
    assert not_mine["extensions"] == {"code": "NOT_FOUND", "fields": ["matchId"]}

    given = await api.data(
        FEEDBACK,
        {"input": {"matchId": ours, "outcome": "MET", "rating": 5, "comment": "lovely"}},
        as_=ada,
    )
    assert given["submitFeedback"] == {
        "matchId": ours,
        "outcome": "MET",
        "rating": 5,
        "comment": "lovely",
    }
    seen_by_bob = await api.data(HISTORY, {"first": 5}, as_=bob)
    (match,) = seen_by_bob["myMatches"]["items"]
    assert match["status"] == "MET"
    assert match["myFeedback"] is None
    seen_by_ada = await api.data(HISTORY, {"first": 5}, as_=ada)
    assert seen_by_ada["myMatches"]["items"][0]["myFeedback"] == {"outcome": "MET", "rating": 5}


async def test_history_pages_and_page_size_cap(api: Api) -> None:
    ada, bob = await api.person("ada"), await api.person("bob")
    for day in ("2026-11-02", "2026-11-09", "2026-11-16"):
        await api.completed_round(day, [[ada.id, bob.id]])
    first = (await api.data(HISTORY, {"first": 2}, as_=ada))["myMatches"]
    assert [item["scheduledDate"] for item in first["items"]] == ["2026-11-16", "2026-11-09"]
    rest = await api.data(HISTORY, {"first": 2, "after": first["nextCursor"]}, as_=ada)
    assert [item["scheduledDate"] for item in rest["myMatches"]["items"]] == ["2026-11-02"]

    too_many = await api.error(HISTORY, {"first": 51}, as_=ada)
    assert too_many["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["first"]}
    # Another person's cursor does not open this person's history.
    stolen = await api.error(HISTORY, {"first": 2, "after": first["nextCursor"]}, as_=bob)
    assert stolen["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_page_of_50_matches_costs_a_bounded_number_of_dynamodb_calls(api: Api) -> None:
    ada = await api.person("ada")
    partners = [await api.person(f"p{number}") for number in range(25)]
    for week in range(50):
        slot = f"2026-{1 + week // 28:02d}-{1 + week % 28:02d}"
        await api.completed_round(slot, [[ada.id, partners[week % 25].id]])

    with dynamodb_calls(api) as small:
        page = await api.data(HISTORY, {"first": 5}, as_=ada)
    assert len(page["myMatches"]["items"]) == 5
    with dynamodb_calls(api) as large:
        page = await api.data(HISTORY, {"first": 50}, as_=ada)
    items = page["myMatches"]["items"]
    assert len(items) == 50
    assert {p["name"] for item in items for p in item["participants"]} == {
        "ada",
        *(f"p{number}" for number in range(25)),
    }
    # History query, one batch of matches with my feedback, one batch of people.
    assert sum(large.values()) <= 3, large
    assert large == small


@dataclass
class Overlap:
    """How many DynamoDB calls were in flight as each one started, and are now."""

    starts: list[int] = field(default_factory=list)
    in_flight: int = 0


@contextmanager
def dynamodb_overlap(api: Api) -> Iterator[Overlap]:
    overlap = Overlap()

    def started(**_: Any) -> None:
        overlap.in_flight += 1
        overlap.starts.append(overlap.in_flight)

    def ended(**_: Any) -> None:
        overlap.in_flight -= 1

    events = api.services.dynamodb.meta.events
    events.register("before-call.dynamodb.*", started, unique_id="api-test-overlap-start")
    events.register("after-call.dynamodb.*", ended, unique_id="api-test-overlap-end")
    try:
        yield overlap
    finally:
        events.unregister("before-call.dynamodb.*", unique_id="api-test-overlap-start")
        events.unregister("after-call.dynamodb.*", unique_id="api-test-overlap-end")


async def test_history_reads_feedback_and_members_alongside_the_page(api: Api) -> None:
    ada, bob = await api.person("ada"), await api.person("bob")
    for day in ("2026-11-02", "2026-11-09"):
        await api.completed_round(day, [[ada.id, bob.id]])

    with dynamodb_calls(api) as calls, dynamodb_overlap(api) as overlap:
        page = await api.data(HISTORY, {"first": 5}, as_=ada)
    assert [p["name"] for p in page["myMatches"]["items"][0]["participants"]] == ["ada", "bob"]
    # The history, then (matches with my feedback, and members): three calls in two rounds.
    assert calls == {"Query": 1, "BatchGetItem": 2}
    assert overlap.starts == [1, 1, 2]

    # A refused cursor answers with no read left running.
    with dynamodb_overlap(api) as overlap:
        refused = await api.error(HISTORY, {"first": 5, "after": "not-a-cursor"}, as_=ada)
        assert overlap.in_flight == 0
    assert refused["extensions"]["code"] == "BAD_USER_INPUT"

    through_fragment = """query { myMatches(first: 5) { ...Page } }
      fragment Page on MatchPage { items { id ... on Match { participants { name } } } }"""
    with dynamodb_calls(api) as calls:
        page = await api.data(through_fragment, as_=ada)
    assert [p["name"] for p in page["myMatches"]["items"][1]["participants"]] == ["ada", "bob"]
    assert calls == {"Query": 1, "BatchGetItem": 2}

    with dynamodb_calls(api) as calls:
        await api.data("{ myMatches(first: 5) { items { id status } } }", as_=ada)
    # Nothing read ahead that the operation does not ask for.
    assert calls == {"Query": 1, "BatchGetItem": 1}

    # One match by id reads its members and my feedback when its fields ask for them.
    newest = page["myMatches"]["items"][0]["id"]
    await api.data(FEEDBACK, {"input": {"matchId": newest, "outcome": "MET"}}, as_=ada)
    by_id = "query($id: ID!) { match(id: $id) { participants { name } myFeedback { outcome } } }"
    with dynamodb_calls(api) as calls:
        one = await api.data(by_id, {"id": newest}, as_=ada)
    assert one["match"] == {
        "participants": [{"name": "ada"}, {"name": "bob"}],
        "myFeedback": {"outcome": "MET"},
    }
    # The match, then its members and my feedback on it, each read by key.
    assert calls == {"BatchGetItem": 3}


async def test_feedback_read_with_a_page_does_not_hide_feedback_on_other_matches(api: Api) -> None:
    ada, bob = await api.person("ada"), await api.person("bob")
    older, newer = [
        (await api.completed_round(day, [[ada.id, bob.id]]))[0]
        for day in ("2026-11-02", "2026-11-09")
    ]
    await api.data(FEEDBACK, {"input": {"matchId": older, "outcome": "MET"}}, as_=ada)
    both = """query($id: ID!) {
      myMatches(first: 1) { items { id myFeedback { outcome } } }
      match(id: $id) { id myFeedback { outcome } } }"""
    seen = await api.data(both, {"id": older}, as_=ada)
    assert seen["myMatches"]["items"] == [{"id": newer, "myFeedback": None}]
    assert seen["match"] == {"id": older, "myFeedback": {"outcome": "MET"}}
