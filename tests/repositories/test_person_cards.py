"""Person cards: what colleagues see of a person, read with a projection of the user item."""

from __future__ import annotations

from repositories.bundle import Repositories
from repositories.models import PersonCard, Preferences, Profile
from tests.repositories.conftest import register


async def test_cards_hold_what_colleagues_see_and_none_for_unknown_people(
    repos: Repositories,
) -> None:
    ada = await register(repos, "ada", team="Platform")
    ada = await repos.users.update_profile(
        user_id=ada.id,
        profile=Profile(
            name="Ada", email=ada.profile.email, display_name="Ada L.", team="Platform", bio="x"
        ),
        expected_version=ada.version,
    )
    ada = await repos.users.update_preferences(
        user_id=ada.id,
        preferences=Preferences(timezone="Europe/Berlin", topics=["books", "tea"]),
    )
    bob = await register(repos, "bob")
    cards = await repos.users.cards(user_ids=[ada.id, "no-such-person", bob.id, ada.id])
    assert cards == [
        PersonCard(
            id=ada.id,
            name="Ada",
            display_name="Ada L.",
            email=ada.profile.email,
            team="Platform",
            time_zone="Europe/Berlin",
            topics=["books", "tea"],
        ),
        None,
        PersonCard.of(bob),
        PersonCard.of(ada),
    ]
