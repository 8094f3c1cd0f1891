"""The deployment's chat bots calling in: Telegram's webhook (links chats, records answers).

Telegram proves a call is its own with the secret given to setWebhook, sent back in the
X-Telegram-Bot-Api-Secret-Token header; a call without it is refused before its body is read.
Replies go back in the webhook's response (Telegram runs the method named there), so this
process makes no calls to Telegram.
"""

from __future__ import annotations

import hmac
import json
import logging
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from core.errors import AppError, NotFound
from notifications.answers import ANSWER_LABELS
from notifications.buttons import read_press
from notifications.link_codes import link_telegram_chat, take_code
from notifications.registry import Channel
from runtime.services import Services
from vcoffee.answers import record_answer

logger = logging.getLogger(__name__)

MAX_UPDATE_BYTES = 64 * 1024
PROOF_HEADER = "x-telegram-bot-api-secret-token"
START = "/start"


def _reply(chat_id: int | str, text: str) -> JSONResponse:
    return JSONResponse({"method": "sendMessage", "chat_id": chat_id, "text": text})


def _toast(callback_id: str, text: str) -> JSONResponse:
    return JSONResponse(
        {"method": "answerCallbackQuery", "callback_query_id": callback_id, "text": text}
    )


def _refused(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


async def _start(services: Services, message: dict[str, Any]) -> Response:
    chat = message.get("chat") or {}
    chat_id = chat.get("id")
    text = str(message.get("text") or "")
    if not isinstance(chat_id, int) or chat.get("type") != "private":
        return Response(status_code=200)
    code = text[len(START) :].strip()
    user_id = await take_code(
        services.redis,
        deployment_id=services.settings.deployment_id,
        channel=Channel.TELEGRAM,
        code=code,
    )
    if user_id is None:
        return _reply(
            chat_id,
            "This link was already used or has expired. Open the Notifications page of the "
            "web app and use its Telegram link again.",
        )
    sender = message.get("from") or {}
    username = sender.get("username") if isinstance(sender.get("username"), str) else None
    try:
        user = await link_telegram_chat(
            services.repositories, user_id=user_id, chat_id=str(chat_id), username=username
        )
    except NotFound:
        return _reply(chat_id, "The account this link was made for no longer exists.")
    name = user.profile.display_name or user.profile.name
    return _reply(
        chat_id,
        f"Hi {name}, this chat is now linked: your coffee chat introductions come here, "
        "and you can answer them with the buttons below each one.",
    )


async def _press(services: Services, query: dict[str, Any]) -> Response:
    callback_id = str(query.get("id") or "")
    message = query.get("message") or {}
    chat_id = (message.get("chat") or {}).get("id")
    press = read_press(str(query.get("data") or ""))
    if press is None or not isinstance(chat_id, int):
        return _toast(callback_id, "This button is not ours.")
    user = await services.repositories.users.get(user_id=press.user_id)
    # Only the chat linked to the person named by the button may answer for them.
    if user is None or user.notifications.telegram_chat_id != str(chat_id):
        return _toast(callback_id, "This button is not for this chat.")
    try:
        recorded = await record_answer(
            services.repositories,
            match_id=press.match_id,
            user_id=press.user_id,
            answer=press.answer,
            now=datetime.now(UTC),
        )
    except AppError as error:
        return _toast(callback_id, error.message)
    label = ANSWER_LABELS[recorded.answer]
    if recorded.paused_until is not None:
        return _toast(callback_id, f"{label}: paused through {recorded.paused_until.isoformat()}.")
    return _toast(callback_id, f"Recorded: {label}. Thank you!")


async def telegram_webhook(request: Request) -> Response:
    services: Services = request.app.state.services
    secret = services.settings.telegram_webhook_secret
    if secret is None:
        return _refused(404, "NOT_FOUND", "this deployment has no Telegram bot")
    given = request.headers.get(PROOF_HEADER, "")
    if not hmac.compare_digest(given.encode(), secret.get_secret_value().encode()):
        return _refused(401, "UNAUTHENTICATED", "the secret token header is missing or wrong")
    body = await request.body()
    if len(body) > MAX_UPDATE_BYTES:
        return _refused(413, "BAD_USER_INPUT", "the update is too large")
    try:
        update = json.loads(body)
    except ValueError:
        return _refused(400, "BAD_USER_INPUT", "the update is not JSON")
    if not isinstance(update, dict):
        return _refused(400, "BAD_USER_INPUT", "the update is not a JSON object")
    message = update.get("message")
    if isinstance(message, dict) and str(message.get("text") or "").startswith(START):
        return await _start(services, message)
    query = update.get("callback_query")
    if isinstance(query, dict):
        return await _press(services, query)
    # Everything else (edits, other commands, members joining) is acknowledged and ignored.
    return Response(status_code=200)


def bot_routes() -> list[Route]:
    return [Route("/bots/telegram", telegram_webhook, methods=["POST"])]
