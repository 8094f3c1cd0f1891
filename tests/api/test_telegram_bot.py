"""The Telegram bot: a one-time deep link links a chat; its buttons record answers."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from config.settings import Settings
from devtools.stack import Endpoints
from notifications.buttons import answer_buttons
from notifications.link_codes import code_key
from notifications.registry import Channel
from repositories.models import ChannelConfig, DeploymentConfig, FeedbackOutcome, User
from tests.api.conftest import Api
from tests.conftest import make_settings

SECRET = "telegram-webhook-secret-0123456789"
SLOT = "2030-01-07"
LINK = """
mutation { linkTelegram {
  __typename
  ... on TelegramLink { url expiresAt botUsername }
  ... on ChannelNotConfigured { message }
} }
"""


@pytest.fixture
def settings(endpoints: Endpoints) -> Settings:
    return make_settings(
        endpoints,
        telegram_bot_username="coffee_test_bot",
        telegram_webhook_secret=SECRET,
        telegram_bot_token="1:test",
    )


async def offer_telegram(api: Api) -> None:
    config = await api.repositories.config.get()
    channels = {**config.channels, Channel.TELEGRAM: ChannelConfig(enabled=True)}
    await api.repositories.config.update(
        config=DeploymentConfig.model_validate({**config.model_dump(), "channels": channels}),
        expected_version=config.version,
    )


async def deep_link_code(api: Api, user: User) -> str:
    data = await api.data(LINK, as_=user)
    link = data["linkTelegram"]
    assert link["__typename"] == "TelegramLink"
    parts = urlsplit(link["url"])
    assert parts.netloc == "t.me"
    assert parts.path == "/coffee_test_bot"
    [code] = parse_qs(parts.query)["start"]
    return str(code)


def start(chat_id: int, code: str, username: str = "ada_l") -> dict[str, Any]:
    return {
        "update_id": 1,
        "message": {
            "message_id": 7,
            "from": {"id": chat_id, "is_bot": False, "first_name": "Ada", "username": username},
            "chat": {"id": chat_id, "type": "private"},
            "date": 1_900_000_000,
            "text": f"/start {code}",
        },
    }


async def webhook(api: Api, update: dict[str, Any], *, secret: str | None = SECRET) -> Any:
    headers = {} if secret is None else {"x-telegram-bot-api-secret-token": secret}
    return await api.client.post("/bots/telegram", json=update, headers=headers)


async def test_the_deep_link_links_the_chat_once(api: Api) -> None:
    await offer_telegram(api)
    ada = await api.person("ada")
    code = await deep_link_code(api, ada)

    linked = await webhook(api, start(4242, code))
    assert linked.status_code == 200
    reply = linked.json()
    assert reply["method"] == "sendMessage"
    assert reply["chat_id"] == 4242
    assert "now linked" in reply["text"]
    user = await api.repositories.users.get(user_id=ada.id)
    assert user is not None
    assert user.notifications.telegram_chat_id == "4242"
    assert user.notifications.telegram_username == "ada_l"
    assert Channel.TELEGRAM in user.notifications.enabled_channels

    # The same code again, from another chat: refused, and the link stays as it was.
    reused = await webhook(api, start(9999, code, username="mallory"))
    assert "already used or has expired" in reused.json()["text"]
    user = await api.repositories.users.get(user_id=ada.id)
    assert user is not None
    assert user.notifications.telegram_chat_id == "4242"


async def test_an_expired_code_links_nothing(api: Api) -> None:
    await offer_telegram(api)
    ada = await api.person("ada")
    code = await deep_link_code(api, ada)
    key = code_key(
        deployment_id=api.services.settings.deployment_id, channel=Channel.TELEGRAM, code=code
    )
    await api.services.redis.pexpire(key, 1)
    await asyncio.sleep(0.05)
    expired = await webhook(api, start(4242, code))
    assert "already used or has expired" in expired.json()["text"]
    user = await api.repositories.users.get(user_id=ada.id)
    assert user is not None
    assert user.notifications.telegram_chat_id is None


async def test_calls_without_the_secret_header_are_refused(api: Api) -> None:
    await offer_telegram(api)
    ada = await api.person("ada")
    code = await deep_link_code(api, ada)
    for secret in (None, "wrong-secret"):
        refused = await webhook(api, start(4242, code), secret=secret)
        assert refused.status_code == 401
        assert refused.json()["error"]["code"] == "UNAUTHENTICATED"
    user = await api.repositories.users.get(user_id=ada.id)
    assert user is not None
    assert user.notifications.telegram_chat_id is None
    # The refused calls did not use the code up.
    assert (await webhook(api, start(4242, code))).json()["method"] == "sendMessage"
    user = await api.repositories.users.get(user_id=ada.id)
    assert user is not None
    assert user.notifications.telegram_chat_id == "4242"


async def test_a_deployment_without_the_channel_offers_no_link(api: Api) -> None:
    ada = await api.person("ada")
    data = await api.data(LINK, as_=ada)
    assert data["linkTelegram"]["__typename"] == "ChannelNotConfigured"


async def test_buttons_record_answers_only_from_the_linked_chat(api: Api) -> None:
    await offer_telegram(api)
    ada, grace = await api.person("ada"), await api.person("grace")
    await webhook(api, start(4242, await deep_link_code(api, ada)))
    [match_id] = await api.completed_round(SLOT, [[ada.id, grace.id]])
    met = answer_buttons(match_id=match_id, user_id=ada.id)[0]

    def press(chat_id: int, data: str) -> dict[str, Any]:
        return {
            "update_id": 2,
            "callback_query": {
                "id": "cb-1",
                "from": {"id": chat_id, "is_bot": False, "first_name": "X"},
                "message": {"message_id": 9, "chat": {"id": chat_id, "type": "private"}},
                "data": data,
            },
        }

    foreign = await webhook(api, press(5555, met.data))
    assert foreign.json()["text"] == "This button is not for this chat."
    assert await api.repositories.feedback.get(match_id=match_id, user_id=ada.id) is None

    answered = await webhook(api, press(4242, met.data))
    assert answered.json() == {
        "method": "answerCallbackQuery",
        "callback_query_id": "cb-1",
        "text": "Recorded: We met. Thank you!",
    }
    feedback = await api.repositories.feedback.get(match_id=match_id, user_id=ada.id)
    assert feedback is not None
    assert feedback.outcome is FeedbackOutcome.MET


SAVE = """mutation($input: NotificationSettingsInput!) {
  updateNotificationSettings(input: $input) {
    notificationSettings { telegram telegramChatId } } }"""


def notification_input(*, telegram: bool, **extra: str) -> dict[str, Any]:
    return {
        "email": True,
        "slack": False,
        "telegram": telegram,
        "signal": False,
        "primaryChannel": "EMAIL",
        **extra,
    }


async def test_a_chat_id_is_never_typed_and_the_linked_one_is_kept(api: Api) -> None:
    await offer_telegram(api)
    ada = await api.person("ada")
    typed = notification_input(telegram=True, telegramChatId="5555")
    refused = await api.error(SAVE, {"input": typed}, as_=ada)
    assert refused["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["telegramChatId"]}
    assert "linkTelegram" in refused["message"]
    before = await api.repositories.users.get(user_id=ada.id)
    assert before is not None
    assert before.notifications.telegram_chat_id is None

    await webhook(api, start(4242, await deep_link_code(api, ada)))
    linked = await api.repositories.users.get(user_id=ada.id)
    assert linked is not None
    # Another chat than the linked one: refused, nothing written.
    refused = await api.error(SAVE, {"input": typed}, as_=ada)
    assert refused["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["telegramChatId"]}
    assert await api.repositories.users.get(user_id=ada.id) == linked

    # Saves without the field (the web app's) keep the linked chat, Telegram off and on again.
    for telegram in (False, True):
        saved = await api.data(SAVE, {"input": notification_input(telegram=telegram)}, as_=ada)
        assert saved["updateNotificationSettings"]["notificationSettings"] == {
            "telegram": telegram,
            "telegramChatId": "4242",
        }
    # A client that sends back the linked chat it read is still answered.
    same = notification_input(telegram=True, telegramChatId="4242")
    saved = await api.data(SAVE, {"input": same}, as_=ada)
    assert saved["updateNotificationSettings"]["notificationSettings"]["telegramChatId"] == "4242"
