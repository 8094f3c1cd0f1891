"""A member's call of an admin-only field is refused and audited, up to a cap per person."""

from __future__ import annotations

from datetime import UTC, datetime

from repositories.audit import AuditAction, AuditEvent, AuditRepository
from resolvers.audited_refusals import AUDITED_ADMIN_REFUSALS
from tests.api.conftest import Api

CONFIG = "{ deploymentConfig { schedule } }"
UPDATE = "mutation { updateDeploymentConfig(input: {meetingSize: 3}) { meetingSize } }"


async def refusals(api: Api) -> list[AuditEvent]:
    audit = AuditRepository(gateway=api.repositories.gateway)
    events = await audit.month(moment=datetime.now(UTC), limit=100)
    return [event for event in events if event.action is AuditAction.ADMIN_CALL_REFUSED]


async def test_a_members_admin_calls_are_refused_and_audited(api: Api) -> None:
    member = await api.person("mo")
    read = await api.error(CONFIG, as_=member)
    write = await api.error(UPDATE, as_=member)
    assert read["extensions"] == {"code": "FORBIDDEN"}
    assert write["extensions"] == {"code": "FORBIDDEN"}
    events = await refusals(api)
    assert sorted((event.actor, event.target) for event in events) == [
        (member.id, "deploymentConfig"),
        (member.id, "updateDeploymentConfig"),
    ]
    assert (await api.repositories.config.get()).version == 0


async def test_a_members_probing_is_audited_up_to_a_cap(api: Api) -> None:
    member = await api.person("mo")
    for _ in range(AUDITED_ADMIN_REFUSALS.calls + 15):
        assert (await api.error(CONFIG, as_=member))["extensions"]["code"] == "FORBIDDEN"
    events = await refusals(api)
    # A window may end during the loop, so the cap can apply twice, never more.
    assert AUDITED_ADMIN_REFUSALS.calls <= len(events) <= 2 * AUDITED_ADMIN_REFUSALS.calls


async def test_signed_out_callers_and_admins_leave_no_refusal_event(api: Api) -> None:
    admin = await api.person("root", admin=True)
    assert (await api.error(CONFIG))["extensions"]["code"] == "UNAUTHENTICATED"
    await api.data(CONFIG, as_=admin)
    assert await refusals(api) == []
