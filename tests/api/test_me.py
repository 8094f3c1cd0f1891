"""A person reads and changes their own profile, preferences, settings and participation."""

from __future__ import annotations

from tests.api.conftest import Api
from tests.api.test_matches import dynamodb_calls

ME = """{ me { id role profile { name email team bio } preferences { availability topics
  meetingLength timeZone } notificationSettings { email slack slackWebhook primaryChannel }
  participation { status pausedUntil } blocked { id name } } }"""

UPDATE_PREFERENCES = """mutation($input: PreferencesInput!) {
  updatePreferences(input: $input) { preferences { availability topics meetingLength timeZone } }
}"""


async def test_signed_out_people_are_told_to_sign_in(api: Api) -> None:
    error = await api.error(ME)
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    assert error["message"] == "sign in to do this"


async def test_me_shows_the_profile(api: Api) -> None:
    ada = await api.person("ada", team="payments")
    me = (await api.data(ME, as_=ada))["me"]
    assert me["id"] == ada.id
    assert me["role"] == "MEMBER"
    assert me["profile"]["name"] == "ada"
    assert me["profile"]["team"] == "payments"
    assert me["participation"] == {"status": "ACTIVE", "pausedUntil": None}
    assert me["notificationSettings"]["primaryChannel"] == "EMAIL"


async def test_join_then_join_again_is_an_expected_outcome(api: Api) -> None:
    ada = await api.person("ada", joined=False)
    query = """mutation { join(input: {timeZone: "Europe/Berlin", name: "Ada L."}) {
      __typename ... on Joined { me { participation { status } preferences { timeZone } } }
      ... on AlreadyJoined { me { profile { name } } } } }"""
    first = (await api.data(query, as_=ada))["join"]
    assert first == {
        "__typename": "Joined",
        "me": {"participation": {"status": "ACTIVE"}, "preferences": {"timeZone": "Europe/Berlin"}},
    }
    again = (await api.data(query, as_=ada))["join"]
    assert again == {"__typename": "AlreadyJoined", "me": {"profile": {"name": "Ada L."}}}


async def test_preferences_are_saved(api: Api) -> None:
    ada = await api.person("ada")
    wanted = {
        "availability": ["mon-09", "thu-15"],
        "topics": ["hiking", "rust"],
        "meetingLength": 45,
        "timeZone": "America/New_York",
    }
    saved = await api.data(UPDATE_PREFERENCES, {"input": wanted}, as_=ada)
    assert saved["updatePreferences"]["preferences"] == wanted
    assert (await api.data(ME, as_=ada))["me"]["preferences"] == wanted


async def test_bad_preferences_name_each_field_and_write_nothing(api: Api) -> None:
    ada = await api.person("ada")
    before = (await api.data(ME, as_=ada))["me"]
    error = await api.error(
        UPDATE_PREFERENCES,
        {
            "input": {
                "availability": ["monday-9"],
                "topics": ["x" * 41],
                "meetingLength": 30,
                "timeZone": "Mars/Olympus_Mons",
            }
        },
        as_=ada,
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["fields"] == ["availability", "topics.0", "timeZone"]
    assert "Mars/Olympus_Mons" in error["message"]
    assert (await api.data(ME, as_=ada))["me"] == before


async def test_over_long_profile_text_is_refused(api: Api) -> None:
    ada = await api.person("ada")
    error = await api.error(
        'mutation($bio: String) { updateProfile(input: {bio: $bio, team: "core"}) { id } }',
        {"bio": "b" * 1001},
        as_=ada,
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["bio"]}
    assert (await api.data(ME, as_=ada))["me"]["profile"]["team"] is None


async def test_profile_update_and_clearing(api: Api) -> None:
    ada = await api.person("ada", team="payments")
    query = """mutation($input: ProfileInput!) { updateProfile(input: $input) {
      profile { name team bio } } }"""
    changed = await api.data(query, {"input": {"bio": "tea, not coffee", "team": ""}}, as_=ada)
    assert changed["updateProfile"]["profile"] == {
        "name": "ada",
        "team": None,
        "bio": "tea, not coffee",
    }


async def test_notification_settings_refuse_a_foreign_webhook(api: Api) -> None:
    ada = await api.person("ada")
    query = """mutation($input: NotificationSettingsInput!) {
      updateNotificationSettings(input: $input) { notificationSettings { slack slackWebhook } } }"""
    settings = {
        "email": True,
        "slack": True,
        "telegram": False,
        "signal": False,
        "primaryChannel": "SLACK",
        "slackWebhook": "https://169.254.169.254/services/latest",
    }
    error = await api.error(query, {"input": settings}, as_=ada)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["slackWebhook"]}
    assert (await api.data(ME, as_=ada))["me"]["notificationSettings"]["slack"] is False

    settings["slackWebhook"] = "https://hooks.slack.com/services/T000/B000/XXXX"
    saved = await api.data(query, {"input": settings}, as_=ada)
    assert saved["updateNotificationSettings"]["notificationSettings"] == {
        "slack": True,
        "slackWebhook": "https://hooks.slack.com/services/T000/B000/XXXX",
    }


