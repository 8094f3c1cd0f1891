"""Items written before the models took the API's field names still load, and are written back
under the same attribute names."""

from __future__ import annotations

from repositories.bundle import Repositories
from repositories.models import Preferences
from tests.repositories.conftest import register

# Attributes as the previous release stored them (`meeting_length_minutes`, `timezone`,
# `group_size`).
OLD_PREFERENCES = {
    "availability": ["mon-09"],
    "topics": ["chess"],
    "meeting_length_minutes": 45,
    "timezone": "Europe/Berlin",
}


async def test_a_person_stored_by_the_previous_release_loads_and_keeps_its_attributes(
    repos: Repositories,
) -> None:
    ada = await register(repos, "ada")
    key = repos.gateway.keys.profile(ada.id)
    item = await repos.gateway.get(key)
    assert item is not None
    await repos.gateway.put({**item, "preferences": OLD_PREFERENCES})

    loaded = await repos.users.require(user_id=ada.id)
    assert loaded.preferences.meeting_length == 45
    assert loaded.preferences.time_zone == "Europe/Berlin"

    changed = loaded.preferences.model_copy(update={"meeting_length": 60})
    await repos.users.update_preferences(
        user_id=ada.id, preferences=changed, expected_version=loaded.version
    )
    written = await repos.gateway.get(key)
    assert written is not None
    assert written["preferences"] == {**OLD_PREFERENCES, "meeting_length_minutes": 60}


async def test_a_configuration_stored_by_the_previous_release_loads_and_keeps_its_attributes(
    repos: Repositories,
) -> None:
    key = repos.gateway.keys.config()
    await repos.gateway.put(
        {
            "PK": key[0],
            "SK": key[1],
            "type": "config",
            "schedule": "0 9 * * TUE",
            "timezone": "Europe/Lisbon",
            "group_size": 3,
            "version": 1,
        }
    )

    loaded = await repos.config.get()
    assert (loaded.time_zone, loaded.meeting_size, loaded.version) == ("Europe/Lisbon", 3, 1)

    await repos.config.update(
        config=loaded.model_copy(update={"meeting_size": 4}), expected_version=1
    )
    written = await repos.gateway.get(key)
    assert written is not None
    assert (written["timezone"], written["group_size"]) == ("Europe/Lisbon", 4)
    assert "time_zone" not in written
    assert "meeting_size" not in written


def test_the_code_names_are_the_api_names() -> None:
    names = set(Preferences.model_fields)
    assert {"meeting_length", "time_zone"} <= names
    assert Preferences(meeting_length=20).model_dump()["meeting_length_minutes"] == 20
