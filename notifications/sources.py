"""The data layer as a MatchSource: a stored match and its people turned into a message's facts."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, time, timedelta

from notifications.content import MatchNotice, Partner
from notifications.recipients import ChannelName, Recipient, Route
from notifications.service import MatchDelivery
from notifications.templates import TemplateSet
from repositories.bundle import Repositories
from repositories.models.config import DeploymentConfig, MessageTemplate
from repositories.models.matches import Match
from repositories.models.users import Channel, User

MATCH_TEMPLATE = "match"
DEFAULT_NAME = "Virtual Coffee"
CONVERSATION_STARTERS = (
    "What is something you learned this week?",
    "What are you looking forward to this month?",
    "Which tool or habit made your work easier lately?",
    "What did you want to be when you were a child?",
    "What is the best book, film or podcast you came across recently?",
    "What would you work on if you had a free week?",
    "Where would you like to travel next, and why there?",
    "What is a small thing that made you smile recently?",
)


CHANNEL_NAMES: dict[Channel, ChannelName] = {
    Channel.EMAIL: "email",
    Channel.SLACK: "slack",
    Channel.TELEGRAM: "telegram",
    Channel.SIGNAL: "signal",
}


def display_name(user: User) -> str:
    return user.profile.display_name or user.profile.name


def recipient_of(user: User) -> Recipient:
    """A person's enabled channels, with their addresses, in the order they chose."""
    settings = user.notifications
    addresses: dict[ChannelName, str | None] = {
        "email": user.profile.email,
        "slack": settings.slack_webhook,
        "telegram": settings.telegram_chat_id,
        "signal": settings.signal_number,
    }
    routes = []
    for channel in settings.enabled_channels:
        name = CHANNEL_NAMES[channel]
        address = addresses[name]
        if address:
            routes.append(Route(channel=name, address=address))
    return Recipient(
        user_id=user.id,
        name=display_name(user),
        time_zone=user.preferences.time_zone,
        primary=CHANNEL_NAMES[settings.primary_channel],
        routes=tuple(routes),
    )


def conversation_starter(match_id: str) -> str:
    """The same starter for everyone in a match, varying from match to match."""
    digest = hashlib.sha256(match_id.encode()).digest()
    return CONVERSATION_STARTERS[int.from_bytes(digest[:4], "big") % len(CONVERSATION_STARTERS)]


def meeting_time(*, match: Match, reader: User) -> tuple[datetime, timedelta]:
    """The matcher's suggested slot; without one, midday UTC of the meeting date.

    A group without a common window still gets a concrete proposal (and calendar entry)
    that its members can move, rather than none at all.
    """
    if match.suggested_start is not None and match.suggested_end is not None:
        return match.suggested_start, match.suggested_end - match.suggested_start
    start = datetime.combine(match.scheduled_date, time(12, 0), tzinfo=UTC)
    return start, timedelta(minutes=reader.preferences.meeting_length)


def template_set(template: MessageTemplate | None) -> TemplateSet | None:
    """An admin's match template (subject and one body) as the three parts email needs.

    The HTML part shows the body as written, line breaks kept; what the template prints
    is escaped there like in every HTML template.
    """
    if template is None or not template.body.strip():
        return None
    return TemplateSet(
        subject=template.subject or "Your coffee chat with {{ partner_names }}",
        text=template.body,
        html=f'<div style="white-space: pre-wrap">{template.body}</div>',
    )


class RepositoryMatchSource:
    """Reads one deployment's matches, people and templates for the notification job."""

    def __init__(
        self,
        *,
        repositories: Repositories,
        public_url: str,
        config: DeploymentConfig | None = None,
        deployment_name: str = DEFAULT_NAME,
    ) -> None:
        self._repos = repositories
        self._public_url = public_url.rstrip("/")
        self._config = config
        self._deployment_name = deployment_name

    async def load_match_delivery(self, *, match_id: str, user_id: str) -> MatchDelivery | None:
        match = await self._repos.matches.get(match_id=match_id)
        if match is None or user_id not in match.participants:
            return None
        people = await self._repos.users.get_many(user_ids=match.participants)
        found = {person.id: person for person in people if person is not None}
        reader = found.get(user_id)
        if reader is None:
            return None
        # Someone erased since the round was written is left out of the others' messages.
        partners = tuple(
            Partner(name=display_name(person), topics=tuple(person.preferences.topics))
            for member in match.participants
            if member != user_id and (person := found.get(member)) is not None
        )
        start, duration = meeting_time(match=match, reader=reader)
        notice = MatchNotice(
            match_id=match.id,
            deployment_name=self._deployment_name,
            reader_name=display_name(reader),
            reader_topics=tuple(reader.preferences.topics),
            reader_time_zone=reader.preferences.time_zone,
            partners=partners,
            suggested_start=start,
            duration=duration,
            conversation_starter=conversation_starter(match.id),
            match_url=f"{self._public_url}/match",
        )
        return MatchDelivery(recipient=recipient_of(reader), notice=notice)

    async def match_templates(self) -> TemplateSet | None:
        config = self._config or await self._repos.config.get()
        return template_set(config.templates.get(MATCH_TEMPLATE))
