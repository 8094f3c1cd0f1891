"""Admin operations answer admins of this deployment only, and refuse bad configuration."""

from __future__ import annotations

import pytest

from rounds.service import rounds_queue_name
from tests.api.conftest import Api
from workers.rounds import execute_round

ADMIN_QUERIES = {
    "users": "{ users(first: 10) { items { id } nextCursor } }",
    "stats": "{ stats { activePeople } }",
    "rounds": "{ rounds { items { slot } } }",
    "auditLog": "{ auditLog { items { id } } }",
    "deploymentConfig": "{ deploymentConfig { schedule } }",
    "previewRound": 'mutation { previewRound(slot: "2026-12-07") { slot } }',
    "runRoundNow": 'mutation { runRoundNow(slot: "2026-12-07") { __typename } }',
    "deactivatePerson": 'mutation { deactivatePerson(userId: "x") { id } }',
    "reactivatePerson": 'mutation { reactivatePerson(userId: "x") { id } }',
    "updateDeploymentConfig": (
        "mutation { updateDeploymentConfig(input: {meetingSize: 3}) { schedule } }"
    ),
}
UPDATE_CONFIG = """mutation($input: DeploymentConfigInput!) {
  updateDeploymentConfig(input: $input) { schedule timeZone meetingSize adminEmails channels } }"""


async def test_members_and_signed_out_people_are_refused(api: Api) -> None:
    member = await api.person("mo")
    for operation, query in ADMIN_QUERIES.items():
        refused = await api.error(query, as_=member)
        assert refused["extensions"] == {"code": "FORBIDDEN"}, operation
        assert refused["path"] == [operation]
        signed_out = await api.error(query)
        assert signed_out["extensions"] == {"code": "UNAUTHENTICATED"}, operation
    assert await api.services.queue.queued_jobs() == []
    assert await api.services.queue.queued_jobs(queue_name=rounds_queue_name("team-a")) == []


async def test_admin_lists_people_by_status_and_sees_figures(api: Api) -> None:
    admin = await api.person("root", admin=True)
    ada = await api.person("ada")
    await api.person("newcomer", joined=False)
    await api.repositories.users.pause(user_id=ada.id)
    paused = await api.data("{ users(status: PAUSED) { items { id status } } }", as_=admin)
    assert paused["users"]["items"] == [{"id": ada.id, "status": "PAUSED"}]
    stats = await api.data("{ stats { activePeople pausedPeople notJoinedPeople } }", as_=admin)
    assert stats["stats"] == {"activePeople": 1, "pausedPeople": 1, "notJoinedPeople": 1}


async def test_deactivate_and_reactivate(api: Api) -> None:
    admin = await api.person("root", admin=True)
    ada = await api.person("ada")
    query = "mutation($id: ID!) { deactivatePerson(userId: $id) { id status } }"
    assert (await api.data(query, {"id": ada.id}, as_=admin))["deactivatePerson"] == {
        "id": ada.id,
        "status": "DEACTIVATED",
    }
    back = "mutation($id: ID!) { reactivatePerson(userId: $id) { status } }"
    assert (await api.data(back, {"id": ada.id}, as_=admin))["reactivatePerson"] == {
        "status": "ACTIVE"
    }
    missing = await api.error(query, {"id": "nobody"}, as_=admin)
    assert missing["extensions"] == {"code": "NOT_FOUND", "fields": ["userId"]}
    before = await api.repositories.users.get(user_id=admin.id)
    assert before is not None
    assert not before.participation.deactivated
    itself = await api.error(query, {"id": admin.id}, as_=admin)
    assert itself["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["userId"]}
    # Refused before any write: the admin's item is as it was.
    assert await api.repositories.users.get(user_id=admin.id) == before


async def test_config_update_and_the_public_settings(api: Api) -> None:
    admin = await api.person("root", admin=True)
    saved = await api.data(
        UPDATE_CONFIG,
        {
            "input": {
                "schedule": "0 10 * * TUE",
                "timeZone": "Europe/Lisbon",
                "meetingSize": 3,
                "adminEmails": ["Root@Example.com"],
                "channels": ["EMAIL", "SLACK"],
            }
        },
        as_=admin,
    )
    assert saved["updateDeploymentConfig"] == {
        "schedule": "0 10 * * TUE",
        "timeZone": "Europe/Lisbon",
        "meetingSize": 3,
        "adminEmails": ["root@example.com"],
        "channels": ["EMAIL", "SLACK"],
    }
    public = await api.data(
        "{ deploymentSettings { deploymentId schedule timeZone meetingSize channels nextRoundAt"
        " slackApp } }"
    )
    settings = public["deploymentSettings"]
    assert settings["deploymentId"] == "team-a"
    assert settings["meetingSize"] == 3
    assert settings["channels"] == ["EMAIL", "SLACK"]
    assert settings["slackApp"] is False  # no Slack app here: Slack goes to people's webhooks
    assert settings["nextRoundAt"].endswith("+01:00") or settings["nextRoundAt"].endswith("+00:00")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"schedule": "every monday"}, "schedule"),
        ({"timeZone": "Europe/Atlantis"}, "timeZone"),
        ({"adminEmails": ["not-an-email"]}, "adminEmails"),
        ({"meetingSize": 1}, "meetingSize"),
        ({"schedule": "0 9 * * MON" + " " * 200}, "schedule"),
    ],
)
async def test_bad_config_is_refused_and_nothing_is_written(
    api: Api, change: dict[str, object], field: str
) -> None:
    admin = await api.person("root", admin=True)
    error = await api.error(UPDATE_CONFIG, {"input": change}, as_=admin)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "fields": [field]}
    config = await api.repositories.config.get()
    assert config.version == 0


