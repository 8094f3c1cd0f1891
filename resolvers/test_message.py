"""A test message on one of a person's channels, through the real render-and-deliver path."""

from __future__ import annotations

from notifications.config import ChannelConfig, ChannelSecrets, open_channels
from notifications.recipients import ChannelName, Recipient, Route
from notifications.test_send import send_test
from repositories import models

# Slack needs nothing from the instance (the person's webhook is the address); the other
# channels need a sender the instance is configured with, which the API process does not hold.
API_SENDERS = ChannelConfig(email=None, slack=True, telegram=None, signal=None)


def _address(user: models.User, channel: ChannelName) -> str | None:
    settings = user.notifications
    return {
        "email": user.profile.email,
        "slack": settings.slack_webhook,
        "telegram": settings.telegram_chat_id,
        "signal": settings.signal_number,
    }[channel]


async def send_test_message(*, user: models.User, channel: ChannelName) -> str | None:
    """None when the message went out, else why it did not, in words for the person."""
    address = _address(user, channel)
    if address is None:
        return f"there is no {channel} address in your settings"
    recipient = Recipient(
        user_id=user.id,
        name=user.profile.display_name or user.profile.name,
        time_zone=user.preferences.timezone,
        primary=channel,
        routes=(Route(channel=channel, address=address),),
    )
    async with open_channels(config=API_SENDERS, secrets=ChannelSecrets()) as channels:
        if channel not in channels:
            return f"this instance sends {channel} messages only from its worker"
        outcome = await send_test(
            recipient=recipient, channels=channels, templates=None, only=channel
        )
    if outcome.status == "sent":
        return None
    details = [attempt.detail for attempt in outcome.attempts if attempt.detail]
    return details[-1] if details else f"the {channel} message could not be delivered"
