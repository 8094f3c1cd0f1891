"""The data layer as a MatchSource: a stored match and its people turned into a message's facts."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from urllib.parse import urlencode

from notifications.answer_links import AnswerLinkMaker
from notifications.answers import AnswerLinks
from notifications.content import Contact, MatchNotice, Partner
from notifications.recipients import Recipient, Route
from notifications.registry import Channel
from notifications.service import MatchDelivery
from notifications.templates import TemplateSet
from repositories.bundle import Repositories
from repositories.models.config import DeploymentConfig, MessageTemplate
from repositories.models.matches import Match
from repositories.models.users import NotificationSettings, User

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


def display_name(user: User) -> str:
    return user.profile.display_name or user.profile.name


def recipient_of(user: User) -> Recipient:
    """A person's enabled channels, with their addresses, in the order they chose."""
    settings = user.notifications
    routes = []
    for channel in settings.enabled_channels:
        # Email goes to the profile's address; the Slack app finds people by it too.
        address = settings.address(channel) or (
            user.profile.email if channel in (Channel.EMAIL, Channel.SLACK) else None
        )
        if address:
            routes.append(Route(channel=channel, address=address))
    return Recipient(
        user_id=user.id,
        name=display_name(user),
        time_zone=user.preferences.time_zone,
        primary=settings.primary_channel,
        routes=tuple(routes),
    )


def conversation_starter(match_id: str) -> str:
    """The same starter for everyone in a match, varying from match to match."""
    digest = hashlib.sha256(match_id.encode()).digest()
    return CONVERSATION_STARTERS[int.from_bytes(digest[:4], "big") % len(CONVERSATION_STARTERS)]


def meeting_length(members: Sequence[User]) -> timedelta:
    """A length every member has time for: the shortest of the lengths they chose."""
    minutes = [member.preferences.meeting_length for member in members]
    return timedelta(minutes=min(minutes) if minutes else 30)


def meeting_time(*, match: Match, members: Sequence[User]) -> tuple[datetime, timedelta]:
    """The matcher's suggested start, or midday UTC of the meeting date; the members' length.

    A group without a common window still gets a concrete proposal (and calendar entry)
    that its members can move, rather than none at all.
    """
    start = match.suggested_start or datetime.combine(match.scheduled_date, time(12, 0), tzinfo=UTC)
    return start, meeting_length(members)


def slack_contact(settings: NotificationSettings) -> Contact | None:
    """The person's Slack, once the Slack app linked them: their name and a direct message.

    `slack://user?team=<workspace>&id=<member>` is Slack's deep link that opens a direct
    message with a member (docs.slack.dev/interactivity/deep-linking). A link the previous
    release made kept the member id alone; without the workspace there is no link to give,
    so that person has no Slack line until Slack next tells us of them.
    """
    member, team, name = settings.slack_user_id, settings.slack_team_id, settings.slack_name
    if not (member and team and name):
        return None
    return Contact(
        label="Slack",
        value=f"@{name}",
        url=f"slack://user?{urlencode({'team': team, 'id': member})}",
    )


def contacts_of(user: User) -> tuple[Contact, ...]:
    """How the people matched with this person can reach them."""
    email = user.profile.email
    found = [Contact(label="Email", value=email, url=f"mailto:{email}")]
    slack = slack_contact(user.notifications)
    if slack is not None:
        found.append(slack)
    handle = user.notifications.telegram_username
    if handle:
        found.append(Contact(label="Telegram", value=f"@{handle}", url=f"https://t.me/{handle}"))
    return tuple(found)


def partner_of(user: User) -> Partner:
    profile = user.profile
    return Partner(
        name=display_name(user),
        topics=tuple(user.preferences.topics),
        pronouns=profile.pronouns,
        title=profile.title,
        team=profile.team,
        time_zone=user.preferences.time_zone,
        about=profile.bio,
        email=profile.email,
        contacts=contacts_of(user),
        user_id=user.id,
        slack_id=user.notifications.slack_user_id,
    )


def match_notice(
    *,
    match: Match,
    reader: User,
    members: Sequence[User],
    deployment_name: str,
    public_url: str,
    organizer: str | None = None,
    answers: AnswerLinks | None = None,
) -> MatchNotice:
    """What the reader is told about the match, on every channel and on the match page.

    `members` are the match's people still on record, the reader among them; someone
    erased since the round was written is left out of the others' introduction.
    """
    start, duration = meeting_time(match=match, members=members)
    return MatchNotice(
        match_id=match.id,
        deployment_name=deployment_name,
        reader_name=display_name(reader),
        reader_topics=tuple(reader.preferences.topics),
        reader_time_zone=reader.preferences.time_zone,
        partners=tuple(partner_of(member) for member in members if member.id != reader.id),
        suggested_start=start,
        duration=duration,
        conversation_starter=conversation_starter(match.id),
        match_url=f"{public_url.rstrip('/')}/match",
        reader_email=reader.profile.email,
        organizer=organizer,
        answers=answers,
        reader_id=reader.id,
        reader_profile=partner_of(reader),
    )


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
        organizer: str | None = None,
        answer_links: AnswerLinkMaker | None = None,
    ) -> None:
        self._repos = repositories
        self._public_url = public_url.rstrip("/")
        self._config = config
        self._deployment_name = deployment_name
        self._organizer = organizer
        self._answer_links = answer_links

    async def load_match_delivery(self, *, match_id: str, user_id: str) -> MatchDelivery | None:
        match = await self._repos.matches.get(match_id=match_id)
        if match is None or user_id not in match.participants:
            return None
        people = await self._repos.users.get_many(user_ids=match.participants)
        found = {person.id: person for person in people if person is not None}
        reader = found.get(user_id)
        if reader is None:
            return None
        notice = match_notice(
            match=match,
            reader=reader,
            members=[found[member] for member in match.participants if member in found],
            deployment_name=self._deployment_name,
            public_url=self._public_url,
            organizer=self._organizer,
            answers=(
                None
                if self._answer_links is None
                else self._answer_links(match_id=match.id, user_id=user_id)
            ),
        )
        return MatchDelivery(recipient=recipient_of(reader), notice=notice)

    async def match_templates(self) -> TemplateSet | None:
        config = self._config or await self._repos.config.get()
        return template_set(config.templates.get(MATCH_TEMPLATE))
