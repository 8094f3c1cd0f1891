"""HTTP routes of sign-in, mounted under /auth: providers, login, callback, refresh, logout."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route

from auth.accounts import Account, SignInClaims, email_digest
from auth.oidc import LOGIN_WINDOW_SECONDS
from auth.rate_limits import AUDITED_REFUSALS, Budget, Budgets, client_address, spend, try_spend
from auth.runtime import AuthRuntime
from config.settings import Settings
from core.errors import AppError, ErrorCode, RateLimited, Unauthenticated
from repositories.audit import AuditAction, AuditEvent
from repositories.refresh_tokens import RefreshRace, RefreshRejected

logger = logging.getLogger(__name__)

STATUS_OF = {
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.BAD_USER_INPUT: 400,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.CONFLICT: 409,
    ErrorCode.ALREADY_EXISTS: 409,
    ErrorCode.SERVICE_UNAVAILABLE: 503,
    ErrorCode.RATE_LIMITED: 429,
}
NO_STORE = {"cache-control": "no-store", "pragma": "no-cache"}


def auth_of(request: Request) -> AuthRuntime:
    runtime: AuthRuntime = request.app.state.auth
    return runtime


def error_response(error: AppError) -> JSONResponse:
    body: dict[str, object] = {"code": error.code.value, "message": error.message}
    headers = dict(NO_STORE)
    if isinstance(error, RateLimited):
        body["retryAfter"] = error.retry_after
        headers["retry-after"] = str(error.retry_after)
    return JSONResponse(
        {"error": body}, status_code=STATUS_OF.get(error.code, 500), headers=headers
    )


def client_of(request: Request) -> str:
    return client_address(request, trusted_proxy=auth_of(request).settings.trusted_proxy)


async def spend_for_client(request: Request, pick: Callable[[Budgets], Budget]) -> None:
    runtime = auth_of(request)
    await spend(
        redis=runtime.redis,
        deployment_id=runtime.settings.deployment_id,
        budget=pick(runtime.budgets),
        subject=client_of(request),
    )


async def list_providers(request: Request) -> JSONResponse:
    providers = auth_of(request).providers.listed()
    return JSONResponse(
        [{"name": p.name, "label": p.label, "loginUrl": f"/auth/login/{p.name}"} for p in providers]
    )


async def login(request: Request) -> Response:
    runtime = auth_of(request)
    name = request.path_params["provider"]
    # Built from configuration, never from the Host header a client controls.
    redirect_uri = f"{runtime.settings.public_url.rstrip('/')}/auth/callback/{name}"
    try:
        await spend_for_client(request, lambda budgets: budgets.sign_in_starts)
        return await runtime.providers.redirect_to_login(
            request, name=name, redirect_uri=redirect_uri
        )
    except AppError as error:
        return error_response(error)


async def callback(request: Request) -> Response:
    runtime = auth_of(request)
    name = request.path_params["provider"]
    claims: SignInClaims | None = None
    try:
        await spend_for_client(request, lambda budgets: budgets.sign_in_callbacks)
    except RateLimited as limited:
        return error_response(limited)
    try:
        claims = SignInClaims.from_claims(await runtime.providers.finish_login(request, name=name))
        account = await _account_for(runtime, claims)
        verified = claims.verified_email
        session = await runtime.sessions.open(
            user_id=account.user_id,
            verified_email_digest=None if verified is None else email_digest(verified),
        )
    except AppError as error:
        await _record_refusal(runtime, request, name, claims, error)
        logger.info(
            "sign-in refused",
            extra={"provider": name, "code": error.code.value, "reason": error.message},
        )
        # The field at fault tells the page which reason to show; never the free text.
        reason = f"&auth_reason={error.fields[0]}" if error.fields else ""
        return RedirectResponse(f"/?auth_error={error.code.value}{reason}", status_code=303)
    await runtime.audit.record(
        AuditEvent(
            at=datetime.now(UTC),
            action=AuditAction.SIGN_IN,
            actor=account.user_id,
            deployment_id=runtime.settings.deployment_id,
            detail={"provider": name, "session": session.session_id},
        )
    )
    logger.info("signed in", extra={"provider": name, "user_id": account.user_id})
    response = RedirectResponse("/", status_code=303)
    runtime.cookies.set_refresh(
        response, token=session.refresh.token, expires=session.refresh.valid_until
    )
    return response


async def _account_for(runtime: AuthRuntime, claims: SignInClaims) -> Account:
    # The person is found by (issuer, subject) only; an email never links accounts.
    found = await runtime.accounts.by_identity(issuer=claims.issuer, subject=claims.subject)
    email = await runtime.policy.admit(claims)
    if found is not None:
        return found
    return await runtime.accounts.register(claims=claims, email=email)


async def _record_refusal(
    runtime: AuthRuntime,
    request: Request,
    provider: str,
    claims: SignInClaims | None,
    error: AppError,
) -> None:
    """An audit event per refusal, up to a few per client address; past that, only a log line.

    Refusals need no sign-in, so without the cap anyone could fill the audit log.
    """
    audited = await try_spend(
        redis=runtime.redis,
        deployment_id=runtime.settings.deployment_id,
        budget=AUDITED_REFUSALS,
        subject=client_of(request),
    )
    if not audited:
        logger.info(
            "sign-in refusal not audited: too many from one client", extra={"provider": provider}
        )
        return
    actor = "unknown"
    if claims is not None:
        identity = f"{claims.issuer}\x00{claims.subject}".encode()
        actor = "identity:" + hashlib.sha256(identity).hexdigest()[:32]
    await runtime.audit.record(
        AuditEvent(
            at=datetime.now(UTC),
            action=AuditAction.SIGN_IN_REFUSED,
            actor=actor,
            deployment_id=runtime.settings.deployment_id,
            detail={"provider": provider, "code": error.code.value},
        )
    )


async def refresh(request: Request) -> Response:
    """A new access token for the web app, which keeps it in memory only."""
    runtime = auth_of(request)

    async def admit(user_id: str) -> None:
        # Per person too: one person's sessions from many addresses share one budget.
        await spend(
            redis=runtime.redis,
            deployment_id=runtime.settings.deployment_id,
            budget=runtime.budgets.person_refreshes,
            subject=user_id,
        )

    try:
        await spend_for_client(request, lambda budgets: budgets.refreshes)
        runtime.cookies.check_same_site(request)
        token = runtime.cookies.refresh_token(request)
        if token is None:
            raise Unauthenticated("not signed in")
        session = await runtime.sessions.renew(refresh_token=token, admit=admit)
    except RefreshRace as race:
        return error_response(race)
    except RefreshRejected as rejected:
        response = error_response(rejected)
        runtime.cookies.clear_refresh(response)
        return response
    except AppError as error:
        return error_response(error)
    response = JSONResponse(
        {
            "accessToken": session.access_token,
            "tokenType": "Bearer",
            "expiresAt": session.access_expires_at.isoformat(),
            "userId": session.user_id,
            "role": session.role.value,
        },
        headers=NO_STORE,
    )
    runtime.cookies.set_refresh(
        response, token=session.refresh.token, expires=session.refresh.valid_until
    )
    return response


async def logout(request: Request) -> Response:
    runtime = auth_of(request)
    try:
        runtime.cookies.check_same_site(request)
    except AppError as error:
        return error_response(error)
    await runtime.sessions.close(
        refresh_token=runtime.cookies.refresh_token(request), session_id=None
    )
    response = Response(status_code=204, headers=NO_STORE)
    runtime.cookies.clear_refresh(response)
    return response


async def jwks(request: Request) -> JSONResponse:
    return JSONResponse(request.app.state.services.tokens.public_jwks())


def auth_routes(settings: Settings) -> Mount:
    """The /auth mount; the login cookie (a marker of a pending sign-in) lives only here."""
    secure = not settings.is_local
    return Mount(
        "/auth",
        routes=[
            Route("/providers", list_providers, methods=["GET"]),
            Route("/login/{provider}", login, methods=["GET"]),
            Route("/callback/{provider}", callback, methods=["GET"]),
            Route("/refresh", refresh, methods=["POST"]),
            Route("/logout", logout, methods=["POST"]),
            Route("/jwks.json", jwks, methods=["GET"]),
        ],
        middleware=[
            Middleware(
                SessionMiddleware,
                secret_key=settings.session_secret.get_secret_value(),
                session_cookie=("__Host-" if secure else "") + "vcoffee_login",
                max_age=LOGIN_WINDOW_SECONDS,
                path="/",
                # Lax: the provider's redirect back is a top-level navigation from its site.
                same_site="lax",
                https_only=secure,
            )
        ],
    )
