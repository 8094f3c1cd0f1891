"""Time zone names: IANA names only, not the zone database's other files."""

from __future__ import annotations

import pytest

from core.constraints import check_zone
from repositories.models.config import DeploymentConfig
from repositories.models.users import Preferences


@pytest.mark.parametrize("name", ["Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC"])
def test_iana_names_are_taken_as_they_are(name: str) -> None:
    assert check_zone(name) == name


@pytest.mark.parametrize(
    "name", ["localtime", "Factory", "posixrules", "posix/Europe/Berlin", "right/UTC"]
)
def test_files_of_the_zone_database_that_are_no_zone_names_are_refused(name: str) -> None:
    # localtime would make a deployment follow the zone of whatever server it runs on.
    with pytest.raises(ValueError, match="not an IANA time zone name"):
        check_zone(name)


@pytest.mark.parametrize("name", ["Mars/Olympus", "x" * 65, "../../etc/passwd"])
def test_unknown_and_overlong_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="time zone"):
        check_zone(name)


def test_items_of_earlier_releases_holding_such_a_zone_still_load() -> None:
    # Earlier releases took any name the zone database knows; what they stored keeps working.
    assert Preferences.model_validate({"timezone": "localtime"}).time_zone == "localtime"
    assert DeploymentConfig.model_validate({"timezone": "posix/Europe/Berlin"}).time_zone == (
        "posix/Europe/Berlin"
    )
