"""Slack as the deployment's installed app: one group conversation per match, with buttons.

Every member's notification job may reach this sender; the first to get here posts the
introduction into the conversation of all the match's members Slack knows (found by stored
member id or by verified email), the others find it posted. Which job posts is decided by
the `IntroLedger` (a Redis SET NX in production), so a match is introduced once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from notifications.channels.http import parse_retry_after
from notifications.errors import PermanentError, TransientError
from notifications.message import GroupIntro, RenderedMessage
from repositories.models.users import SLACK_NAME_CHARS

SERVICE = "Slack"
SLACK_API = "https://slack.com/api"
# Errors Slack answers with HTTP 200 and ok=false that a retry may fix.
_TRANSIENT = frozenset({"ratelimited", "internal_error", "fatal_error", "service_unavailable"})
_NOT_FOUND = frozenset({"users_not_found", "user_not_found", "channel_not_found"})


@dataclass(frozen=True)
class SlackMember:
    """A member of the app's workspace as Slack describes them: what partners need to reach them.

    `name` is what Slack shows for them (their display name, else their user name); `team_id`
    is the workspace, which Slack's deep links need. Both may be missing in what Slack sends.
    """

    user_id: str
    team_id: str | None = None
    name: str | None = None


_MEMBER_ID = re.compile(r"[UW][A-Z0-9]{2,20}")
_TEAM_ID = re.compile(r"[TE][A-Z0-9]{2,20}")


def slack_name(*candidates: object) -> str | None:
    """The first candidate that makes a usable name: one line, no control characters, cut short."""
    for candidate in candidates:
        if not isinstance(candidate, str):
            continue
        printable = "".join(
            " " if char.isspace() else char
            for char in candidate[:500]
            if char.isprintable() or char.isspace()
        )
        name = " ".join(printable.split())[:SLACK_NAME_CHARS].strip()
        if name:
            return name
    return None


def slack_member(
    *, user_id: object, team_id: object, names: tuple[object, ...]
) -> SlackMember | None:
    """A member from the fields Slack sent; None without a member id of Slack's form."""
    if not isinstance(user_id, str) or not _MEMBER_ID.fullmatch(user_id):
        return None
    team = team_id if isinstance(team_id, str) and _TEAM_ID.fullmatch(team_id) else None
    return SlackMember(user_id=user_id, team_id=team, name=slack_name(*names))


def member_of_user(user: object) -> SlackMember | None:
    """A member from a Web API user object (users.lookupByEmail, users.info)."""
    if not isinstance(user, dict):
        return None
    profile = user.get("profile")
    profile = profile if isinstance(profile, dict) else {}
    return slack_member(
        user_id=user.get("id"),
        team_id=user.get("team_id"),
        names=(profile.get("display_name"), user.get("name")),
    )


class SlackApiError(Exception):
    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