async def test_primary_channel_must_be_enabled(api: Api) -> None:
    ada = await api.person("ada")
    error = await api.error(
        """mutation { updateNotificationSettings(input: {email: true, slack: false,
        telegram: false, signal: false, primaryChannel: SIGNAL}) { id } }""",
        as_=ada,
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "primary channel" in error["message"]


async def test_test_notification_on_a_channel_that_is_off(api: Api) -> None:
    ada = await api.person("ada")
    result = await api.data(
        """mutation { sendTestNotification(channel: TELEGRAM) {
          __typename ... on ChannelNotConfigured { channel message } } }""",
        as_=ada,
    )
    assert result["sendTestNotification"] == {
        "__typename": "ChannelNotConfigured",
        "channel": "TELEGRAM",
        "message": "this deployment does not send on telegram",
    }


async def test_pause_until_a_date_then_resume(api: Api) -> None:
    ada = await api.person("ada")
    paused = await api.data(
        'mutation { pause(until: "2099-01-31") { participation { status pausedUntil } } }',
        as_=ada,
    )
    assert paused["pause"]["participation"] == {"status": "PAUSED", "pausedUntil": "2099-01-31"}
    resumed = await api.data("mutation { resume { participation { status } } }", as_=ada)
    assert resumed["resume"]["participation"] == {"status": "ACTIVE"}
    forever = await api.data("mutation { pause { participation { status pausedUntil } } }", as_=ada)
    assert forever["pause"]["participation"] == {"status": "PAUSED", "pausedUntil": None}


async def test_pause_until_a_past_date_is_refused(api: Api) -> None:
    ada = await api.person("ada")
    error = await api.error('mutation { pause(until: "2001-01-01") { id } }', as_=ada)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["until"]}
    assert (await api.data(ME, as_=ada))["me"]["participation"]["status"] == "ACTIVE"


