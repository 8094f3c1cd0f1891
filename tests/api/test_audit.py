"""The audit log: one event per admin action, by user id, newest first, paged across months."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from auth.principal import Role
from auth.tokens import TokenService, parse_keyring
from repositories.audit import AuditAction, AuditEvent, AuditRepository, month_before, month_start
from repositories.models import User
from tests.api.conftest import Api

LOG = """query($first: Int!, $after: String) {
  auditLog(first: $first, after: $after) {
    items { id at actorId action target detail } nextCursor } }"""
SLOT = "2026-12-07"


async def whole_log(api: Api, admin: User, *, first: int = 50) -> list[dict[str, Any]]:
    """Every event the log shows, following its cursors to the end."""
    events: list[dict[str, Any]] = []
    after: str | None = None
    for _ in range(100):
        page = (await api.data(LOG, {"first": first, "after": after}, as_=admin))["auditLog"]
        events.extend(page["items"])
        after = page["nextCursor"]
        if after is None:
            return events
    raise AssertionError("the audit log never ended")


async def people(api: Api) -> tuple[User, User]:
    admin = await api.person("root", admin=True, joined=False)
    ada = await api.person("ada")
    await api.person("bob")
    return admin, ada


async def update_config(api: Api, admin: User, ada: User) -> None:
    await api.data(
        """mutation { updateDeploymentConfig(input: {meetingSize: 3,
          adminEmails: ["boss@example.com"]}) { meetingSize } }""",
        as_=admin,
    )


async def update_config_to_the_same(api: Api, admin: User, ada: User) -> None:
    # Every field null: nothing changes (the fuzz run found this answered INTERNAL).
    await api.data(
        "mutation { updateDeploymentConfig(input: {meetingSize: null, timeZone: null})"
        " { meetingSize } }",
        as_=admin,
    )


async def run_round_now(api: Api, admin: User, ada: User) -> None:
    await api.data(f'mutation {{ runRoundNow(slot: "{SLOT}") {{ __typename }} }}', as_=admin)


async def preview_round(api: Api, admin: User, ada: User) -> None:
    await api.data(f'mutation {{ previewRound(slot: "{SLOT}") {{ slot }} }}', as_=admin)


async def deactivate(api: Api, admin: User, ada: User) -> None:
    query = "mutation($id: ID!) { deactivatePerson(userId: $id) { status } }"
    await api.data(query, {"id": ada.id}, as_=admin)


async def reactivate(api: Api, admin: User, ada: User) -> None:
    await api.repositories.users.deactivate(user_id=ada.id)
    query = "mutation($id: ID!) { reactivatePerson(userId: $id) { status } }"
    await api.data(query, {"id": ada.id}, as_=admin)


Action = Callable[[Api, User, User], Awaitable[None]]


@pytest.mark.parametrize(
    ("act", "action", "target", "detail"),
    [
        (update_config, "deployment_config_updated", "config", "admin_emails,group_size"),
        (update_config_to_the_same, "deployment_config_updated", "config", '"nothing"'),
        (run_round_now, "round_run_requested", SLOT, '"outcome": "queued"'),
        (preview_round, "round_previewed", SLOT, '"groups": "1"'),
        (deactivate, "person_deactivated", "ada", None),
        (reactivate, "person_reactivated", "ada", None),
    ],
)
async def test_each_admin_action_leaves_one_event_naming_the_admin_by_id(
    api: Api, act: Action, action: str, target: str, detail: str | None
) -> None:
    admin, ada = await people(api)
    before = datetime.now(UTC)

    await act(api, admin, ada)

    events = await whole_log(api, admin)
    [event] = [event for event in events if event["action"] == action]
    assert len(events) == 1, events
    assert event["actorId"] == admin.id
    assert event["target"] == (ada.id if target == "ada" else target)
    assert before <= datetime.fromisoformat(event["at"]) <= datetime.now(UTC)
    if detail is None:
        assert event["detail"] is None
    else:
        assert detail in event["detail"]
    # Who acted is a user id; no email (the admin's, or one the action set) reaches the log.
    assert "@" not in str(events)


async def test_a_round_asked_for_twice_leaves_two_events_with_their_outcomes(api: Api) -> None:
    admin, _ = await people(api)
    await run_round_now(api, admin, admin)
    await run_round_now(api, admin, admin)
    events = await whole_log(api, admin)
    assert [event["detail"] for event in events] == [
        '{"outcome": "already_queued"}',
        '{"outcome": "queued"}',
    ]


async def test_a_token_of_another_deployment_shows_in_the_log(api: Api) -> None:
    admin, ada = await people(api)
    other = TokenService(
        keyring=parse_keyring(api.services.settings.jwt_signing_keys.get_secret_value()),
        deployment_id="team-b",
    )
    token = other.issue_access(user_id=ada.id, role=Role.ADMIN)
    for _ in range(2):
        response = await api.client.post(
            "/graphql",
            json={"query": "{ auditLog { items { id } } }"},
            headers={"authorization": f"Bearer {token}"},
        )
        assert response.status_code == 403
    [event] = await whole_log(api, admin)
    assert event["action"] == "cross_deployment_access"
    assert event["actorId"] == ada.id
    assert event["target"] == "team-b"


async def test_refused_actions_leave_no_event(api: Api) -> None:
    admin, ada = await people(api)
    deactivate_query = "mutation($id: ID!) { deactivatePerson(userId: $id) { status } }"
    itself = await api.error(deactivate_query, {"id": admin.id}, as_=admin)
    assert itself["extensions"]["code"] == "BAD_USER_INPUT"
    missing = await api.error(deactivate_query, {"id": "nobody"}, as_=admin)
    assert missing["extensions"]["code"] == "NOT_FOUND"
    bad_config = await api.error(
        "mutation { updateDeploymentConfig(input: {meetingSize: 1}) { meetingSize } }", as_=admin
    )
    assert bad_config["extensions"]["code"] == "BAD_USER_INPUT"
    member = await api.error(deactivate_query, {"id": admin.id}, as_=ada)
    assert member["extensions"]["code"] == "FORBIDDEN"
    # Nothing took effect; only the member's attempt at an admin action is on record.
    assert [
        (event["action"], event["actorId"], event["target"])
        for event in await whole_log(api, admin)
    ] == [("admin_call_refused", ada.id, "deactivatePerson")]


async def test_a_member_cannot_read_the_log(api: Api) -> None:
    admin, ada = await people(api)
    await deactivate(api, admin, ada)
    refused = await api.run(LOG, {"first": 10}, as_=ada)
    assert refused["data"] is None
    assert [error["extensions"] for error in refused["errors"]] == [{"code": "FORBIDDEN"}]
    signed_out = await api.error(LOG, {"first": 10})
    assert signed_out["extensions"] == {"code": "UNAUTHENTICATED"}


async def record(api: Api, at: datetime, name: str) -> None:
    await AuditRepository(gateway=api.repositories.gateway).record(
        AuditEvent(
            event_id=name,
            at=at,
            action=AuditAction.LOGOUT,
            actor=name,
            deployment_id=api.services.settings.deployment_id,
        )
    )


async def test_pages_run_newest_first_across_months_without_losing_or_repeating(
    api: Api,
) -> None:
    admin, _ = await people(api)
    now = datetime.now(UTC)
    this_month = month_start(now)
    last_month = month_before(this_month)
    three_back = month_before(month_before(last_month))
    expected: list[str] = []
    # Five this month (more than a page), none two months back, three a quarter ago.
    for index in range(5):
        at = now - (now - this_month) * (index + 1) / 7
        await record(api, at, f"now-{index}")
        expected.append(f"now-{index}")
    await record(api, last_month + timedelta(days=3), "last-month")
    expected.append("last-month")
    for index in range(3):
        await record(api, three_back + timedelta(days=20 - index), f"quarter-{index}")
        expected.append(f"quarter-{index}")
    # Past the retention: gone from the log even before the table's TTL removes it.
    await record(api, now - timedelta(days=460), "expired")

    for first in (1, 2, 3, 4, 50):
        shown = [event["id"] for event in await whole_log(api, admin, first=first)]
        assert shown == expected, first
    page = (await api.data(LOG, {"first": 50}, as_=admin))["auditLog"]
    assert page["nextCursor"] is None
    times = [datetime.fromisoformat(event["at"]) for event in page["items"]]
    assert times == sorted(times, reverse=True)


async def test_a_page_ending_at_a_month_boundary_continues_in_older_months(api: Api) -> None:
    admin, _ = await people(api)
    now = datetime.now(UTC)
    await record(api, now, "this")
    await record(api, month_before(month_start(now)) + timedelta(days=1), "older")
    first = (await api.data(LOG, {"first": 1}, as_=admin))["auditLog"]
    assert [event["id"] for event in first["items"]] == ["this"]
    assert first["nextCursor"] is not None
    second = await api.data(LOG, {"first": 1, "after": first["nextCursor"]}, as_=admin)
    assert [event["id"] for event in second["auditLog"]["items"]] == ["older"]


@pytest.mark.parametrize("cursor", ["2024-01", "garbage", "eyJ4IjoxfQ.AAAA"])
async def test_a_forged_cursor_is_refused(api: Api, cursor: str) -> None:
    admin, _ = await people(api)
    error = await api.error(LOG, {"first": 5, "after": cursor}, as_=admin)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_cursor_of_another_listing_is_refused(api: Api) -> None:
    admin, _ = await people(api)
    users = await api.data("{ users(first: 1) { nextCursor } }", as_=admin)
    cursor = users["users"]["nextCursor"]
    assert cursor is not None
    error = await api.error(LOG, {"first": 5, "after": cursor}, as_=admin)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_page_size_is_bounded(api: Api) -> None:
    admin, _ = await people(api)
    error = await api.error(LOG, {"first": 0}, as_=admin)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["first"]}
