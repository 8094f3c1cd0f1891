"""Matches by id, a person's history and current match, feedback and block lists."""

from __future__ import annotations

import gc
import weakref

import pytest

from core.errors import AlreadyExists, BadUserInput, ErrorCode, NotFound
from repositories.bundle import Repositories
from repositories.models import FeedbackOutcome, MatchStatus, MemberDelivery
from tests.repositories.conftest import completed_round, register, register_active


async def test_a_match_is_read_by_id_alone_or_in_a_batch(repos: Repositories) -> None:
    ids = await completed_round(repos, "2026-11-30", [["a", "b"], ["c", "d", "e"]])

    match = await repos.matches.get(match_id=ids[1])
    batch = await repos.matches.get_many(match_ids=[ids[1], "2026-11-30_0099", ids[0]])

    assert match is not None
    assert match.participants == ["c", "d", "e"]
    assert match.status is MatchStatus.SCHEDULED
    assert match.deliveries == dict.fromkeys(["c", "d", "e"], MemberDelivery.PENDING)
    assert [m.id if m else None for m in batch] == [ids[1], None, ids[0]]
    assert await repos.matches.get(match_id="2026-12-07_0000") is None


async def test_a_malformed_match_id_is_bad_input(repos: Repositories) -> None:
    with pytest.raises(BadUserInput) as refused:
        await repos.matches.get(match_id="D#team-b#ROUND")
    assert refused.value.fields == ("match_id",)


async def test_history_pages_newest_first(repos: Repositories) -> None:
    slots = [f"2026-{month:02d}-01" for month in range(1, 13)]
    for slot in slots:
        await completed_round(repos, slot, [["ada", f"partner-{slot}"]])

    seen: list[str] = []
    cursor: str | None = None
    while True:
        page = await repos.matches.history(user_id="ada", limit=5, cursor=cursor)
        seen += [entry.slot for entry in page.items]
        if page.cursor is None:
            break
        cursor = page.cursor

    assert seen == list(reversed(slots))
    assert (await repos.matches.history(user_id="nobody")).items == []


async def test_the_history_page_class_outlives_its_pages(repos: Repositories) -> None:
    # Building a parametrised pydantic class takes milliseconds: once per process, not per call.
    await completed_round(repos, "2026-11-30", [["ada", "bob"]])
    page_class = weakref.ref(type(await repos.matches.history(user_id="ada")))
    rounds_class = weakref.ref(type(await repos.rounds.list_rounds()))

    gc.collect()

    assert page_class() is type(await repos.matches.history(user_id="ada"))
    assert rounds_class() is type(await repos.rounds.list_rounds())


async def test_the_current_match_is_the_one_of_the_latest_completed_round(
    repos: Repositories,
) -> None:
    await completed_round(repos, "2026-11-23", [["ada", "bob"], ["cy", "dee"]])
    latest = await completed_round(repos, "2026-11-30", [["ada", "cy"]])
    await repos.rounds.claim(slot="2026-12-07", owner="job", seed=1)

    current = await repos.matches.current_for(user_id="ada")

    assert current is not None
    assert current.id == latest[0]
    # Not matched in the latest round: no current match.
    assert await repos.matches.current_for(user_id="bob") is None


async def test_a_members_delivery_status_is_marked_on_the_match(repos: Repositories) -> None:
    (match_id,) = await completed_round(repos, "2026-11-30", [["ada", "bob"]])

    updated = await repos.matches.set_delivery(
        match_id=match_id, user_id="bob", status=MemberDelivery.SENT
    )

    assert updated.deliveries == {"ada": MemberDelivery.PENDING, "bob": MemberDelivery.SENT}
    with pytest.raises(NotFound):
        await repos.matches.set_delivery(
            match_id=match_id, user_id="eve", status=MemberDelivery.SENT
        )


async def test_feedback_is_one_per_member_and_sets_the_match_status(repos: Repositories) -> None:
    (match_id,) = await completed_round(repos, "2026-11-30", [["ada", "bob"]])

    await repos.feedback.upsert(
        match_id=match_id, user_id="ada", outcome=FeedbackOutcome.RESCHEDULED
    )
    replaced = await repos.feedback.upsert(
        match_id=match_id, user_id="ada", outcome=FeedbackOutcome.MET, rating=5, comment="Fun"
    )
    await repos.feedback.upsert(match_id=match_id, user_id="bob", outcome=FeedbackOutcome.MET)

    assert await repos.feedback.get(match_id=match_id, user_id="ada") == replaced
    assert {f.user_id for f in await repos.feedback.for_match(match_id=match_id)} == {"ada", "bob"}
    assert await repos.feedback.by_user(user_id="ada") == [replaced]
    match = await repos.matches.get(match_id=match_id)
    assert match is not None
    assert match.status is MatchStatus.MET


async def test_only_members_give_feedback_and_a_bad_rating_is_refused(
    repos: Repositories,
) -> None:
    (match_id,) = await completed_round(repos, "2026-11-30", [["ada", "bob"]])

    with pytest.raises(NotFound) as outsider:
        await repos.feedback.upsert(match_id=match_id, user_id="eve", outcome=FeedbackOutcome.MET)
    with pytest.raises(BadUserInput) as bad:
        await repos.feedback.upsert(
            match_id=match_id, user_id="ada", outcome=FeedbackOutcome.MET, rating=6
        )

    assert outsider.value.code is ErrorCode.NOT_FOUND
    assert bad.value.fields == ("rating",)
    assert await repos.feedback.for_match(match_id=match_id) == []


async def test_blocking_and_unblocking(repos: Repositories) -> None:
    ada = await register_active(repos, "ada")
    bob = await register(repos, "bob")
    cy = await register(repos, "cy")

    await repos.blocks.block(user_id=ada.id, blocked_id=bob.id)
    await repos.blocks.block(user_id=cy.id, blocked_id=ada.id)
    with pytest.raises(AlreadyExists):
        await repos.blocks.block(user_id=ada.id, blocked_id=bob.id)
    with pytest.raises(BadUserInput):
        await repos.blocks.block(user_id=ada.id, blocked_id=ada.id)
    with pytest.raises(NotFound) as unknown:
        await repos.blocks.block(user_id=ada.id, blocked_id="ghost")

    assert unknown.value.fields == ("blocked_id",)
    assert [b.blocked_id for b in await repos.blocks.list_for(user_id=ada.id)] == [bob.id]
    assert set(await repos.blocks.all_pairs()) == {(ada.id, bob.id), (cy.id, ada.id)}
    assert await repos.blocks.unblock(user_id=ada.id, blocked_id=bob.id) is True
    assert await repos.blocks.unblock(user_id=ada.id, blocked_id=bob.id) is False
    assert await repos.blocks.all_pairs() == [(cy.id, ada.id)]