async def test_block_and_unblock_are_idempotent(api: Api) -> None:
    ada = await api.person("ada")
    bob = await api.person("bob")
    block = "mutation($id: ID!) { blockPerson(userId: $id) { __typename } }"
    unblock = "mutation($id: ID!) { unblockPerson(userId: $id) { __typename } }"
    assert (await api.data(block, {"id": bob.id}, as_=ada))["blockPerson"] == {
        "__typename": "PersonBlocked"
    }
    assert (await api.data(block, {"id": bob.id}, as_=ada))["blockPerson"] == {
        "__typename": "AlreadyBlocked"
    }
    assert (await api.data(ME, as_=ada))["me"]["blocked"] == [{"id": bob.id, "name": "bob"}]
    assert (await api.data(unblock, {"id": bob.id}, as_=ada))["unblockPerson"] == {
        "__typename": "PersonUnblocked"
    }
    assert (await api.data(unblock, {"id": bob.id}, as_=ada))["unblockPerson"] == {
        "__typename": "NotBlocked"
    }
    missing = await api.error(block, {"id": "nobody"}, as_=ada)
    assert missing["extensions"] == {"code": "NOT_FOUND", "fields": ["userId"]}
    itself = await api.error(block, {"id": ada.id}, as_=ada)
    assert itself["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["userId"]}


async def test_export_then_delete_my_account(api: Api) -> None:
    ada = await api.person("ada")
    exported = await api.data("mutation { exportMyData { data } }", as_=ada)
    assert exported["exportMyData"]["data"]["user"]["id"] == ada.id
    wrong = await api.error(
        'mutation { deleteMyAccount(confirmEmail: "someone@else.org") { userId } }', as_=ada
    )
    assert wrong["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["confirmEmail"]}
    assert (await api.data(ME, as_=ada))["me"]["id"] == ada.id
    deleted = await api.data(
        "mutation($email: String!) { deleteMyAccount(confirmEmail: $email) { userId } }",
        {"email": ada.profile.email},
        as_=ada,
    )
    assert deleted["deleteMyAccount"] == {"userId": ada.id}
    gone = await api.error(ME, as_=ada)
    assert gone["extensions"] == {"code": "UNAUTHENTICATED"}


async def test_a_deactivated_person_cannot_change_anything(api: Api) -> None:
    ada = await api.person("ada")
    await api.repositories.users.deactivate(user_id=ada.id)
    error = await api.error("mutation { resume { id } }", as_=ada)
    assert error["extensions"] == {"code": "FORBIDDEN"}


async def test_preferences_are_replaced_in_one_write_refused_when_deactivated_or_gone(
    api: Api,
) -> None:
    ada, bob = await api.person("ada"), await api.person("bob")
    update = """mutation($input: PreferencesInput!) { updatePreferences(input: $input) {
      preferences { availability timeZone } } }"""
    wanted = {
        "availability": ["mon-09"],
        "topics": ["tea"],
        "meetingLength": 30,
        "timeZone": "Europe/Berlin",
    }
    with dynamodb_calls(api) as calls:
        done = await api.data(update, {"input": wanted}, as_=ada)
    assert done["updatePreferences"]["preferences"] == {
        "availability": ["mon-09"],
        "timeZone": "Europe/Berlin",
    }
    assert calls == {"UpdateItem": 1}

    await api.repositories.users.deactivate(user_id=bob.id)
    before = await api.repositories.users.require(user_id=bob.id)
    refused = await api.error(update, {"input": wanted}, as_=bob)
    assert refused["extensions"] == {"code": "FORBIDDEN"}
    assert "deactivated" in refused["message"]
    assert await api.repositories.users.require(user_id=bob.id) == before

    await api.repositories.personal_data.delete(user_id=ada.id)
    gone = await api.error(update, {"input": wanted}, as_=ada)
    assert gone["extensions"] == {"code": "UNAUTHENTICATED"}
    assert await api.repositories.users.get(user_id=ada.id) is None


async def test_blocking_anyone_shows_nothing_about_them(api: Api) -> None:
    ada = await api.person("ada")
    stranger = await api.person("zed", team="Secret team")
    block = """mutation($id: ID!) { blockPerson(userId: $id) {
      __typename ... on PersonBlocked { userId } ... on AlreadyBlocked { userId } } }"""
    for typename in ("PersonBlocked", "AlreadyBlocked"):
        result = await api.run(block, {"id": stranger.id}, as_=ada)
        assert result == {"data": {"blockPerson": {"__typename": typename, "userId": stranger.id}}}
    for typename in ("PersonBlocked", "AlreadyBlocked"):
        fields = await api.data(
            "query($name: String!) { __type(name: $name) { fields { name } } }",
            {"name": typename},
        )
        assert fields["__type"]["fields"] == [{"name": "userId"}]


async def test_the_servers_own_zone_is_no_time_zone_a_person_can_choose(api: Api) -> None:
    ada = await api.person("ada")
    before = (await api.data(ME, as_=ada))["me"]
    wanted = {"availability": [], "topics": [], "meetingLength": 30, "timeZone": "localtime"}
    error = await api.error(UPDATE_PREFERENCES, {"input": wanted}, as_=ada)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "fields": ["timeZone"]}, error
    assert "not an IANA time zone name" in error["message"]
    assert (await api.data(ME, as_=ada))["me"] == before
