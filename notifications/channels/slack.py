"""Slack: a message posted to the person's own incoming webhook."""

from __future__ import annotations

import httpx

from notifications.addresses import (
    SLACK_WEBHOOKS,
    InvalidAddress,
    Resolver,
    WebhookPolicy,
    system_resolver,
    validate_webhook_url,
)
from notifications.channels.http import post_json, raise_for_retryable, short_body, unexpected
from notifications.errors import PermanentError
from notifications.message import RenderedMessage

SERVICE = "Slack"
_DEAD_WEBHOOK_ANSWERS = frozenset(
    {
        "invalid_token",
        "no_service",
        "no_team",
        "no_service_id",
        "channel_not_found",
        "channel_is_archived",
        "action_prohibited",
        "team_disabled",
        "user_not_found",
    }
)


def escape_mrkdwn(text: str) -> str:
    """Escape the three characters Slack treats as markup, so `<!channel>` stays plain text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SlackChannel:
    """Posts the plain-text message to an incoming webhook URL."""

    def __init__(
        self,
        *,
        client: httpx.AsyncClient,
        policy: WebhookPolicy = SLACK_WEBHOOKS,
        resolve: Resolver = system_resolver,
    ) -> None:
        self._client = client
        self._policy = policy
        self._resolve = resolve

    async def send(self, *, message: RenderedMessage, address: str) -> None:
        # Checked again at send time: the host may have started resolving somewhere private.
        try:
            url = await validate_webhook_url(
                url=address, policy=self._policy, resolve=self._resolve
            )
        except InvalidAddress as exc:
            raise PermanentError("INVALID_ADDRESS", exc.message) from exc
        payload = {"text": escape_mrkdwn(message.text), "unfurl_links": False}
        response = await post_json(self._client, url=url, payload=payload, service=SERVICE)
        raise_for_retryable(response, service=SERVICE)
        if response.status_code == 200:
            return
        answer = short_body(response)
        if response.status_code in (403, 404, 410) or answer in _DEAD_WEBHOOK_ANSWERS:
            raise PermanentError("WEBHOOK_INVALID", f"Slack refused the webhook: {answer}")
        raise unexpected(response, service=SERVICE)
