"""Admins' templates run bounded: refused with a code, never INTERNAL, never stalling the API."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from auth.principal import Role
from devtools.stack import Endpoints
from repositories.models import Identity, Profile
from repositories.models import Role as StoredRole
from runtime.services import open_services
from tests.api.conftest import Api
from tests.api.served import Served, healthz_while, serve_api

UPDATE = """mutation($input: MessageTemplateInput!) {
  updateMatchTemplate(input: $input) { match { subject body isDefault } } }"""
PREVIEW = """mutation($input: MessageTemplateInput!) {
  previewTemplate(input: $input) { subject text html } }"""
SUBJECT = "Coffee with {{ partner_names }}"
LOOPS = (
    "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
    "{% endfor %}{% endfor %}{% endfor %}"
)


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ('{% include "base.txt" %}', "include, import or extends"),
        ('{% import "macros" as m %}{{ m.x() }}', "include, import or extends"),
        ('{% from "macros" import x %}', "include, import or extends"),
        ('{% extends "base.txt" %}', "include, import or extends"),
        ("{% for i in range(10**9) %}x{% endfor %}", "range"),
        ("{{ 10 ** 5000 }}", "power"),
        ("{{ 2 ** (10 ** 9) }}", "power"),
        ("{{ 'ab' * 10**9 }}", "too long"),
        ("{{ [1] * 10**9 }}", "too long"),
        ("{% for i in range(900) %}{{ 'x' * 900 }}{% endfor %}", "too long"),
        ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", "nested too deeply"),
        ("{%if 1%}" * 580 + "{%endif%}" * 580, "nested too deeply"),
        ("{{ reader" + "|e" * 4900 + " }}", "nested too deeply"),
    ],
)
async def test_hostile_templates_are_bad_user_input_on_the_body(
    api: Api, body: str, says: str
) -> None:
    admin = await api.person("root", admin=True)
    for query in (UPDATE, PREVIEW):
        error = await api.error(query, {"input": {"subject": SUBJECT, "body": body}}, as_=admin)
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["body"]}, error
        assert says in error["message"], error["message"]
    config = await api.repositories.config.get()
    assert (config.version, config.templates) == (0, {})


@pytest.fixture(scope="module")
async def served(
    endpoints: Endpoints, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Served]:
    async for running in serve_api(endpoints, Path(tmp_path_factory.mktemp("templates"))):
        yield running


async def admin_token(served: Served) -> str:
    subject = uuid.uuid4().hex
    async with open_services(served.settings) as services:
        admin = await services.repositories.users.register(
            identity=Identity(issuer="https://sso.example.com", subject=subject),
            profile=Profile(name="Root", email=f"{subject}@example.com"),
            role=StoredRole.ADMIN,
        )
        return services.tokens.issue_access(user_id=admin.id, role=Role.ADMIN)


async def preview_while_probing(
    http: httpx.AsyncClient, served: Served, token: str, body: str
) -> tuple[httpx.Response, list[float], float]:
    """The preview of `body`, /healthz's answer times while it ran, and how long it took."""
    request = {"query": PREVIEW, "variables": {"input": {"subject": SUBJECT, "body": body}}}
    started = time.monotonic()
    work = asyncio.create_task(
        http.post(
            f"{served.base}/graphql", json=request, headers={"authorization": f"Bearer {token}"}
        )
    )
    probes = await healthz_while(http, served.base, work)
    return await work, probes, time.monotonic() - started


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("body", "says"),
    [
        (LOOPS, "longer than"),
        # Refused at once by the process's memory limit, so /healthz is asked once or twice.
        ("{{ 'x'|center(10**10) }}", "does not render"),
    ],
    ids=["billion-iterations", "ten-gigabyte-string"],
)
async def test_a_costly_template_is_stopped_while_healthz_answers(
    served: Served, body: str, says: str
) -> None:
    token = await admin_token(served)
    async with httpx.AsyncClient(timeout=30) as http:
        response, probes, took = await preview_while_probing(http, served, token, body)
        # The process that was killed is replaced: the next preview renders.
        good = {"subject": SUBJECT, "body": "Hi {{ reader.name }}"}
        after = await http.post(
            f"{served.base}/graphql",
            json={"query": PREVIEW, "variables": {"input": good}},
            headers={"authorization": f"Bearer {token}"},
        )
    assert took < 10, f"{took:.1f} s"
    assert probes
    assert max(probes) < 0.5, probes
    if says == "longer than":
        assert len(probes) >= 10, "the API answered all through the two seconds"
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["body"]}, error
    assert says in error["message"]
    assert after.json()["data"]["previewTemplate"]["text"] == "Hi Ada"


@pytest.mark.timeout(90)
@pytest.mark.parametrize(
    "body",
    ["{{ '%0999999999d' % 1 }}", "{{ 'x'|center(999999999) }}"],
    ids=["formatted-gigabyte", "centred-gigabyte"],
)
async def test_a_costly_constant_is_never_worked_out_in_the_api_process(
    served: Served, body: str
) -> None:
    # Checking reads the template's names; a constant expression must not be computed then.
    token = await admin_token(served)
    async with httpx.AsyncClient(timeout=60) as http:
        response, probes, took = await preview_while_probing(http, served, token, body)
    assert max(probes) < 0.5, probes
    assert took < 10, f"{took:.1f} s"
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["body"]}, error
