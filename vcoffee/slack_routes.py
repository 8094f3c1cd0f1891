"""The Slack app calling in: button presses (interactivity) and the `/coffee` command.

Each request must carry Slack's v0 signature over its timestamp and body, made within the
last five minutes; a signature seen before is refused (remembered in Redis for ten
minutes, past the age limit), so a replayed request records nothing.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from core.errors import AppError, NotFound
from notifications.answers import ANSWER_LABELS, Answer
from notifications.channels.slack_app import SlackApi, SlackMember, slack_member
from notifications.errors import DeliveryError
from notifications.link_codes import fill_slack_member, link_slack_member, take_code
from notifications.registry import Channel
from notifications.slack_signature import BadSignature, verify
from repositories.models.users import User
from runtime.services import Services
from vcoffee.answers import record_answer, skip_next_round

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
REPLAY_WINDOW = timedelta(minutes=10)
USAGE = (
    "Use `/coffee status`, `/coffee pause` (or `/coffee pause until 2030-01-31`), "
    "`/coffee resume`, `/coffee skip` (skip the next round) or `/coffee connect <code>`."
)


def _refused(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _say(text: str) -> JSONResponse:
    return JSONResponse({"response_type": "ephemeral", "text": text})


async def _verified_body(request: Request, services: Services) -> bytes | JSONResponse:
    """The body, if Slack signed it just now and never sent it before; else the refusal."""
    secret = services.settings.slack_signing_secret
    if secret is None:
        return _refused(404, "NOT_FOUND", "this deployment has no Slack app")
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        return _refused(413, "BAD_USER_INPUT", "the request is too large")
    given = request.headers.get("x-slack-signature")
    try:
        verify(
            secret=secret.get_secret_value(),
            timestamp=request.headers.get("x-slack-request-timestamp"),
            given=given,
            body=body,
            now=datetime.now(UTC),
        )
    except BadSignature as refused:
        return _refused(401, "UNAUTHENTICATED", f"not signed by Slack ({refused.reason})")
    key = f"vcoffee:{services.settings.deployment_id}:slack-seen:{given}"
    window = int(REPLAY_WINDOW.total_seconds())
    if not await services.redis.set(key, b"1", nx=True, ex=window):
        return _refused(401, "UNAUTHENTICATED", "this request was already received (REPLAYED)")
    return body


def _form(body: bytes) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(body.decode("utf-8", "replace")).items()}


async def interactivity(request: Request) -> Response:
    services: Services = request.app.state.services
    body = await _verified_body(request, services)
    if isinstance(body, JSONResponse):
        return body
    try:
        payload: Any = json.loads(_form(body).get("payload", ""))
        action = payload["actions"][0]
        answer = Answer(str(action["action_id"]).removeprefix("answer_"))
        value = json.loads(action["value"])
        match_id, members = str(value["m"]), dict(value["u"])
        pressing = _pressing(payload)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return _refused(400, "BAD_USER_INPUT", "not a button of ours")
    if pressing is None:
        return _refused(400, "BAD_USER_INPUT", "not a button of ours")
    # The button's value was written by us into a message Slack signed back: it names which
    # of the match's people each Slack member is.
    user_id = members.get(pressing.user_id)
    if user_id is None:
        return _say("This button belongs to the people of this match.")
    user = await services.repositories.users.get(user_id=str(user_id))
    if user is not None:
        await fill_slack_member(services.repositories, user=user, member=pressing)
    try:
        recorded = await record_answer(
            services.repositories,
            match_id=match_id,
            user_id=str(user_id),
            answer=answer,
            now=datetime.now(UTC),
        )
    except AppError as error:
        return _say(error.message)
    label = ANSWER_LABELS[recorded.answer]
    if recorded.paused_until is not None:
        return _say(f"{label}: you are paused through {recorded.paused_until.isoformat()}.")
    return _say(f"Recorded: {label}. Thank you!")


def _member_key(services: Services, slack_user: str) -> str:
    return f"vcoffee:{services.settings.deployment_id}:slack-member:{slack_user}"


async def _person(services: Services, slack_user: str) -> User | None:
    """Our person behind a Slack member: by the id they linked, else by verified email."""
    linked = await services.redis.get(_member_key(services, slack_user))
    if linked is not None:
        user = await services.repositories.users.get(user_id=bytes(linked).decode())
        # The stored settings are the truth; the Redis entry only finds them.
        if user is not None and user.notifications.slack_user_id == slack_user:
            return user
    token = services.settings.slack_bot_token
    if token is None:
        return None
    async with httpx.AsyncClient(timeout=10) as client:
        api = SlackApi(
            client=client,
            token=token.get_secret_value(),
            base_url=services.settings.slack_api_url,
        )
        try:
            email = await api.email_of(slack_user)
        except DeliveryError:
            return None
    if email is None:
        return None
    return await services.repositories.users.get_by_email(email=email)


async def _connect(services: Services, member: SlackMember, code: str) -> str:
    user_id = await take_code(
        services.redis,
        deployment_id=services.settings.deployment_id,
        channel=Channel.SLACK,
        code=code,
    )
    expired = "This code was already used or has expired; get a new one on the Notifications page."
    if user_id is None:
        return expired
    try:
        user = await link_slack_member(services.repositories, user_id=user_id, member=member)
    except NotFound:
        return expired
    await services.redis.set(_member_key(services, member.user_id), user.id.encode())
    return "Linked: your coffee chats can reach you here."


def _commanding(form: dict[str, str]) -> SlackMember | None:
    """Who typed the command, as the command's own fields say (`user_name` is their handle)."""
    return slack_member(
        user_id=form.get("user_id"), team_id=form.get("team_id"), names=(form.get("user_name"),)
    )


