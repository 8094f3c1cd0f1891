"""Real sessions minted in-process for tests; no route leads here, and production refuses it."""

from __future__ import annotations

from dataclasses import dataclass

from auth.principal import Role
from auth.runtime import AuthRuntime


@dataclass(frozen=True)
class DevSession:
    user_id: str
    role: Role
    access_token: str
    refresh_token: str
    session_id: str
    # The cookie a browser would hold: name and value, for httpx's `cookies=`.
    refresh_cookie: tuple[str, str]

    @property
    def authorization(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.access_token}"}


async def mint_session(auth: AuthRuntime, *, user_id: str) -> DevSession:
    """A session for a registered person, as if they had just signed in.

    The role is the stored one: make someone an admin through the users repository first.
    """
    if auth.settings.environment == "production":
        raise RuntimeError("sessions are minted only outside production")
    session = await auth.sessions.open(user_id=user_id, verified_email_digest=None)
    return DevSession(
        user_id=user_id,
        role=session.role,
        access_token=session.access_token,
        refresh_token=session.refresh.token,
        session_id=session.session_id,
        refresh_cookie=(auth.cookies.refresh_name, session.refresh.token),
    )
