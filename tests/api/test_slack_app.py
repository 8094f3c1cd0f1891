"""The Slack app's requests: signed button presses record answers; /coffee manages taking part."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from config.settings import Settings
from devtools.stack import Endpoints
from notifications.registry import Channel
from notifications.slack_signature import signature
from repositories.models import ChannelConfig, DeploymentConfig, FeedbackOutcome, User
from tests.api.conftest import Api
from tests.conftest import make_settings
from tests.notifications.servers import LocalSlack

SECRET = "slack-signing-secret-0123456789abcdef"
SLOT = "2030-01-07"


@pytest.fixture
async def slack() -> AsyncIterator[LocalSlack]:
    server = LocalSlack()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def settings(endpoints: Endpoints, slack: LocalSlack) -> Settings:
    return make_settings(
        endpoints,
        slack_bot_token=slack.token,
        slack_signing_secret=SECRET,
        slack_api_url=slack.url,
    )


def signed(body: bytes, *, at: int | None = None, secret: str = SECRET) -> dict[str, str]:
    stamp = str(int(time.time()) if at is None else at)
    return {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": stamp,
        "x-slack-signature": signature(secret=secret, timestamp=stamp, body=body),
    }


def press(*, slack_user: str, match_id: str, members: dict[str, str], answer: str) -> bytes:
    value = json.dumps({"m": match_id, "u": members})
    payload = {
        "type": "block_actions",
        "user": {"id": slack_user},
        "actions": [{"action_id": f"answer_{answer}", "value": value}],
    }
    return urlencode({"payload": json.dumps(payload)}).encode()


async def pair(api: Api, slack: LocalSlack) -> tuple[User, User, str, dict[str, str]]:
    ada, grace = await api.person("ada"), await api.person("grace")
    [match_id] = await api.completed_round(SLOT, [[ada.id, grace.id]])
    members = {slack.member(ada.profile.email): ada.id, slack.member(grace.profile.email): grace.id}
    return ada, grace, match_id, members


async def post(api: Api, path: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
    return await api.client.post(path, content=body, headers=headers)


async def test_a_signed_press_records_the_members_answer(api: Api, slack: LocalSlack) -> None:
    ada, _grace, match_id, members = await pair(api, slack)
    body = press(
        slack_user=slack.members[ada.profile.email],
        match_id=match_id,
        members=members,
        answer="met",
    )
    answered = await post(api, "/bots/slack/interactivity", body, signed(body))
    assert answered.status_code == 200
    assert answered.json()["text"] == "Recorded: We met. Thank you!"
    feedback = await api.repositories.feedback.get(match_id=match_id, user_id=ada.id)
    assert feedback is not None
    assert feedback.outcome is FeedbackOutcome.MET


async def test_forged_stale_and_replayed_presses_record_nothing(
    api: Api, slack: LocalSlack
) -> None:
    ada, _grace, match_id, members = await pair(api, slack)
    body = press(
        slack_user=slack.members[ada.profile.email],
        match_id=match_id,
        members=members,
        answer="met",
    )
    cases: list[dict[str, str]] = [
        signed(body, secret="not-the-signing-secret"),
        signed(body, at=int(time.time()) - 6 * 60),
        {"content-type": "application/x-www-form-urlencoded"},
    ]
    for headers in cases:
        refused = await post(api, "/bots/slack/interactivity", body, headers)
        assert refused.status_code == 401
        assert refused.json()["error"]["code"] == "UNAUTHENTICATED"
    assert await api.repositories.feedback.get(match_id=match_id, user_id=ada.id) is None

    # A changed body under the original signature is forged too.
    headers = signed(body)
    other = press(
        slack_user=slack.members[ada.profile.email],
        match_id=match_id,
        members=members,
        answer="not_yet",
    )
    assert (await post(api, "/bots/slack/interactivity", other, headers)).status_code == 401

    first = await post(api, "/bots/slack/interactivity", body, signed(body))
    assert first.status_code == 200
    await api.repositories.feedback.upsert(
        match_id=match_id, user_id=ada.id, outcome=FeedbackOutcome.DID_NOT_MEET
    )
    replay_headers = signed(body, at=int(time.time()) - 1)
    assert (await post(api, "/bots/slack/interactivity", body, replay_headers)).status_code == 200
    replayed = await post(api, "/bots/slack/interactivity", body, replay_headers)
    assert replayed.status_code == 401
    assert "REPLAYED" in replayed.json()["error"]["message"]


async def test_someone_outside_the_match_cannot_answer(api: Api, slack: LocalSlack) -> None:
    _ada, _grace, match_id, members = await pair(api, slack)
    mallory = slack.member("mallory@example.com")
    body = press(slack_user=mallory, match_id=match_id, members=members, answer="met")
    answered = await post(api, "/bots/slack/interactivity", body, signed(body))
    assert answered.json()["text"] == "This button belongs to the people of this match."
    assert await api.repositories.feedback.for_match(match_id=match_id) == []


_triggers = itertools.count()


async def command(
    api: Api, slack_user: str, text: str, *, team_id: str = "T0LOCAL01", user_name: str = "someone"
) -> Any:
    # Slack gives every command its own trigger id, so no two requests are the same.
    fields = {
        "command": "/coffee",
        "team_id": team_id,
        "user_id": slack_user,
        "user_name": user_name,
        "text": text,
    }
    body = urlencode({**fields, "trigger_id": f"t-{next(_triggers)}"}).encode()
    response = await post(api, "/bots/slack/commands", body, signed(body))
    assert response.status_code == 200, response.text
    return response.json()


async def test_the_coffee_command_pauses_resumes_and_skips(api: Api, slack: LocalSlack) -> None:
    ada = await api.person("ada")
    me = slack.member(ada.profile.email)

    assert (await command(api, me, "status"))["text"] == "You take part in the coming rounds."
    paused = await command(api, me, "pause until 2099-01-31")
    assert paused["text"] == "You are paused through 2099-01-31."
    user = await api.repositories.users.get(user_id=ada.id)
    assert user is not None
    assert user.participation.paused
    assert str(user.participation.paused_until) == "2099-01-31"

    assert (await command(api, me, "resume"))["text"] == "You take part in the coming rounds."
    assert (await command(api, me, "pause"))["text"].startswith("You are paused until you resume")
    await command(api, me, "resume")
    skipped = await command(api, me, "skip")
    assert skipped["text"].startswith("Skipping the next round: paused through ")
    refused = await command(api, me, "pause until yesterday")
    assert "YYYY-MM-DD" in refused["text"]

    stranger = slack.member("stranger@example.com")
    assert "could not find you" in (await command(api, stranger, "pause"))["text"]


LINK_SLACK = """
mutation { linkSlack {
  __typename
  ... on SlackLinkCode { command expiresAt }
  ... on ChannelNotConfigured { message }
} }
"""


async def test_connect_slack_links_the_member_the_code_was_given_by(
    api: Api, slack: LocalSlack
) -> None:
    config = await api.repositories.config.get()
    channels = {**config.channels, Channel.SLACK: ChannelConfig(enabled=True)}
    await api.repositories.config.update(
        config=DeploymentConfig.model_validate({**config.model_dump(), "channels": channels}),
        expected_version=config.version,
    )
    ada = await api.person("ada")
    # Ada's Slack account has another email than her sign-in: the lookup cannot find her.
    other = slack.member("ada.personal@example.org")
    assert "could not find you" in (await command(api, other, "status"))["text"]
    data = await api.data(LINK_SLACK, as_=ada)
    code = data["linkSlack"]["command"].split()[-1]
    linked = await command(api, other, f"connect {code}", user_name="ada.lovelace")
    assert linked["text"] == "Linked: your coffee chats can reach you here."
    user = await api.repositories.users.get(user_id=ada.id)
    assert user is not None
    assert user.notifications.slack_user_id == other
    # The command names her workspace and handle: what her partners' Slack line needs.
    assert user.notifications.slack_team_id == "T0LOCAL01"
    assert user.notifications.slack_name == "ada.lovelace"
    # Linking turns Slack on for her, as the reply says.
    assert Channel.SLACK in user.notifications.enabled_channels
    assert (await command(api, other, "status"))["text"] == "You take part in the coming rounds."
    again = await command(api, slack.member("eve@example.com"), f"connect {code}")
    assert "already used or has expired" in again["text"]


SAVE = """
mutation ($input: NotificationSettingsInput!) {
  updateNotificationSettings(input: $input) { notificationSettings { slack primaryChannel } }
}
"""


def slack_on() -> dict[str, Any]:
    return {
        "input": {
            "email": True,
            "slack": True,
            "telegram": False,
            "signal": False,
            "primaryChannel": "SLACK",
            "slackWebhook": None,
            "telegramChatId": None,
            "signalNumber": None,
        }
    }


async def test_turning_slack_on_links_the_member_by_verified_email(
    api: Api, slack: LocalSlack
) -> None:
    ada, eve = await api.person("ada"), await api.person("eve")
    member = slack.member(ada.profile.email)
    saved = await api.data(SAVE, slack_on(), as_=ada)
    assert saved["updateNotificationSettings"]["notificationSettings"]["primaryChannel"] == "SLACK"
    user = await api.repositories.users.get(user_id=ada.id)
    assert user is not None
    assert user.notifications.slack_user_id == member
    assert user.notifications.slack_team_id == slack.team_id
    assert user.notifications.slack_name == ada.profile.email.partition("@")[0]
    # The Notifications page learns that the app links people (no webhook) and whom it linked.
    read = await api.data(
        "{ me { notificationSettings { slackLinked slackName } } deploymentSettings { slackApp } }",
        as_=ada,
    )
    assert read == {
        "me": {
            "notificationSettings": {
                "slackLinked": True,
                "slackName": ada.profile.email.partition("@")[0],
            }
        },
        "deploymentSettings": {"slackApp": True},
    }
    # Someone Slack does not know is told to use Connect Slack; nothing is saved.
    error = await api.error(SAVE, slack_on(), as_=eve)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Connect Slack" in error["message"]
    unchanged = await api.repositories.users.get(user_id=eve.id)
    assert unchanged is not None
    assert unchanged.notifications.enabled_channels == [Channel.EMAIL]


INTRODUCTION = """
query ($id: ID!) {
  match(id: $id) { introduction { partners { id contacts { label value url } } } }
}
"""


async def contacts_seen(api: Api, match_id: str, *, by: User) -> list[dict[str, str]]:
    data = await api.data(INTRODUCTION, {"id": match_id}, as_=by)
    [partner] = data["match"]["introduction"]["partners"]
    contacts: list[dict[str, str]] = partner["contacts"]
    return contacts


async def test_a_partner_linked_by_verified_email_has_a_slack_line_on_the_match_page(
    api: Api, slack: LocalSlack
) -> None:
    ada, grace = await api.person("ada"), await api.person("grace")
    member = slack.member(grace.profile.email, name="ghopper", display_name="Grace H.")
    await api.data(SAVE, slack_on(), as_=grace)
    [match_id] = await api.completed_round(SLOT, [[ada.id, grace.id]])
    assert await contacts_seen(api, match_id, by=ada) == [
        {"label": "Email", "value": grace.profile.email, "url": f"mailto:{grace.profile.email}"},
        {
            "label": "Slack",
            "value": "@Grace H.",
            "url": f"slack://user?team={slack.team_id}&id={member}",
        },
    ]
    # Saving her settings again keeps the link whole.
    await api.data(SAVE, slack_on(), as_=grace)
    assert [contact["label"] for contact in await contacts_seen(api, match_id, by=ada)] == [
        "Email",
        "Slack",
    ]


async def linked_by_the_previous_release(api: Api, user: User, slack_id: str) -> User:
    """The person as the release before kept a Slack link: the member id alone."""
    settings = user.notifications.model_copy(update={"slack_user_id": slack_id})
    return await api.repositories.users.update_notifications(
        user_id=user.id, settings=settings, expected_version=user.version
    )


async def test_an_earlier_link_gets_its_slack_line_once_slack_tells_us_of_the_person(
    api: Api, slack: LocalSlack
) -> None:
    ada, grace = await api.person("ada"), await api.person("grace")
    # The previous release linked her by her verified email and kept the member id alone.
    member = slack.member(grace.profile.email)
    await linked_by_the_previous_release(api, grace, member)
    [match_id] = await api.completed_round(SLOT, [[ada.id, grace.id]])
    assert [contact["label"] for contact in await contacts_seen(api, match_id, by=ada)] == ["Email"]
    # Any /coffee command she types carries her workspace and handle.
    await command(api, member, "status", user_name="grace.h")
    assert await contacts_seen(api, match_id, by=ada) == [
        {"label": "Email", "value": grace.profile.email, "url": f"mailto:{grace.profile.email}"},
        {"label": "Slack", "value": "@grace.h", "url": f"slack://user?team=T0LOCAL01&id={member}"},
    ]


async def test_a_button_press_completes_an_earlier_link_too(api: Api, slack: LocalSlack) -> None:
    ada, grace, match_id, members = await pair(api, slack)
    member = slack.members[grace.profile.email]
    await linked_by_the_previous_release(api, grace, member)
    payload = {
        "type": "block_actions",
        "user": {"id": member, "username": "grace.h", "name": "grace.h", "team_id": "T0LOCAL01"},
        "team": {"id": "T0LOCAL01", "domain": "acme"},
        "actions": [
            {"action_id": "answer_met", "value": json.dumps({"m": match_id, "u": members})}
        ],
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    answered = await post(api, "/bots/slack/interactivity", body, signed(body))
    assert answered.json()["text"] == "Recorded: We met. Thank you!"
    user = await api.repositories.users.get(user_id=grace.id)
    assert user is not None
    assert (user.notifications.slack_team_id, user.notifications.slack_name) == (
        "T0LOCAL01",
        "grace.h",
    )
    assert "Slack" in [contact["label"] for contact in await contacts_seen(api, match_id, by=ada)]
