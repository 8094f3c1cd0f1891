"""Transport security: HTTPS redirect, HSTS, a strict CSP and the other protective headers."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from config.settings import Settings

# Probes come from the kubelet over plain http to the pod; they must never be redirected.
PROBE_PATHS = frozenset({"/healthz", "/readyz"})
HSTS = "max-age=63072000; includeSubDomains"
# The admins' GraphiQL page of the web app. Its editor (Monaco) writes its theme into <style>
# elements it creates at run time, which carry no nonce, and positions its lines with style
# attributes in markup it builds as HTML. Only documents loaded at this path allow inline
# styles; scripts stay 'self' there too.
GRAPHIQL_PAGE = "/admin/graphiql"


def content_security_policy(settings: Settings, *, inline_styles: bool = False) -> str:
    """What the built web app needs and nothing more.

    Cloudscape ships its styles as CSS files and React sets style properties through the
    CSSOM, which CSP does not restrict, so no 'unsafe-inline' is needed for styles either.
    Its fonts are inlined in the CSS as data: URLs. GraphiQL's workers are files of ours,
    covered by script-src.
    """
    parts = urlsplit(settings.public_url)
    socket_scheme = "wss" if parts.scheme == "https" else "ws"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            *(
                ["style-src-elem 'self' 'unsafe-inline'", "style-src-attr 'unsafe-inline'"]
                if inline_styles
                else []
            ),
            "img-src 'self' data:",
            "font-src 'self' data:",
            f"connect-src 'self' {socket_scheme}://{parts.netloc}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityMiddleware:
    """Sends plain-http visitors to HTTPS and adds the security headers to every response.

    A request counts as HTTPS when it arrived over TLS, or when a trusted proxy (and only
    then) says in X-Forwarded-Proto that it did. Loopback deployments may use plain http.
    """

    def __init__(self, app: ASGIApp, *, settings: Settings) -> None:
        self.app = app
        self.local = settings.is_local
        self.trust_proxy = settings.trusted_proxy
        parts = urlsplit(settings.public_url)
        self.secure_origin = f"https://{parts.netloc}"
        self.public_host = parts.netloc.encode("latin-1")
        self.editor_policy = content_security_policy(settings, inline_styles=True)
        self.headers = {
            "content-security-policy": content_security_policy(settings),
            "x-content-type-options": "nosniff",
            "x-frame-options": "DENY",
            "referrer-policy": "no-referrer",
            "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
            "cross-origin-opener-policy": "same-origin",
            "cross-origin-resource-policy": "same-origin",
        }

    def is_https(self, scope: Scope) -> bool:
        if scope.get("scheme") in ("https", "wss"):
            return True
        if self.trust_proxy:
            forwarded = Headers(scope=scope).get("x-forwarded-proto", "")
            return forwarded.split(",")[0].strip().lower() == "https"
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        https = self.is_https(scope)
        if not https and not self.local and scope["path"] not in PROBE_PATHS:
            await self._refuse_plain_http(scope, receive, send)
            return
        scope = self._as_configured(scope, https=https)
        if scope["type"] == "websocket":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if scope["path"] == GRAPHIQL_PAGE:
                    headers.setdefault("content-security-policy", self.editor_policy)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
                if https:
                    headers["strict-transport-security"] = HSTS
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _as_configured(self, scope: Scope, *, https: bool) -> Scope:
        """The request as addressed to VCOFFEE_PUBLIC_URL, whatever Host header it carried.

        Whatever builds a URL from the request (a redirect that adds a trailing slash, for
        one) then points at this deployment, never at a host the client named.
        """
        headers = [(name, value) for name, value in scope["headers"] if name != b"host"]
        headers.append((b"host", self.public_host))
        scheme = scope["scheme"]
        if https and scheme in ("http", "ws"):
            scheme = "https" if scheme == "http" else "wss"
        return {**scope, "headers": headers, "scheme": scheme}

    async def _refuse_plain_http(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008, "reason": "use wss"})
            return
        if scope["method"] in ("GET", "HEAD"):
            # The target is built from configuration, never from the Host header.
            query = scope.get("query_string", b"").decode("latin-1")
            target = self.secure_origin + scope["path"] + (f"?{query}" if query else "")
            await RedirectResponse(target, status_code=308)(scope, receive, send)
            return
        # Redirecting a POST would invite the client to resend its body in the clear.
        response = PlainTextResponse("this service is only available over HTTPS", 403)
        await response(scope, receive, send)
