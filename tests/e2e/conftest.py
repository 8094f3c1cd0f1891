"""The whole product started like `make dev`, once for the browser tests."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from devtools.local_provider import put_user
from tests.devstack.running import DevStack, dev_ports_env, start_dev
from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, FRONTEND, LAST_SCREENS
from tests.e2e.chat_apps import ChatServers
from tests.e2e.people import PEOPLE, Person


@pytest.fixture(scope="session")
def chat_apps() -> Iterator[ChatServers]:
    """Slack's and Telegram's APIs for the deployment's Slack app and Telegram bot."""
    servers = ChatServers()
    servers.start()
    try:
        yield servers
    finally:
        servers.stop()


@pytest.fixture(scope="session")
def live_stack(
    tmp_path_factory: pytest.TempPathFactory, chat_apps: ChatServers
) -> Iterator[DevStack]:
    """`vcoffee dev` on free ports with its own data folder; `.url` is the web app's address."""
    stack = start_dev(
        data_dir=tmp_path_factory.mktemp("dev-data"),
        ports=dev_ports_env() | chat_apps.environment(),
    )
    try:
        yield stack
    finally:
        stack.stop()


@pytest.fixture(scope="session")
def built_frontend() -> Path:
    """The production build the API serves at /; built here when `make` has not built it yet."""
    index = FRONTEND / "dist" / "index.html"
    if not index.exists():
        if not (FRONTEND / "node_modules").is_dir():
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=FRONTEND, check=True)
        subprocess.run(["npm", "run", "--silent", "build"], cwd=FRONTEND, check=True)
    return index.parent


@pytest.fixture(scope="session")
def app_url(built_frontend: Path, live_stack: DevStack) -> str:
    """The web app's address; the build must exist before the stack starts to be served."""
    return live_stack.url.rstrip("/")


@pytest.fixture(scope="session")
def people(live_stack: DevStack) -> dict[str, Person]:
    """Ada and Grace, members, and an admin, known to the local OpenID provider."""
    found = {person.subject: person for person in PEOPLE}
    for person in PEOPLE:
        put_user(issuer=live_stack.oidc_url, subject=person.subject, claims=person.claims())
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """Opens browser contexts (one per person) and closes them after the test."""
    opened: list[BrowserContext] = []

    def open_context(*, time_zone: str = "UTC") -> BrowserContext:
        context = browser.new_context(
            viewport={"width": 1280, "height": 1000}, timezone_id=time_zone, locale="en-GB"
        )
        context.set_default_timeout(20_000)
        opened.append(context)
        return context

    yield open_context
    # What each page showed last: the first thing to look at when a test fails.
    LAST_SCREENS.mkdir(parents=True, exist_ok=True)
    for number, context in enumerate(opened):
        for page in context.pages:
            page.screenshot(path=LAST_SCREENS / f"context-{number}.png", full_page=True)
        context.close()
