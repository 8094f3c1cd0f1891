"""Local servers speaking each channel's protocol, answering as each test scripts them."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx
from aiohttp import web
from aiosmtpd.smtp import SMTP, Envelope, Session

from notifications.slack_signature import signature


@dataclass(frozen=True)
class Reply:
    """One scripted answer: a status and body, or hanging until the server stops."""

    status: int = 200
    body: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)
    hang: bool = False
    delay: float = 0.0


@dataclass(frozen=True)
class Received:
    """A request as the server saw it."""

    path: str
    body: Any
    at: float


class ScriptedHttpService:
    """An HTTP server on 127.0.0.1 that answers from a script, then with its default reply."""

    def __init__(self, *, default: Reply) -> None:
        self.default = default
        self.script: deque[Reply] = deque()
        self.received: list[Received] = []
        self._release = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    def then(self, *replies: Reply) -> None:
        self.script.extend(replies)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode()
        self.received.append(Received(path=request.path, body=body, at=time.monotonic()))
        reply = self.script.popleft() if self.script else self.default
        if reply.hang:
            await self._release.wait()
        if reply.delay:
            await asyncio.sleep(reply.delay)
        if isinstance(reply.body, str):
            return web.Response(status=reply.status, text=reply.body, headers=reply.headers)
        return web.json_response(reply.body, status=reply.status, headers=reply.headers)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("POST", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert isinstance(server, asyncio.base_events.Server)
        self.port = server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        self._release.set()
        if self._runner is not None:
            await self._runner.cleanup()


SLACK_OK = Reply(status=200, body="ok")
TELEGRAM_OK = Reply(status=200, body={"ok": True, "result": {"message_id": 1}})
SIGNAL_OK = Reply(status=201, body={"timestamp": "1700000000000"})


@dataclass(frozen=True)
class SmtpReply:
    """What the SMTP server answers at end of DATA: a status line, or hanging."""

    line: str = "250 OK"
    hang: bool = False


class ScriptedSmtpHandler:
    """aiosmtpd handler keeping accepted messages and answering DATA from a script."""

    def __init__(self) -> None:
        self.script: deque[SmtpReply] = deque()
        self.accepted: list[Envelope] = []
        self.attempts = 0
        self.release = asyncio.Event()
        # Some servers are slow to answer QUIT; the message was accepted all the same.
        self.quit_hangs = False

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.attempts += 1
        reply = self.script.popleft() if self.script else SmtpReply()
        if reply.hang:
            await self.release.wait()
        if reply.line.startswith("250"):
            self.accepted.append(envelope)
        return reply.line

    async def handle_QUIT(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.quit_hangs:
            await self.release.wait()
        return "221 Bye"


class ScriptedSmtpServer:
    """An SMTP server on 127.0.0.1 at a free port."""

    def __init__(self) -> None:
        self.handler = ScriptedSmtpHandler()
        self._server: asyncio.base_events.Server | None = None
        self.port = 0

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            lambda: SMTP(self.handler, hostname="test-smtp"), host="127.0.0.1", port=0
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        self.handler.release.set()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


def closed_port() -> int:
    """A loopback port with nothing listening, so connections are refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


class LocalTelegram:
    """Plays Telegram's side of a bot's webhook: sends updates as Telegram would.

    Telegram calls the webhook with the secret given to setWebhook in a header, and runs the
    method the webhook answers with; `replies` keeps those answers.
    """

    def __init__(self, *, webhook_url: str, secret: str | None) -> None:
        self.webhook_url = webhook_url
        self.secret = secret
        self.replies: list[Any] = []
        self._update_id = 0

    def _update(self, **fields: Any) -> dict[str, Any]:
        self._update_id += 1
        return {"update_id": self._update_id, **fields}

    def send_start(self, *, chat_id: int, code: str, username: str) -> int:
        """A person pressing Start in the chat the deep link opened; the webhook's status."""
        update = self._update(
            message={
                "message_id": self._update_id,
                "from": {
                    "id": chat_id,
                    "is_bot": False,
                    "first_name": username,
                    "username": username,
                },
                "chat": {"id": chat_id, "type": "private"},
                "date": int(time.time()),
                "text": f"/start {code}",
            }
        )
        return self._deliver(update)

    def press(self, *, chat_id: int, data: str, username: str) -> int:
        """A person pressing an inline button under a message of the bot; the webhook's status."""
        sender = {"id": chat_id, "is_bot": False, "first_name": username, "username": username}
        update = self._update(
            callback_query={
                "id": str(self._update_id + 1000),
                "from": sender,
                "message": {
                    "message_id": self._update_id,
                    "chat": {"id": chat_id, "type": "private"},
                    "date": int(time.time()),
                    "text": "Your coffee chat",
                },
                "chat_instance": str(chat_id),
                "data": data,
            }
        )
        return self._deliver(update)

    def _deliver(self, update: dict[str, Any]) -> int:
        headers = {} if self.secret is None else {"X-Telegram-Bot-Api-Secret-Token": self.secret}
        response = httpx.post(self.webhook_url, json=update, headers=headers, timeout=10)
        if response.headers.get("content-type", "").startswith("application/json"):
            self.replies.append(response.json())
        return response.status_code


