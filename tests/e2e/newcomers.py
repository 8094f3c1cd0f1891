"""People the later browser tests add to the local OpenID provider, and getting them signed in."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, ViewportSize

from devtools.local_provider import put_user
from tests.devstack.running import DevStack
from tests.e2e.pages.sign_in import OptInPage, SignInPage
from tests.e2e.people import Person

LIN = Person(subject="lin", name="Lin Chen", email="lin@example.com", time_zone="Asia/Tokyo")
KIM = Person(subject="kim", name="Kim Park", email="kim@example.com", time_zone="Europe/Berlin")


def register(stack: DevStack, person: Person) -> None:
    put_user(issuer=stack.oidc_url, subject=person.subject, claims=person.claims())


def signed_in_page(
    new_context: Callable[..., BrowserContext],
    app_url: str,
    person: Person,
    *,
    join: bool = True,
    viewport: ViewportSize | None = None,
) -> Page:
    """A page of a new browser, signed in as `person`, who has joined unless `join` is False."""
    context = new_context(time_zone=person.time_zone)
    page = context.new_page()
    if viewport is not None:
        page.set_viewport_size(viewport)
    sign_in = SignInPage(page, base_url=app_url)
    sign_in.open()
    sign_in.sign_in(subject=person.subject)
    opt_in = OptInPage(page, base_url=app_url)
    if join and page.url.endswith("/welcome"):
        opt_in.join()
    return page
