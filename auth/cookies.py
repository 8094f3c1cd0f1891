"""Browser cookies of a session, and the CSRF check for requests they authenticate.

Cookies carry the `__Host-` prefix (Secure, Path=/, no Domain) so no other host can plant or
read them. Browsers refuse `__Host-` and Secure cookies over plain http, so when the
deployment's public URL is plain-http loopback (local development) the names drop the prefix
and the Secure flag; nothing else changes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from urllib.parse import urlsplit

from starlette.requests import HTTPConnection, Request
from starlette.responses import Response

from config.settings import Settings
from core.errors import Forbidden

REFRESH_COOKIE = "vcoffee_refresh"
LOGIN_COOKIE = "vcoffee_login"
CSRF_HEADER = "x-vcoffee-csrf"
SAFE_FETCH_SITES = frozenset({"same-origin", "none"})


class CrossSiteRequest(Forbidden):
    """A cookie-authenticated request that a page of another site could have sent."""


class CookiePolicy:
    """Names and flags of our cookies for one deployment's public URL."""

    def __init__(self, settings: Settings) -> None:
        self.secure = not settings.is_local
        prefix = "__Host-" if self.secure else ""
        self.refresh_name = prefix + REFRESH_COOKIE
        self.login_name = prefix + LOGIN_COOKIE
        parts = urlsplit(settings.public_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"

    def refresh_token(self, connection: HTTPConnection) -> str | None:
        return connection.cookies.get(self.refresh_name) or None

    def set_refresh(self, response: Response, *, token: str, expires: datetime) -> None:
        # Strict: a request started by another site never carries the session.
        self._set(response, self.refresh_name, token, expires=expires, same_site="strict")

    def clear_refresh(self, response: Response) -> None:
        response.delete_cookie(
            self.refresh_name, path="/", secure=self.secure, httponly=True, samesite="strict"
        )

    def _set(
        self,
        response: Response,
        name: str,
        value: str,
        *,
        expires: datetime,
        same_site: Literal["lax", "strict"],
    ) -> None:
        response.set_cookie(
            name,
            value,
            expires=expires,
            path="/",
            secure=self.secure,
            httponly=True,
            samesite=same_site,
        )

    def check_same_site(self, request: Request) -> None:
        """CSRF defence: JSON content type, our header, and no foreign Origin or fetch site.

        A cross-site HTML form can send none of JSON, a custom header or our Origin, and a
        cross-site script cannot add the header without a CORS preflight we never grant.
        """
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            raise CrossSiteRequest("send this request as application/json")
        if request.headers.get(CSRF_HEADER) != "1":
            raise CrossSiteRequest(f"this request needs the {CSRF_HEADER} header")
        origin = request.headers.get("origin")
        if origin is not None and origin != self.origin:
            raise CrossSiteRequest("requests from another site are refused")
        fetch_site = request.headers.get("sec-fetch-site")
        if fetch_site is not None and fetch_site not in SAFE_FETCH_SITES:
            raise CrossSiteRequest("requests from another site are refused")
