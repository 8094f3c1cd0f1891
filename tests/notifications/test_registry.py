"""The channel registry is the one list of channels: every layer reads it."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from api.build import build_schema
from notifications.addresses import InvalidAddress
from notifications.config import open_channels
from notifications.registry import (
    REGISTRY,
    Channel,
    ChannelSecrets,
    ChannelSetup,
    SignalApi,
    TelegramBot,
)
from repositories.models.users import NotificationSettings


def test_every_channel_has_one_entry() -> None:
    assert set(REGISTRY) == set(Channel)
    assert all(entry.channel is channel for channel, entry in REGISTRY.items())


def test_the_graphql_enum_lists_the_registry() -> None:
    sdl = build_schema().as_str()
    block = sdl.split("enum Channel {", 1)[1].split("}", 1)[0].split()
    assert block == [channel.name for channel in Channel]


def test_stored_settings_need_the_address_field_the_registry_names() -> None:
    for channel, entry in REGISTRY.items():
        if entry.address_field is None:
            continue
        with pytest.raises(ValidationError, match="without its address"):
            NotificationSettings(enabled_channels=[Channel.EMAIL, channel])
    # The member id the Slack app linked is the person's Slack address.
    linked = NotificationSettings(
        enabled_channels=[Channel.SLACK], primary_channel=Channel.SLACK, slack_user_id="U024BE7LH"
    )
    assert linked.address(Channel.SLACK) == "U024BE7LH"
    settings = NotificationSettings(
        enabled_channels=[Channel.EMAIL, Channel.SIGNAL], signal_number="+442079460958"
    )
    assert settings.address(Channel.SIGNAL) == "+442079460958"
    assert settings.address(Channel.EMAIL) is None


async def test_each_entry_validates_its_address_with_a_field_name() -> None:
    bad = {
        Channel.EMAIL: "not an email",
        Channel.SLACK: "http://example.com/hook",
        Channel.TELEGRAM: "abc",
        Channel.SIGNAL: "12",
    }
    for channel, value in bad.items():
        with pytest.raises(InvalidAddress) as caught:
            await REGISTRY[channel].validate(value)
        assert caught.value.code == "BAD_USER_INPUT"
        assert caught.value.field
    assert await REGISTRY[Channel.SIGNAL].validate("+44 20 7946 0958") == "+442079460958"


async def test_open_channels_opens_what_the_setup_and_secrets_offer() -> None:
    setup = ChannelSetup(
        telegram=TelegramBot(base_url="http://127.0.0.1:9"),
        signal=SignalApi(base_url="http://127.0.0.1:9", sender_number="+15550001111"),
    )
    async with open_channels(setup=setup, secrets=ChannelSecrets()) as opened:
        # No email section, no bot token: neither is offered; Slack webhooks need nothing.
        assert set(opened) == {Channel.SLACK, Channel.SIGNAL}
    secrets = ChannelSecrets(telegram_bot_token="1:token")
    async with open_channels(setup=setup, secrets=secrets) as opened:
        assert set(opened) == {Channel.SLACK, Channel.TELEGRAM, Channel.SIGNAL}