@dataclass
class SlackCaller:
    """Plays Slack's side of the app's endpoints: slash commands and button presses, signed
    with the app's signing secret as Slack signs them."""

    app_url: str
    signing_secret: str
    team_id: str = "T0LOCAL01"
    _requests: int = 0

    def _post(self, path: str, fields: dict[str, str]) -> httpx.Response:
        self._requests += 1
        body = urlencode(fields).encode()
        stamp = str(int(time.time()))
        headers = {
            "content-type": "application/x-www-form-urlencoded",
            "x-slack-request-timestamp": stamp,
            "x-slack-signature": signature(secret=self.signing_secret, timestamp=stamp, body=body),
        }
        return httpx.post(f"{self.app_url}{path}", content=body, headers=headers, timeout=10)

    def command(self, *, user_id: str, user_name: str, text: str) -> httpx.Response:
        """`/coffee <text>` typed by a member of the workspace."""
        return self._post(
            "/bots/slack/commands",
            {
                "command": "/coffee",
                "team_id": self.team_id,
                "user_id": user_id,
                "user_name": user_name,
                "text": text,
                # Every command has its own trigger id, so no two requests are the same.
                "trigger_id": f"t-{self._requests}-{time.monotonic_ns()}",
            },
        )

    def press(self, *, user_id: str, user_name: str, button: dict[str, Any]) -> httpx.Response:
        """A member pressing one of the buttons of a message the app posted."""
        payload = {
            "type": "block_actions",
            "team": {"id": self.team_id, "domain": "local"},
            "user": {
                "id": user_id,
                "username": user_name,
                "name": user_name,
                "team_id": self.team_id,
            },
            "trigger_id": f"t-{self._requests}-{time.monotonic_ns()}",
            "actions": [
                {
                    "action_id": button["action_id"],
                    "block_id": "answers",
                    "value": button["value"],
                    "type": "button",
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }
        return self._post("/bots/slack/interactivity", {"payload": json.dumps(payload)})


def buttons_of(post: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The answer buttons of a message the Slack app posted, by action id."""
    return {
        element["action_id"]: element
        for block in post["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    }


@dataclass
class LocalSlack:
    """Slack's Web API methods the app uses, with a workspace of members known by email.

    `fail(method, *replies)` makes the next calls of a method answer with the given replies
    (429 with Retry-After, 5xx, or an `ok: false` error) before answering normally again.
    """

    members: dict[str, str] = field(default_factory=dict)  # email -> member id
    # member id -> (user name, display name); Slack sends an empty display name when unset.
    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    team_id: str = "T0LOCAL01"
    conversations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    posts: list[dict[str, Any]] = field(default_factory=list)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    token: str = "xoxb-test"
    port: int = 0
    _failures: dict[str, deque[Reply]] = field(default_factory=dict)
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def member(self, email: str, *, name: str | None = None, display_name: str = "") -> str:
        """Adds a member to the workspace; their member id."""
        slack_id = f"U{len(self.members) + 1:08d}"
        self.members[email] = slack_id
        self.names[slack_id] = (name or email.partition("@")[0], display_name)
        return slack_id

    def user(self, slack_id: str) -> dict[str, Any]:
        """The member as users.lookupByEmail and users.info describe them."""
        email = next(address for address, member in self.members.items() if member == slack_id)
        name, display_name = self.names.get(slack_id, (email.partition("@")[0], ""))
        return {
            "id": slack_id,
            "team_id": self.team_id,
            "name": name,
            "deleted": False,
            "real_name": display_name or name,
            "profile": {
                "real_name": display_name or name,
                "display_name": display_name,
                "display_name_normalized": display_name,
                "email": email,
            },
        }

    def fail(self, method: str, *replies: Reply) -> None:
        self._failures.setdefault(method, deque()).extend(replies)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        body = await request.json()
        self.calls.append((method, body))
        queued = self._failures.get(method)
        if queued:
            reply = queued.popleft()
            return web.json_response(reply.body, status=reply.status, headers=reply.headers)
        if method == "users.lookupByEmail":
            found = self.members.get(body["email"])
            if found is None:
                return web.json_response({"ok": False, "error": "users_not_found"})
            return web.json_response({"ok": True, "user": self.user(found)})
        if method == "users.info":
            if body["user"] not in self.members.values():
                return web.json_response({"ok": False, "error": "user_not_found"})
            return web.json_response({"ok": True, "user": self.user(body["user"])})
        if method == "conversations.open":
            users = tuple(sorted(body["users"].split(",")))
            if any(user not in self.members.values() for user in users):
                return web.json_response({"ok": False, "error": "user_not_found"})
            channel = "G" + "".join(user[-3:] for user in users)
            self.conversations[channel] = users
            return web.json_response({"ok": True, "channel": {"id": channel}})
        if method == "chat.postMessage":
            if body["channel"] not in self.conversations:
                return web.json_response({"ok": False, "error": "channel_not_found"})
            self.posts.append(body)
            return web.json_response({"ok": True, "ts": f"{len(self.posts)}.0001"})
        return web.json_response({"ok": False, "error": "unknown_method"})

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("POST", "/api/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert isinstance(server, asyncio.base_events.Server)
        self.port = server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