def _pressing(payload: dict[str, Any]) -> SlackMember | None:
    """Who pressed the button, as the interactivity payload says."""
    user = payload.get("user")
    team = payload.get("team")
    if not isinstance(user, dict):
        return None
    return slack_member(
        user_id=user.get("id"),
        team_id=user.get("team_id") or (team.get("id") if isinstance(team, dict) else None),
        names=(user.get("username"), user.get("name")),
    )


def _status(user: User, today: date) -> str:
    participation = user.participation
    if participation.paused and participation.paused_until is not None:
        return f"You are paused through {participation.paused_until.isoformat()}."
    if participation.paused:
        return "You are paused until you resume (`/coffee resume`)."
    if not participation.opted_in:
        return "You have not joined yet; join in the web app."
    return "You take part in the coming rounds."


async def slash_command(request: Request) -> Response:
    services: Services = request.app.state.services
    body = await _verified_body(request, services)
    if isinstance(body, JSONResponse):
        return body
    form = _form(body)
    member = _commanding(form)
    if member is None:
        return _refused(400, "BAD_USER_INPUT", "the command names no Slack member")
    words = form.get("text", "").split()
    command = words[0].lower() if words else "status"
    if command == "connect":
        if len(words) != 2:
            return _say("Use `/coffee connect <code>` with the code from the Notifications page.")
        return _say(await _connect(services, member, words[1]))
    user = await _person(services, member.user_id)
    if user is None:
        return _say(
            "I could not find you: sign in to the web app with your Slack email, or use "
            "Connect Slack on its Notifications page."
        )
    await fill_slack_member(services.repositories, user=user, member=member)
    users = services.repositories.users
    now = datetime.now(UTC)
    if command == "status":
        return _say(_status(user, now.date()))
    if command == "pause":
        until: date | None = None
        if len(words) >= 2:
            try:
                until = date.fromisoformat(words[-1])
            except ValueError:
                return _say(
                    "Give the last paused day as YYYY-MM-DD, e.g. `/coffee pause until 2030-01-31`."
                )
            if until < now.date():
                return _say("That day is in the past.")
        paused = await users.pause(user_id=user.id, until=until)
        return _say(_status(paused, now.date()))
    if command == "resume":
        return _say(_status(await users.resume(user_id=user.id), now.date()))
    if command == "skip":
        last = await skip_next_round(services.repositories, user=user, now=now)
        return _say(
            f"Skipping the next round: paused through {last}."
            if last
            else _status(user, now.date())
        )
    return _say(USAGE)


def slack_routes() -> list[Route]:
    return [
        Route("/bots/slack/interactivity", interactivity, methods=["POST"]),
        Route("/bots/slack/commands", slash_command, methods=["POST"]),
    ]
