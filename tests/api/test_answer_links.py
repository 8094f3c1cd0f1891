"""One-click answers from messages: a confirmation page, one record per link, nothing forged."""

from __future__ import annotations

import base64
import json
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import httpx

from notifications.answer_links import AnswerLinkSigner, answer_link_key, signer_for
from notifications.answers import Answer
from repositories.models import FeedbackOutcome
from tests.api.conftest import Api

SLOT = "2030-01-07"


def token_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["token"][0]


async def click(api: Api, url: str) -> tuple[httpx.Response, httpx.Response]:
    """Opens the link, then presses the confirmation page's button."""
    shown = await api.client.get(urlsplit(url).path + "?" + urlsplit(url).query)
    form = re.search(r'name="token" value="([^"]+)"', shown.text)
    assert form is not None, shown.text
    pressed = await api.client.post(
        "/answer",
        content=f"token={form.group(1)}".encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    return shown, pressed


async def test_a_link_records_once_and_a_second_click_says_already_recorded(api: Api) -> None:
    ada, grace = await api.person("ada"), await api.person("grace")
    [match_id] = await api.completed_round(SLOT, [[ada.id, grace.id]])
    links = signer_for(api.services.settings)(match_id=match_id, user_id=ada.id)

    opened = await api.client.get("/answer", params={"token": token_of(links.met)})
    assert opened.status_code == 200
    assert "We met" in opened.text
    assert 'method="post"' in opened.text
    # Opening the link (as a mail scanner would) records nothing.
    assert await api.repositories.feedback.get(match_id=match_id, user_id=ada.id) is None

    _shown, pressed = await click(api, links.met)
    assert pressed.status_code == 200
    assert "Recorded: We met" in pressed.text
    feedback = await api.repositories.feedback.get(match_id=match_id, user_id=ada.id)
    assert feedback is not None
    assert feedback.outcome is FeedbackOutcome.MET

    again = await api.client.post(
        "/answer",
        content=f"token={token_of(links.met)}".encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert "Already recorded" in again.text
    reopened = await api.client.get("/answer", params={"token": token_of(links.met)})
    assert "Already recorded" in reopened.text

    # Another of the same message's links still works: a later "Not yet" replaces the answer.
    _, changed = await click(api, links.not_yet)
    assert "Recorded: Not yet" in changed.text
    feedback = await api.repositories.feedback.get(match_id=match_id, user_id=ada.id)
    assert feedback is not None
    assert feedback.outcome is FeedbackOutcome.DID_NOT_MEET


async def test_skip_next_round_pauses_through_the_next_rounds_day(api: Api) -> None:
    ada, grace = await api.person("ada"), await api.person("grace")
    [match_id] = await api.completed_round(SLOT, [[ada.id, grace.id]])
    links = signer_for(api.services.settings)(match_id=match_id, user_id=ada.id)
    _, pressed = await click(api, links.skip)
    assert "Recorded: Skip next round" in pressed.text
    user = await api.repositories.users.get(user_id=ada.id)
    assert user is not None
    assert user.participation.paused
    until = user.participation.paused_until
    assert until is not None
    today = datetime.now(UTC).date()
    assert today <= until <= today + timedelta(days=7)  # the default schedule is weekly
    assert f"paused through {until.isoformat()}" in pressed.text
    assert await api.repositories.feedback.get(match_id=match_id, user_id=ada.id) is None


async def test_a_tampered_or_foreign_link_records_nothing(api: Api) -> None:
    ada, grace, eve = await api.person("ada"), await api.person("grace"), await api.person("eve")
    [match_id] = await api.completed_round(SLOT, [[ada.id, grace.id]])
    token = token_of(signer_for(api.services.settings)(match_id=match_id, user_id=ada.id).met)
    payload, mac = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["u"] = grace.id
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    for bad in (f"{forged}.{mac}", token[:-3] + "AAA", "nonsense"):
        response = await api.client.post(
            "/answer",
            content=f"token={bad}".encode(),
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert response.status_code == 400
        assert "BAD_USER_INPUT" in response.text
    # Signed for someone who is not in the match: not theirs to answer.
    foreign = token_of(signer_for(api.services.settings)(match_id=match_id, user_id=eve.id).met)
    response = await api.client.post(
        "/answer",
        content=f"token={foreign}".encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 404
    for person in (ada, grace, eve):
        assert await api.repositories.feedback.get(match_id=match_id, user_id=person.id) is None
    # A link of another deployment's key is refused as tampered too.
    stranger = AnswerLinkSigner(key=b"k" * 32, public_url="http://127.0.0.1:8000")
    response = await api.client.get(
        "/answer",
        params={"token": stranger.token(match_id=match_id, user_id=ada.id, answer=Answer.MET)},
    )
    assert response.status_code == 400


async def test_an_expired_link_is_refused(api: Api) -> None:
    ada, grace = await api.person("ada"), await api.person("grace")
    [match_id] = await api.completed_round(SLOT, [[ada.id, grace.id]])
    old = AnswerLinkSigner(
        key=answer_link_key(api.services.settings),
        public_url="http://127.0.0.1:8000",
        clock=lambda: datetime.now(UTC) - timedelta(days=30),
    )
    token = old.token(match_id=match_id, user_id=ada.id, answer=Answer.MET)
    response = await api.client.post(
        "/answer",
        content=f"token={token}".encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 400
    assert "expired" in response.text
    assert await api.repositories.feedback.get(match_id=match_id, user_id=ada.id) is None
