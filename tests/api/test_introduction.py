"""The match page shows the introduction the messages gave: profile, contact, length, invite."""

from __future__ import annotations

from typing import Any, cast

from icalendar import Calendar

from repositories.models import Preferences, User
from tests.api.conftest import Api

SLOT = "2030-01-07"
QUERY = """
query ($id: ID!) {
  match(id: $id) {
    introduction {
      partners { id name pronouns title team timeZone localTime about topics commonTopics
                 contacts { label value url } }
      suggestedTime durationMinutes conversationStarter invitation
    }
  }
}
"""


async def described(api: Api, user: User, **profile: Any) -> User:
    users = api.repositories.users
    updated = await users.update_profile(
        user_id=user.id,
        profile=user.profile.model_copy(update=profile),
        expected_version=user.version,
    )
    return updated


async def test_the_match_page_introduces_the_partner_with_the_shortest_length(api: Api) -> None:
    ada, grace = await api.person("ada"), await api.person("grace")
    grace = await described(
        api, grace, pronouns="she/her", title="Compiler engineer", team="Platform", bio="Hi!"
    )
    await api.repositories.users.update_preferences(
        user_id=ada.id,
        preferences=Preferences(topics=["jazz", "climbing"], meeting_length=45),
        active_only=True,
    )
    await api.repositories.users.update_preferences(
        user_id=grace.id,
        preferences=Preferences(
            topics=["opera", "Jazz"], meeting_length=30, time_zone="Asia/Tokyo"
        ),
        active_only=True,
    )
    [match_id] = await api.completed_round(SLOT, [[ada.id, grace.id]])

    data = await api.data(QUERY, {"id": match_id}, as_=ada)
    intro = data["match"]["introduction"]
    [partner] = intro["partners"]
    assert partner["id"] == grace.id
    assert partner["pronouns"] == "she/her"
    assert partner["title"] == "Compiler engineer"
    assert partner["team"] == "Platform"
    assert partner["about"] == "Hi!"
    assert partner["timeZone"] == "Asia/Tokyo"
    assert partner["localTime"].endswith("JST")
    assert partner["topics"] == ["Jazz", "opera"]
    assert partner["commonTopics"] == ["jazz"]
    assert partner["contacts"] == [
        {"label": "Email", "value": grace.profile.email, "url": f"mailto:{grace.profile.email}"}
    ]
    assert intro["durationMinutes"] == 30

    calendar = Calendar.from_ical(intro["invitation"])
    assert str(calendar["METHOD"]) == "REQUEST"
    [event] = calendar.walk("VEVENT")
    attendees = {str(attendee) for attendee in cast("list[Any]", event["ATTENDEE"])}
    assert attendees == {f"mailto:{ada.profile.email}", f"mailto:{grace.profile.email}"}
    assert (event.decoded("DTEND") - event.decoded("DTSTART")).total_seconds() == 30 * 60
    assert str(event["UID"]).startswith(f"{match_id}@")


async def test_someone_outside_the_match_gets_no_introduction(api: Api) -> None:
    ada, grace, eve = await api.person("ada"), await api.person("grace"), await api.person("eve")
    [match_id] = await api.completed_round(SLOT, [[ada.id, grace.id]])
    error = await api.error(QUERY, {"id": match_id}, as_=eve)
    assert error["extensions"]["code"] == "NOT_FOUND"
