"""The one-click answer pages: a link from a message opens a confirmation; its button records.

Opening a link records nothing (mail scanners open links); the page's POST does, once per
link: the link's digest is remembered in Redis until the link expires, so a second click
says the answer is already recorded.
"""

from __future__ import annotations

import html
import logging
from datetime import UTC, datetime
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from core.errors import NotFound
from notifications.answer_links import AnswerClaim, InvalidAnswerLink, signer_for
from notifications.answers import ANSWER_LABELS
from runtime.services import Services
from vcoffee.answers import record_answer

logger = logging.getLogger(__name__)

MAX_FORM_BYTES = 4096
NO_STORE = {"cache-control": "no-store"}


def used_key(services: Services, claim: AnswerClaim) -> str:
    return f"vcoffee:{services.settings.deployment_id}:answer-link:{claim.digest}"


def page(*, title: str, body: str, status: int = 200) -> HTMLResponse:
    """A small page that needs no script and no style from elsewhere."""
    document = f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title></head>
<body><main><h1>{html.escape(title)}</h1>{body}
<p><a href="/match">Open your match</a></p></main></body>
</html>"""
    return HTMLResponse(document, status_code=status, headers=NO_STORE)


def refused(error: InvalidAnswerLink) -> HTMLResponse:
    return page(
        title="This link cannot be used",
        body=f"<p>{html.escape(error.message)}</p><p>Code: {error.code} ({error.reason})</p>",
        status=400,
    )


def already() -> HTMLResponse:
    return page(
        title="Already recorded",
        body="<p>This answer is already recorded. Thank you!</p>",
    )


async def _claim(request: Request, token: str) -> AnswerClaim:
    services: Services = request.app.state.services
    return signer_for(services.settings).read(token)


async def confirm(request: Request) -> HTMLResponse:
    """GET: shows what the link would record, with the button that records it."""
    services: Services = request.app.state.services
    token = request.query_params.get("token", "")
    try:
        claim = await _claim(request, token)
    except InvalidAnswerLink as error:
        return refused(error)
    if await services.redis.exists(used_key(services, claim)):
        return already()
    label = ANSWER_LABELS[claim.answer]
    day = claim.match_id.partition("_")[0][:10]
    return page(
        title=f"{label}?",
        body=(
            f"<p>Record <strong>{html.escape(label)}</strong> for your coffee chat of "
            f"{html.escape(day)}?</p>"
            '<form method="post" action="/answer">'
            f'<input type="hidden" name="token" value="{html.escape(token, quote=True)}">'
            f'<button type="submit">{html.escape(label)}</button></form>'
        ),
    )


async def record(request: Request) -> HTMLResponse:
    """POST: records the link's answer once."""
    services: Services = request.app.state.services
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return refused(InvalidAnswerLink(reason="MALFORMED", message="The form is too large."))
    token = (parse_qs(body.decode("utf-8", "replace")).get("token") or [""])[0]
    try:
        claim = await _claim(request, token)
    except InvalidAnswerLink as error:
        return refused(error)
    key = used_key(services, claim)
    now = datetime.now(UTC)
    lifetime_ms = max(1, int((claim.expires - now).total_seconds() * 1000))
    if not await services.redis.set(key, b"1", nx=True, px=lifetime_ms):
        return already()
    try:
        recorded = await record_answer(
            services.repositories,
            match_id=claim.match_id,
            user_id=claim.user_id,
            answer=claim.answer,
            now=now,
        )
    except NotFound:
        await services.redis.delete(key)
        return page(
            title="Not one of your matches",
            body="<p>This link is not for a match of yours; nothing was recorded.</p>",
            status=404,
        )
    except BaseException:
        # Nothing was recorded: the link stays usable for another try.
        await services.redis.delete(key)
        raise
    label = ANSWER_LABELS[recorded.answer]
    detail = (
        f"<p>You are paused through {recorded.paused_until.isoformat()}; you take part again "
        "in the round after.</p>"
        if recorded.paused_until is not None
        else "<p>Thank you: it helps us pair people who meet.</p>"
    )
    logger.info("answer recorded", extra={"match_id": claim.match_id, "answer": claim.answer})
    return page(title=f"Recorded: {label}", body=detail)


def answer_routes() -> list[Route]:
    return [
        Route("/answer", confirm, methods=["GET"]),
        Route("/answer", record, methods=["POST"]),
    ]
