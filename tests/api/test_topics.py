"""Topic suggestions: the topics most people of the deployment list, for people signed in."""

from __future__ import annotations

from repositories.models import Preferences, User
from tests.api.conftest import Api

SUGGESTIONS = "query($first: Int!) { topicSuggestions(first: $first) { topic people } }"


async def likes(api: Api, user: User, topics: list[str]) -> User:
    current = await api.repositories.users.require(user_id=user.id)
    return await api.repositories.users.update_preferences(
        user_id=user.id, preferences=Preferences(topics=topics), expected_version=current.version
    )


async def test_the_most_listed_topics_come_first_counted_once_per_person(api: Api) -> None:
    ada = await api.person("ada")
    await likes(api, ada, ["Jazz", "Climbing", "jazz "])
    grace = await likes(api, await api.person("grace"), ["jazz", "Compilers"])
    await likes(api, await api.person("linus"), ["Jazz", "Climbing", "Sourdough"])
    newcomer = await api.person("newcomer", joined=False)
    await likes(api, newcomer, ["Compilers"])
    # A deactivated person's topics are no longer suggested.
    gone = await likes(api, await api.person("gone"), ["Cryptids", "Jazz"])
    await api.repositories.users.deactivate(user_id=gone.id)

    found = await api.data(SUGGESTIONS, {"first": 30}, as_=grace)
    assert found["topicSuggestions"] == [
        {"topic": "Jazz", "people": 3},
        {"topic": "Climbing", "people": 2},
        {"topic": "Compilers", "people": 2},
        {"topic": "Sourdough", "people": 1},
    ]
    top = await api.data(SUGGESTIONS, {"first": 2}, as_=grace)
    assert [entry["topic"] for entry in top["topicSuggestions"]] == ["Jazz", "Climbing"]


async def test_at_most_thirty_topics_are_suggested(api: Api) -> None:
    first = await likes(api, await api.person("ada"), [f"Topic {n:02}" for n in range(20)])
    await likes(api, await api.person("bob"), [f"Topic {n:02}" for n in range(10, 30)])
    await likes(api, await api.person("cy"), [f"Topic {n:02}" for n in range(25, 40)])
    found = (await api.data("{ topicSuggestions { topic people } }", as_=first))["topicSuggestions"]
    assert len(found) == 30
    assert found[:5] == [{"topic": f"Topic {n}", "people": 2} for n in range(10, 15)]


async def test_signed_out_people_and_bad_sizes_are_refused(api: Api) -> None:
    ada = await likes(api, await api.person("ada"), ["Jazz"])
    signed_out = await api.error(SUGGESTIONS, {"first": 5})
    assert signed_out["extensions"] == {"code": "UNAUTHENTICATED"}
    for first in (0, 31):
        refused = await api.error(SUGGESTIONS, {"first": first}, as_=ada)
        assert refused["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["first"]}
