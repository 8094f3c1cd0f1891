"""503 with a code and Retry-After from any route whose Redis or DynamoDB does not answer.

Sign-in, the chat apps' webhooks and the answer pages keep pending sign-ins, rate limits,
replay marks and link codes in Redis; without these answers they would end in a 500 and a
traceback. GraphQL answers its own way (`graphql_view.py`, `schema/error_extension.py`).
"""

from __future__ import annotations

import html
import logging

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ExceptionHandler

from core.errors import ErrorCode, ServiceUnavailable
from runtime.outages import REDIS_RETRY_AFTER_SECONDS, REDIS_UNAVAILABLE, is_redis_outage

logger = logging.getLogger(__name__)

HTML = "text/html"


def _message(error: Exception) -> str:
    if isinstance(error, ServiceUnavailable):
        return error.message
    if is_redis_outage(error):
        return REDIS_UNAVAILABLE
    raise error  # any other OSError: not ours to answer


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return HTML in accept and "application/json" not in accept


async def unavailable(request: Request, error: Exception) -> Response:
    # HTTP only: the one websocket route, /graphql, closes with 4503 itself.
    message = _message(error)
    logger.warning(
        "refused a request while a service is unavailable",
        extra={"path": request.url.path, "reason": message},
    )
    code = ErrorCode.SERVICE_UNAVAILABLE.value
    headers = {"cache-control": "no-store", "retry-after": str(REDIS_RETRY_AFTER_SECONDS)}
    if _wants_html(request):
        # A person's browser (a sign-in, an answer link): a page that needs nothing else.
        document = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>Please try again in a moment</title></head><body><main>"
            "<h1>Please try again in a moment</h1>"
            f"<p>{html.escape(message)}. Nothing was changed.</p><p>Code: {code}</p>"
            "</main></body></html>"
        )
        return HTMLResponse(document, status_code=503, headers=headers)
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=503, headers=headers
    )


# Keyed by class, as Starlette looks them up; `_message` sends other OSErrors on as a 500.
UNAVAILABLE_HANDLERS: dict[type[Exception], ExceptionHandler] = {
    ServiceUnavailable: unavailable,
    RedisConnectionError: unavailable,
    RedisTimeoutError: unavailable,
    OSError: unavailable,
}