class SlackApi:
    """The few Web API methods the app uses, authenticated with the bot token."""

    def __init__(self, *, client: httpx.AsyncClient, token: str, base_url: str = SLACK_API):
        self._client = client
        self._token = token
        self._base = base_url.rstrip("/")

    async def call(self, method: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Calls a method; 429 and 5xx become TransientError (Retry-After kept)."""
        try:
            response = await self._client.post(
                f"{self._base}/{method}",
                json=payload,
                headers={"authorization": f"Bearer {self._token}"},
            )
        except httpx.TimeoutException as exc:
            raise TransientError("TIMEOUT", f"{SERVICE} did not answer in time") from exc
        except httpx.TransportError as exc:
            raise TransientError("CONNECTION_FAILED", f"{SERVICE} could not be reached") from exc
        if response.status_code == 429:
            raise TransientError(
                "RATE_LIMITED",
                f"{SERVICE} asked to slow down ({method})",
                retry_after=parse_retry_after(response.headers.get("retry-after")),
            )
        if response.status_code >= 500 or response.status_code == 408:
            raise TransientError("SERVER_ERROR", f"{SERVICE} answered HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError as exc:
            raise PermanentError("REJECTED", f"{SERVICE} answered without JSON") from exc
        if not isinstance(body, dict):
            raise PermanentError("REJECTED", f"{SERVICE} answered an unexpected body")
        if body.get("ok") is not True:
            error = str(body.get("error", "unknown_error"))[:100]
            if error in _TRANSIENT:
                raise TransientError("SERVER_ERROR", f"{SERVICE}: {error}")
            raise SlackApiError(error)
        return body

    async def lookup_by_email(self, email: str) -> SlackMember | None:
        try:
            body = await self.call("users.lookupByEmail", {"email": email})
        except SlackApiError as exc:
            if exc.error in _NOT_FOUND:
                return None
            raise PermanentError("REJECTED", f"{SERVICE}: {exc.error}") from exc
        return member_of_user(body.get("user"))

    async def email_of(self, user_id: str) -> str | None:
        """The member's verified email, for the slash command (users:read.email scope)."""
        try:
            body = await self.call("users.info", {"user": user_id})
        except SlackApiError:
            return None
        profile = (body.get("user") or {}).get("profile") or {}
        email = profile.get("email")
        return email if isinstance(email, str) else None

    async def open_conversation(self, user_ids: Sequence[str]) -> str:
        try:
            body = await self.call("conversations.open", {"users": ",".join(user_ids)})
        except SlackApiError as exc:
            raise PermanentError("REJECTED", f"{SERVICE}: {exc.error}") from exc
        channel = (body.get("channel") or {}).get("id")
        if not isinstance(channel, str):
            raise PermanentError("REJECTED", f"{SERVICE} opened no conversation")
        return channel

    async def post(self, *, channel: str, text: str, blocks: list[dict[str, Any]]) -> None:
        try:
            await self.call(
                "chat.postMessage",
                {"channel": channel, "text": text, "blocks": blocks, "unfurl_links": False},
            )
        except SlackApiError as exc:
            if exc.error in _NOT_FOUND:
                raise PermanentError("CHANNEL_NOT_FOUND", f"{SERVICE}: {exc.error}") from exc
            raise PermanentError("REJECTED", f"{SERVICE}: {exc.error}") from exc


class IntroLedger(Protocol):
    """Who posts a match's introduction: `start` is True for exactly one caller at a time."""

    async def start(self, match_id: str) -> bool: ...

    async def finish(self, match_id: str) -> None: ...

    async def abandon(self, match_id: str) -> None: ...

    async def posted(self, match_id: str) -> bool: ...


@dataclass(frozen=True)
class Resolved:
    """A member as Slack knows them."""

    user_id: str
    slack_id: str


def escape(text: str) -> str:
    """Slack's three markup characters, so `<!channel>` in a name stays text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def intro_blocks(
    *, intro: GroupIntro, members: Sequence[Resolved]
) -> tuple[str, list[dict[str, Any]]]:
    """The Block Kit introduction: who, what about, when (in each reader's zone), buttons."""
    slack_of = {member.user_id: member.slack_id for member in members}
    names = [
        f"<@{slack_of[person.user_id]}>" if person.user_id in slack_of else escape(person.name)
        for person in intro.people
    ]
    together = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    blocks: list[dict[str, Any]] = [
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": f":coffee: {together}, you are this round's coffee chat on "
                f"{escape(intro.deployment_name)}!",
            },
        }
    ]
    for person in intro.people:
        lines = [
            f"*{escape(person.name)}*"
            + (f" ({escape(person.pronouns)})" if person.pronouns else "")
        ]
        role = ", ".join(
            part for part in (person.title, f"{person.team} team" if person.team else None) if part
        )
        if role:
            lines.append(escape(role))
        zone, clock = escape(person.time_zone), escape(person.local_time)
        lines.append(f"Time zone: {zone} ({clock} at the suggested time)")
        if person.about:
            lines.append(f"About: {escape(person.about)}")
        if person.topics:
            lines.append(f"Topics: {escape(', '.join(person.topics))}")
        lines.append(f"Email: {escape(person.email)}")
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)}})
    epoch = int(intro.start.timestamp())
    blocks.append(
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                # Slack shows the date in each reader's own time zone.
                "text": f"*Suggested:* <!date^{epoch}^{{date_long_pretty}} at {{time}}|"
                f"{intro.start:%Y-%m-%d %H:%M} UTC>, {intro.duration_minutes} minutes\n"
                f"*Conversation starter:* {escape(intro.conversation_starter)}",
            },
        }
    )
    value = json.dumps(
        {"m": intro.match_id, "u": {member.slack_id: member.user_id for member in members}},
        separators=(",", ":"),
    )
    blocks.append(
        {
            "type": "actions",
            "block_id": "answers",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": label},
                    "action_id": f"answer_{answer}",
                    "value": value,
                    **({"style": "primary"} if answer == "met" else {}),
                }
                for answer, label in (
                    ("met", "We met"),
                    ("not_yet", "Not yet"),
                    ("skip", "Skip next round"),
                )
            ],
        }
    )
    text = f"Your coffee chat: {', '.join(person.name for person in intro.people)}"
    return text, blocks


class SlackAppChannel:
    """Introduces each match once, in one conversation with all its members on Slack."""

    def __init__(self, *, api: SlackApi, ledger: IntroLedger) -> None:
        self._api = api
        self._ledger = ledger

    async def _resolve(self, intro: GroupIntro) -> list[Resolved]:
        found: list[Resolved] = []
        for person in intro.people:
            slack_id = person.slack_id
            if slack_id is None:
                member = await self._api.lookup_by_email(person.email)
                slack_id = None if member is None else member.user_id
            if slack_id:
                found.append(Resolved(user_id=person.user_id, slack_id=slack_id))
        return found

    async def send(self, *, message: RenderedMessage, address: str) -> None:
        intro = message.group
        if intro is None:
            raise PermanentError("NOT_SUPPORTED", "Slack introduces matches only")
        members = await self._resolve(intro)
        if intro.reader_id not in {member.user_id for member in members}:
            raise PermanentError("NOT_ON_SLACK", "Slack knows no member with this email")
        if await self._ledger.posted(intro.match_id):
            return
        if not await self._ledger.start(intro.match_id):
            # Another member's job is posting right now; try again shortly.
            raise TransientError("IN_PROGRESS", "the match is being introduced", retry_after=2.0)
        try:
            channel = await self._api.open_conversation([member.slack_id for member in members])
            text, blocks = intro_blocks(intro=intro, members=members)
            await self._api.post(channel=channel, text=text, blocks=blocks)
        except BaseException:
            await self._ledger.abandon(intro.match_id)
            raise
        await self._ledger.finish(intro.match_id)
