"""Admins pause a person on their behalf and resume them; logged, for admins only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from repositories.audit import AuditAction, AuditLog
from repositories.cursor import CursorCodec
from runtime.services import cursor_secret
from tests.api.conftest import Api

PAUSE = """mutation($id: ID!, $until: Date) {
  pausePerson(userId: $id, until: $until) { id status pausedUntil } }"""
RESUME = "mutation($id: ID!) { resumePerson(userId: $id) { id status pausedUntil } }"
MY_STATUS = "{ me { participation { status pausedUntil } } }"


async def logged(api: Api) -> list[tuple[AuditAction, str, str | None, dict[str, str]]]:
    gateway = api.repositories.gateway
    log = AuditLog(
        gateway=gateway,
        cursors=CursorCodec(secret=cursor_secret(api.services.settings), keys=gateway.keys),
    )
    events = (await log.page(limit=20, cursor=None)).items
    return [(event.action, event.actor, event.target, event.detail) for event in events]


async def test_an_admin_pauses_and_resumes_a_person(api: Api) -> None:
    admin = await api.person("root", admin=True)
    ada = await api.person("ada")
    last_day = (datetime.now(UTC) + timedelta(days=14)).date()
    paused = await api.data(PAUSE, {"id": ada.id, "until": last_day.isoformat()}, as_=admin)
    assert paused["pausePerson"] == {
        "id": ada.id,
        "status": "PAUSED",
        "pausedUntil": last_day.isoformat(),
    }
    # Ada sees it herself, and the next round leaves her out.
    assert (await api.data(MY_STATUS, as_=ada))["me"]["participation"] == {
        "status": "PAUSED",
        "pausedUntil": last_day.isoformat(),
    }
    on = datetime.now(UTC).date() + timedelta(days=1)
    assert ada.id not in {p.id for p in await api.repositories.users.participants(on=on)}

    resumed = await api.data(RESUME, {"id": ada.id}, as_=admin)
    assert resumed["resumePerson"] == {"id": ada.id, "status": "ACTIVE", "pausedUntil": None}
    assert ada.id in {p.id for p in await api.repositories.users.participants(on=on)}
    # Resuming someone who takes part changes nothing and logs nothing.
    await api.data(RESUME, {"id": ada.id}, as_=admin)
    assert await logged(api) == [
        (AuditAction.PERSON_RESUMED, admin.id, ada.id, {}),
        (AuditAction.PERSON_PAUSED, admin.id, ada.id, {"until": last_day.isoformat()}),
    ]


async def test_a_pause_without_an_end_lasts_until_resumed(api: Api) -> None:
    admin = await api.person("root", admin=True)
    ada = await api.person("ada")
    paused = await api.data(PAUSE, {"id": ada.id}, as_=admin)
    assert paused["pausePerson"]["status"] == "PAUSED"
    assert paused["pausePerson"]["pausedUntil"] is None
    far = datetime.now(UTC).date() + timedelta(days=400)
    assert ada.id not in {p.id for p in await api.repositories.users.participants(on=far)}


async def test_members_and_signed_out_people_are_refused(api: Api) -> None:
    member = await api.person("mo")
    ada = await api.person("ada")
    for query in (PAUSE, RESUME):
        refused = await api.error(query, {"id": ada.id}, as_=member)
        assert refused["extensions"] == {"code": "FORBIDDEN"}
        signed_out = await api.error(query, {"id": ada.id})
        assert signed_out["extensions"] == {"code": "UNAUTHENTICATED"}
    current = await api.repositories.users.require(user_id=ada.id)
    assert current.participation.paused is False
    # Nothing took effect; only the member's attempts at admin actions are on record.
    assert sorted(await logged(api)) == [
        (AuditAction.ADMIN_CALL_REFUSED, member.id, field, {"fields": field})
        for field in ("pausePerson", "resumePerson")
    ]


async def test_who_cannot_be_paused_and_when(api: Api) -> None:
    admin = await api.person("root", admin=True)
    newcomer = await api.person("newcomer", joined=False)
    gone = await api.person("gone")
    await api.repositories.users.deactivate(user_id=gone.id)
    ada = await api.person("ada")
    for person in (newcomer, gone):
        refused = await api.error(PAUSE, {"id": person.id}, as_=admin)
        assert refused["extensions"] == {"code": "CONFLICT", "fields": ["userId"]}
    yesterday = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    past = await api.error(PAUSE, {"id": ada.id, "until": yesterday}, as_=admin)
    assert past["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["until"]}
    missing = await api.error(PAUSE, {"id": "nobody"}, as_=admin)
    assert missing["extensions"] == {"code": "NOT_FOUND", "fields": ["userId"]}
    current = await api.repositories.users.require(user_id=ada.id)
    assert current.participation.paused is False
    assert await logged(api) == []
