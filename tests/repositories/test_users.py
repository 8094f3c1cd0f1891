"""People: registration, lookups, versioned updates, participation and admin listings."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest

from core.errors import AlreadyExists, BadUserInput, Conflict, ErrorCode, Forbidden, NotFound
from repositories.bundle import Repositories
from repositories.models import (
    Channel,
    Identity,
    NotificationSettings,
    ParticipationStatus,
    Preferences,
    Profile,
    Role,
    validated,
)
from tests.repositories.conftest import Clock, register, register_active

SSO = "https://sso.example.com"


async def test_a_registered_person_is_found_by_id_identity_and_email(repos: Repositories) -> None:
    ada = await register(repos, "ada", team="payments")

    assert await repos.users.get(user_id=ada.id) == ada
    assert await repos.users.get_by_identity(issuer=SSO, subject="sub-ada") == ada
    assert await repos.users.get_by_email(email=" ADA@Example.com ") == ada
    assert ada.participation.stored_status() is ParticipationStatus.NOT_JOINED
    assert ada.version == 1
    assert await repos.users.get(user_id="nobody") is None
    assert await repos.users.get_by_identity(issuer=SSO, subject="sub-nobody") is None


async def test_two_registrations_of_one_identity_at_once_give_one_person(
    repos: Repositories,
) -> None:
    identity = Identity(issuer=SSO, subject="same-subject")
    results = await asyncio.gather(
        *(
            repos.users.register(
                identity=identity, profile=Profile(name=f"p{n}", email=f"p{n}@example.com")
            )
            for n in range(2)
        ),
        return_exceptions=True,
    )

    winners = [r for r in results if not isinstance(r, BaseException)]
    losers = [r for r in results if isinstance(r, AlreadyExists)]
    assert len(winners) == 1
    assert len(losers) == 1
    assert losers[0].code is ErrorCode.ALREADY_EXISTS
    assert losers[0].fields == ("identity",)
    found = await repos.users.get_by_identity(issuer=SSO, subject="same-subject")
    assert found == winners[0]
    # The losing attempt left no email claim behind.
    loser_email = {"p0@example.com", "p1@example.com"} - {winners[0].profile.email}
    assert await repos.users.get_by_email(email=loser_email.pop()) is None


async def test_an_email_registers_once_whatever_its_case(repos: Repositories) -> None:
    await register(repos, "ada")
    with pytest.raises(AlreadyExists) as refused:
        await repos.users.register(
            identity=Identity(issuer=SSO, subject="other"),
            profile=Profile(name="Impostor", email="Ada@EXAMPLE.com"),
        )
    assert refused.value.fields == ("email",)
    assert await repos.users.get_by_identity(issuer=SSO, subject="other") is None


async def test_a_stale_profile_update_is_refused_and_loses_nothing(repos: Repositories) -> None:
    ada = await register(repos, "ada")
    first = Profile(name="Ada L.", email=ada.profile.email, title="Engineer")
    second = Profile(name="Ada Lovelace", email=ada.profile.email)

    results = await asyncio.gather(
        repos.users.update_profile(user_id=ada.id, profile=first, expected_version=1),
        repos.users.update_profile(user_id=ada.id, profile=second, expected_version=1),
        return_exceptions=True,
    )

    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(conflicts) == 1
    assert conflicts[0].code is ErrorCode.CONFLICT
    stored = await repos.users.require(user_id=ada.id)
    assert stored.version == 2
    assert stored.profile in (first, second)


async def test_an_email_change_moves_its_uniqueness(repos: Repositories) -> None:
    ada = await register(repos, "ada")
    bob = await register(repos, "bob")

    with pytest.raises(AlreadyExists):
        await repos.users.update_profile(
            user_id=ada.id,
            profile=Profile(name="Ada", email="bob@example.com"),
            expected_version=ada.version,
        )
    moved = await repos.users.update_profile(
        user_id=ada.id,
        profile=Profile(name="Ada", email="ada@new.example.com"),
        expected_version=ada.version,
    )

    assert moved.version == ada.version + 1
    assert await repos.users.get_by_email(email="ada@new.example.com") == moved
    assert await repos.users.get_by_email(email="ada@example.com") is None
    assert await repos.users.get_by_email(email="bob@example.com") == bob
    # The old address is free for someone else now.
    await repos.users.register(
        identity=Identity(issuer=SSO, subject="newcomer"),
        profile=Profile(name="Newcomer", email="ada@example.com"),
    )


async def test_preferences_and_notification_settings_are_versioned(repos: Repositories) -> None:
    ada = await register(repos, "ada")
    prefs = Preferences(
        availability=["mon-09", "thu-15"],
        topics=["rust"],
        meeting_length_minutes=45,
        timezone="Europe/Berlin",
    )
    updated = await repos.users.update_preferences(
        user_id=ada.id, preferences=prefs, expected_version=1
    )
    settings = NotificationSettings(
        enabled_channels=[Channel.EMAIL, Channel.SIGNAL],
        primary_channel=Channel.SIGNAL,
        signal_number="+4915112345678",
    )
    updated = await repos.users.update_notifications(
        user_id=ada.id, settings=settings, expected_version=updated.version
    )

    stored = await repos.users.require(user_id=ada.id)
    assert stored.preferences == prefs
    assert stored.notifications == settings
    assert stored.version == 3 == updated.version
    with pytest.raises(Conflict):
        await repos.users.update_preferences(
            user_id=ada.id, preferences=Preferences(), expected_version=2
        )
    assert (await repos.users.require(user_id=ada.id)).preferences == prefs


async def test_an_update_of_an_unknown_person_is_not_found(repos: Repositories) -> None:
    with pytest.raises(NotFound) as missing:
        await repos.users.update_preferences(
            user_id="ghost", preferences=Preferences(), expected_version=1
        )
    assert missing.value.code is ErrorCode.NOT_FOUND


@pytest.mark.parametrize(
    ("model", "data", "field"),
    [
        (Preferences, {"availability": ["monday-9"]}, "availability"),
        (Preferences, {"timezone": "Mars/Olympus"}, "timezone"),
        (Preferences, {"meeting_length_minutes": 500}, "meeting_length_minutes"),
        (NotificationSettings, {"enabled_channels": ["email", "slack"]}, ""),
        (NotificationSettings, {"primary_channel": "slack"}, ""),
        (Profile, {"name": "Ada", "email": "not-an-address"}, "email"),
    ],
)
def test_bad_user_input_names_the_field(model: type, data: dict[str, object], field: str) -> None:
    with pytest.raises(BadUserInput) as refused:
        validated(model, data)
    assert refused.value.code is ErrorCode.BAD_USER_INPUT
    assert field in refused.value.fields


async def test_joining_pausing_and_resuming(repos: Repositories, clock: Clock) -> None:
    ada = await register(repos, "ada")
    joined = await repos.users.join(user_id=ada.id)
    assert joined.participation.joined_at == clock.now
    with pytest.raises(AlreadyExists):
        await repos.users.join(user_id=ada.id)

    today = clock.now.date()
    paused = await repos.users.pause(user_id=ada.id, until=today + timedelta(days=6))
    assert paused.status_on(today + timedelta(days=6)) is ParticipationStatus.PAUSED
    assert paused.status_on(today + timedelta(days=7)) is ParticipationStatus.ACTIVE
    forever = await repos.users.pause(user_id=ada.id)
    assert forever.status_on(date(2100, 1, 1)) is ParticipationStatus.PAUSED
    resumed = await repos.users.resume(user_id=ada.id)
    assert resumed.status_on(today) is ParticipationStatus.ACTIVE
    assert resumed.version == ada.version + 4


async def test_the_matching_job_sees_active_people_and_ended_pauses(repos: Repositories) -> None:
    round_day = date(2026, 12, 7)
    active = await register_active(repos, "active")
    ended = await register_active(repos, "ended")
    await repos.users.pause(user_id=ended.id, until=round_day - timedelta(days=1))
    on_round_day = await register_active(repos, "lastday")
    await repos.users.pause(user_id=on_round_day.id, until=round_day)
    forever = await register_active(repos, "forever")
    await repos.users.pause(user_id=forever.id)
    gone = await register_active(repos, "gone")
    await repos.users.deactivate(user_id=gone.id)
    await register(repos, "newcomer")

    participants = await repos.users.participants(on=round_day)

    assert {p.id for p in participants} == {active.id, ended.id}
    assert await repos.users.resume_ended_pauses(on=round_day) == 1
    stored = await repos.users.require(user_id=ended.id)
    assert stored.participation.stored_status() is ParticipationStatus.ACTIVE


async def test_admins_page_through_people_by_status(repos: Repositories) -> None:
    active = {(await register_active(repos, f"a{n:02d}")).id for n in range(23)}
    paused = set()
    for n in range(4):
        person = await register_active(repos, f"p{n}")
        paused.add((await repos.users.pause(user_id=person.id)).id)
    dropped = await register_active(repos, "dropped")
    await repos.users.deactivate(user_id=dropped.id)

    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        page = await repos.users.list_users(
            status=ParticipationStatus.ACTIVE, limit=10, cursor=cursor
        )
        seen += [user.id for user in page.items]
        pages += 1
        cursor = page.cursor
        if cursor is None:
            break

    assert pages >= 3
    assert len(seen) == len(set(seen))
    assert set(seen) == active
    paused_page = await repos.users.list_users(status=ParticipationStatus.PAUSED, limit=10)
    assert {user.id for user in paused_page.items} == paused
    everyone = await repos.users.list_users(limit=100)
    assert len(everyone.items) == 28
    reactivated = await repos.users.reactivate(user_id=dropped.id)
    assert reactivated.status_on(date(2026, 12, 1)) is ParticipationStatus.ACTIVE


async def test_a_listing_limit_out_of_range_is_refused(repos: Repositories) -> None:
    with pytest.raises(BadUserInput) as refused:
        await repos.users.list_users(limit=0)
    assert refused.value.fields == ("limit",)


async def test_a_batch_of_250_ids_comes_back_in_the_order_asked(repos: Repositories) -> None:
    people = await asyncio.gather(*(register(repos, f"u{n:03d}") for n in range(240)))
    ids = [person.id for person in reversed(people)]
    asked = [*ids[:120], "missing-1", *ids[120:], "missing-2", ids[0], *ids[:7]]
    assert len(asked) == 250

    found = await repos.users.get_many(user_ids=asked)

    assert [user.id if user else None for user in found] == [
        None if user_id.startswith("missing") else user_id for user_id in asked
    ]


async def test_an_admin_role_is_kept(repos: Repositories) -> None:
    ada = await register(repos, "ada")
    promoted = await repos.users.set_role(user_id=ada.id, role=Role.ADMIN)
    assert (await repos.users.require(user_id=ada.id)).role is Role.ADMIN == promoted.role


async def test_an_update_for_active_people_only_refuses_a_deactivated_one(
    repos: Repositories,
) -> None:
    ada = await register(repos, "ada")
    prefs = Preferences(topics=["tea"])
    updated = await repos.users.update_preferences(
        user_id=ada.id, preferences=prefs, active_only=True
    )
    assert updated.preferences == prefs
    assert updated.version == ada.version + 1
    await repos.users.deactivate(user_id=ada.id)
    before = await repos.users.require(user_id=ada.id)
    with pytest.raises(Forbidden) as refused:
        await repos.users.update_preferences(
            user_id=ada.id, preferences=Preferences(), active_only=True
        )
    assert refused.value.code is ErrorCode.FORBIDDEN
    assert await repos.users.require(user_id=ada.id) == before
    with pytest.raises(NotFound):
        await repos.users.update_preferences(
            user_id="ghost", preferences=Preferences(), active_only=True
        )
