"""Items the previous release wrote load unchanged: the chat-app fields are new and optional."""

from __future__ import annotations

from notifications.registry import Channel
from notifications.sources import contacts_of, recipient_of
from repositories.bundle import Repositories

# A user item exactly as the release before the chat apps wrote it (no slack_user_id,
# telegram_username; Slack through a personal webhook, Telegram by a typed chat id).
PREVIOUS_USER = {
    "id": "0f6c1d8e2b7a4c9d8e7f6a5b4c3d2e1f",
    "profile": {"name": "Ada", "email": "ada@example.com", "team": "Core"},
    "preferences": {
        "availability": ["mon-09"],
        "topics": ["jazz"],
        "meeting_length_minutes": 45,
        "timezone": "Europe/London",
    },
    "notifications": {
        "enabled_channels": ["email", "slack", "telegram"],
        "primary_channel": "slack",
        "slack_webhook": "https://hooks.slack.com/services/T0/B0/XYZ",
        "telegram_chat_id": "123456789",
    },
    "participation": {"opted_in": True, "joined_at": "2030-01-01T09:00:00Z"},
    "role": "member",
    "identities": [{"issuer": "https://sso.example.com", "subject": "ada"}],
    "version": 3,
    "created_at": "2030-01-01T09:00:00Z",
    "updated_at": "2030-01-02T09:00:00Z",
}


async def test_a_previous_release_user_loads_and_routes_as_before(repos: Repositories) -> None:
    user_id = str(PREVIOUS_USER["id"])
    pk, sk = repos.gateway.keys.profile(user_id)
    await repos.gateway.put(
        {
            "PK": pk,
            "SK": sk,
            "GSI1PK": repos.gateway.keys.users_index(),
            "GSI1SK": f"STATUS#active#{user_id}",
            "type": "user",
            **PREVIOUS_USER,
        }
    )
    user = await repos.users.get(user_id=user_id)
    assert user is not None
    settings = user.notifications
    assert settings.slack_user_id is None
    assert settings.telegram_username is None
    assert settings.primary_channel is Channel.SLACK
    routes = {route.channel: route.address for route in recipient_of(user).routes}
    assert routes == {
        Channel.EMAIL: "ada@example.com",
        Channel.SLACK: "https://hooks.slack.com/services/T0/B0/XYZ",
        Channel.TELEGRAM: "123456789",
    }
    # Written back by this release, it keeps every field and version bump as usual.
    updated = await repos.users.update_notifications(
        user_id=user_id,
        settings=settings.model_copy(update={"telegram_username": "ada_l"}),
        expected_version=user.version,
    )
    assert updated.notifications.slack_webhook == PREVIOUS_USER["notifications"]["slack_webhook"]  # type: ignore[index]
    assert updated.notifications.telegram_username == "ada_l"


async def test_a_slack_link_of_the_previous_release_loads_with_the_member_id_alone(
    repos: Repositories,
) -> None:
    # The release that brought the Slack app kept the member id, not the workspace or name.
    item = {
        **PREVIOUS_USER,
        "id": "1a2b3c4d5e6f708192a3b4c5d6e7f809",
        "notifications": {
            "enabled_channels": ["email", "slack"],
            "primary_channel": "slack",
            "slack_user_id": "U0ADA0001",
        },
    }
    user_id = str(item["id"])
    pk, sk = repos.gateway.keys.profile(user_id)
    await repos.gateway.put(
        {
            "PK": pk,
            "SK": sk,
            "GSI1PK": repos.gateway.keys.users_index(),
            "GSI1SK": f"STATUS#active#{user_id}",
            "type": "user",
            **item,
        }
    )
    user = await repos.users.get(user_id=user_id)
    assert user is not None
    settings = user.notifications
    assert (settings.slack_user_id, settings.slack_team_id, settings.slack_name) == (
        "U0ADA0001",
        None,
        None,
    )
    routes = {route.channel: route.address for route in recipient_of(user).routes}
    assert routes == {Channel.EMAIL: "ada@example.com", Channel.SLACK: "U0ADA0001"}
    # Her partners reach her by email until Slack tells us her workspace and name.
    assert [contact.label for contact in contacts_of(user)] == ["Email"]