async def test_preview_then_run_a_round(api: Api) -> None:
    admin = await api.person("root", admin=True, joined=False)
    people = [await api.person(name) for name in ("ada", "bob", "cy", "di")]
    preview = await api.data(
        """mutation { previewRound(slot: "2026-12-07") { slot unmatched { id }
          groups { members { id } } quality { repeats unmatched } } }""",
        as_=admin,
    )
    groups = preview["previewRound"]["groups"]
    assert len(groups) == 2
    assert sorted(m["id"] for g in groups for m in g["members"]) == sorted(p.id for p in people)
    assert preview["previewRound"]["quality"] == {"repeats": 0, "unmatched": 0}
    assert (await api.data("{ rounds { items { slot } } }", as_=admin))["rounds"]["items"] == []

    run = 'mutation { runRoundNow(slot: "2026-12-07") { __typename ... on RoundQueued { jobId } } }'
    queued = await api.data(run, as_=admin)
    assert queued["runRoundNow"] == {
        "__typename": "RoundQueued",
        "jobId": "run_round:team-a:2026-12-07",
    }
    # Rounds have a queue of their own, so notifications never hold one up.
    rounds_queue = rounds_queue_name("team-a")
    job = await api.services.queue.queued_jobs(queue_name=rounds_queue)
    assert [(j.function, j.kwargs) for j in job] == [
        ("run_round", {"deployment_id": "team-a", "slot": "2026-12-07", "requested_by": admin.id})
    ]
    again = await api.data(run, as_=admin)
    assert again["runRoundNow"]["__typename"] == "RoundAlreadyQueued"
    assert len(await api.services.queue.queued_jobs(queue_name=rounds_queue)) == 1


async def test_a_bad_slot_is_refused(api: Api) -> None:
    admin = await api.person("root", admin=True)
    error = await api.error(
        'mutation { runRoundNow(slot: "next monday") { __typename } }', as_=admin
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["slot"]}
    assert await api.services.queue.queued_jobs() == []
    assert await api.services.queue.queued_jobs(queue_name=rounds_queue_name("team-a")) == []


async def test_the_preview_shows_the_groups_the_run_then_writes(api: Api) -> None:
    admin = await api.person("root", admin=True, joined=False)
    for name in ("ada", "bob", "cy", "di", "ed", "flo", "gus"):
        await api.person(name)
    preview = await api.data(
        'mutation { previewRound(slot: "2026-12-07") { groups { members { id } } } }', as_=admin
    )
    previewed = sorted(
        sorted(member["id"] for member in group["members"])
        for group in preview["previewRound"]["groups"]
    )
    await execute_round(api.services, slot="2026-12-07", owner="job:1")
    written = sorted(
        sorted(match.participants)
        for match in await api.services.repositories.rounds.groups_of(slot="2026-12-07")
    )
    assert written == previewed
