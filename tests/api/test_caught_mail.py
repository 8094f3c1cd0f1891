"""Admins of a development instance read what the local mail catcher received."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest

from config.settings import Settings
from devtools.mailbox import mailbox_dir, store_message
from devtools.stack import Endpoints
from tests.api.conftest import Api
from tests.conftest import make_settings
from vcoffee.app import create_app

QUERY = """
query ($first: Int) {
  caughtMail(first: $first) { id sender to subject sentAt text }
}
"""


@pytest.fixture
def mailbox_root(tmp_path: Path) -> Path:
    return tmp_path / "mailbox"


@pytest.fixture
def settings(endpoints: Endpoints, mailbox_root: Path) -> Settings:
    return make_settings(endpoints, mailbox_dir=mailbox_root)


def _catch(root: Path, *, to: str, subject: str, text: str, at: datetime) -> None:
    message = EmailMessage()
    message["From"] = "coffee@example.com"
    message["To"] = to
    message["Subject"] = subject
    message.set_content(text)
    message.add_alternative(f"<p>{text}</p>", subtype="html")
    store_message(
        directory=mailbox_dir(root=root, deployment_id="team-a"),
        data=message.as_bytes(),
        sender="coffee@example.com",
        recipients=[to],
        now=at,
    )


async def test_an_admin_reads_the_newest_mail_first(api: Api, mailbox_root: Path) -> None:
    _catch(
        mailbox_root,
        to="ada@example.com",
        subject="Your coffee match",
        text="You meet Grace this week.",
        at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
    )
    _catch(
        mailbox_root,
        to="grace@example.com",
        subject="Reminder",
        text="Say hello to Ada.",
        at=datetime(2026, 3, 3, 9, 0, tzinfo=UTC),
    )
    # Another deployment's mail in the same root stays out of sight.
    store_message(
        directory=mailbox_dir(root=mailbox_root, deployment_id="team-b"),
        data=b"Subject: elsewhere\r\n\r\nnot yours\r\n",
        sender="coffee@example.com",
        recipients=["bob@example.com"],
        now=datetime(2026, 3, 4, tzinfo=UTC),
    )
    admin = await api.person("ada", admin=True)

    mail = (await api.data(QUERY, {"first": 20}, as_=admin))["caughtMail"]

    assert [(m["to"], m["subject"]) for m in mail] == [
        (["grace@example.com"], "Reminder"),
        (["ada@example.com"], "Your coffee match"),
    ]
    assert mail[0]["text"].strip() == "Say hello to Ada."
    assert mail[0]["sender"] == "coffee@example.com"
    assert datetime.fromisoformat(mail[0]["sentAt"]) == datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    limited = (await api.data(QUERY, {"first": 1}, as_=admin))["caughtMail"]
    assert [m["subject"] for m in limited] == ["Reminder"]


async def test_a_member_may_not_read_caught_mail(api: Api, mailbox_root: Path) -> None:
    _catch(
        mailbox_root,
        to="ada@example.com",
        subject="Private",
        text="secret",
        at=datetime(2026, 3, 2, tzinfo=UTC),
    )
    member = await api.person("bob")

    error = await api.error(QUERY, as_=member)

    assert error["extensions"]["code"] == "FORBIDDEN"


async def test_first_out_of_range_is_refused(api: Api) -> None:
    admin = await api.person("ada", admin=True)

    error = await api.error(QUERY, {"first": 0}, as_=admin)

    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_without_a_mailbox_the_list_is_empty(
    endpoints: Endpoints, settings: Settings, api: Api
) -> None:
    admin = await api.person("ada", admin=True)
    # The same deployment and table, served by an instance configured as in production.
    production_like = create_app(make_settings(endpoints, table_name=settings.table_name))
    async with production_like.router.lifespan_context(production_like):
        transport = httpx.ASGITransport(app=production_like)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http:
            without = Api(client=http, services=production_like.state.services)
            assert without.services.settings.mailbox_dir is None

            data = await without.data(QUERY, as_=admin)

    assert data == {"caughtMail": []}


async def test_a_production_instance_refuses_caught_mail_even_with_a_mailbox(
    endpoints: Endpoints, settings: Settings, api: Api, mailbox_root: Path
) -> None:
    _catch(
        mailbox_root,
        to="ada@example.com",
        subject="Private",
        text="secret",
        at=datetime(2026, 3, 2, tzinfo=UTC),
    )
    admin = await api.person("ada", admin=True)
    production = create_app(
        make_settings(
            endpoints,
            environment="production",
            table_name=settings.table_name,
            mailbox_dir=mailbox_root,
        )
    )
    async with production.router.lifespan_context(production):
        transport = httpx.ASGITransport(app=production)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http:
            served = Api(client=http, services=production.state.services)
            error = await served.error(QUERY, as_=admin)
    assert error["extensions"] == {"code": "FORBIDDEN"}
    assert "development" in error["message"]
    assert "secret" not in str(error)
