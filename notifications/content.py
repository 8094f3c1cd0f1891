"""What a match message says: the facts for one reader turned into template variables."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from notifications.answers import AnswerLinks
from notifications.buttons import answer_buttons
from notifications.ics import Attendee, build_invitation
from notifications.message import Attachment, GroupIntro, GroupPerson, RenderedMessage
from notifications.template_runner import TemplateRunner, template_runner
from notifications.templates import (
    MATCH_TEMPLATES,
    InvalidTemplate,
    TemplateSet,
    message_of,
    render,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Contact:
    """One way to reach a partner: what to show and where it leads."""

    label: str
    value: str
    url: str


@dataclass(frozen=True)
class Partner:
    """Someone the reader is meeting, as the reader may see them."""

    name: str
    topics: tuple[str, ...]
    pronouns: str | None = None
    title: str | None = None
    team: str | None = None
    time_zone: str = "UTC"
    about: str | None = None
    email: str | None = None
    contacts: tuple[Contact, ...] = ()
    user_id: str | None = None
    slack_id: str | None = None


@dataclass(frozen=True)
class MatchNotice:
    """Everything one reader's match message is made from."""

    match_id: str
    deployment_name: str
    reader_name: str
    reader_topics: tuple[str, ...]
    reader_time_zone: str
    partners: tuple[Partner, ...]
    suggested_start: datetime
    duration: timedelta
    conversation_starter: str
    match_url: str
    reader_email: str | None = None
    # The deployment's sender: the invitation's organizer, so replies go to a real mailbox.
    organizer: str | None = None
    answers: AnswerLinks | None = None
    reader_id: str | None = None
    # The reader as their partners see them, for introductions to the whole group.
    reader_profile: Partner | None = None


def zone(name: str) -> ZoneInfo:
    """The named time zone, or UTC when the name is unknown (a message beats no message)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return ZoneInfo("UTC")


def local_time_label(*, moment: datetime, time_zone: str) -> str:
    """The moment as the reader reads it, e.g. 'Tuesday 14 May 2024, 10:30 CEST (Europe/Berlin)'."""
    if moment.tzinfo is None:
        raise ValueError("suggested times must be timezone-aware")
    tz = zone(time_zone)
    local = moment.astimezone(tz)
    return f"{local:%A} {local.day} {local:%B %Y}, {local:%H:%M} {local:%Z} ({tz.key})"


def clock_label(*, moment: datetime, time_zone: str) -> str:
    """The moment's local clock time in a zone, e.g. '16:00 CET'."""
    local = moment.astimezone(zone(time_zone))
    return f"{local:%H:%M} {local:%Z}"


def common_first(mine: Sequence[str], theirs: Sequence[str]) -> tuple[str, ...]:
    """Their topics, those the reader shares first, each once."""
    shared = {topic.casefold() for topic in common_topics(mine, theirs)}
    cleaned = list(dict.fromkeys(topic.strip() for topic in theirs if topic.strip()))
    return tuple(
        [topic for topic in cleaned if topic.casefold() in shared]
        + [topic for topic in cleaned if topic.casefold() not in shared]
    )


def common_topics(mine: Sequence[str], theirs: Sequence[str]) -> tuple[str, ...]:
    """Topics both people listed, compared without case, in the reader's order and spelling."""
    other = {topic.strip().casefold() for topic in theirs}
    seen: set[str] = set()
    shared: list[str] = []
    for topic in mine:
        key = topic.strip().casefold()
        if key in other and key not in seen:
            seen.add(key)
            shared.append(topic.strip())
    return tuple(shared)


def join_names(names: Sequence[str]) -> str:
    """'Ada', 'Ada and Grace', 'Ada, Grace and Linus'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def duration_label(duration: timedelta) -> str:
    """'30 minutes', '1 hour', '1 hour 30 minutes'."""
    minutes = int(duration.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours > 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def partner_context(*, notice: MatchNotice, partner: Partner) -> dict[str, Any]:
    """One partner as templates see them (documented in notifications/README.md)."""
    contacts = [
        {"label": contact.label, "value": contact.value, "url": contact.url}
        for contact in partner.contacts
    ]
    by_label = {contact.label.casefold(): contact.value for contact in partner.contacts}
    return {
        "name": partner.name,
        "pronouns": partner.pronouns,
        "title": partner.title,
        "team": partner.team,
        "time_zone": zone(partner.time_zone).key,
        "local_time": clock_label(moment=notice.suggested_start, time_zone=partner.time_zone),
        "about": partner.about,
        "topics": list(common_first(notice.reader_topics, partner.topics)),
        "common_topics": list(common_topics(notice.reader_topics, partner.topics)),
        "email": partner.email,
        "slack": by_label.get("slack"),
        "telegram": by_label.get("telegram"),
        "contacts": contacts,
    }


def match_context(*, notice: MatchNotice) -> dict[str, Any]:
    """The variables match templates may use (listed in notifications/README.md)."""
    partners = [partner_context(notice=notice, partner=partner) for partner in notice.partners]
    answers = notice.answers
    shared = common_topics(
        notice.reader_topics, [topic for partner in notice.partners for topic in partner.topics]
    )
    return {
        "reader": {"name": notice.reader_name, "topics": list(notice.reader_topics)},
        "partners": partners,
        "partner_names": join_names([partner.name for partner in notice.partners]),
        "common_topics": list(shared),
        "suggested_time": local_time_label(
            moment=notice.suggested_start, time_zone=notice.reader_time_zone
        ),
        "time_zone": zone(notice.reader_time_zone).key,
        "duration_minutes": int(notice.duration.total_seconds() // 60),
        "duration": duration_label(notice.duration),
        "conversation_starter": notice.conversation_starter,
        "match_url": notice.match_url,
        "deployment_name": notice.deployment_name,
        "answer_links": (
            {}
            if answers is None
            else {"met": answers.met, "not_yet": answers.not_yet, "skip": answers.skip}
        ),
    }


def sample_notice(*, reader_name: str = "Ada", time_zone: str = "UTC") -> MatchNotice:
    """A made-up match, for validating templates and for test sends from the settings page."""
    return MatchNotice(
        match_id="test-send",
        deployment_name="Virtual Coffee",
        reader_name=reader_name,
        reader_topics=("climbing", "jazz", "sourdough"),
        reader_time_zone=time_zone,
        partners=(
            Partner(
                name="Grace",
                topics=("compilers", "jazz", "sourdough"),
                pronouns="she/her",
                title="Compiler engineer",
                team="Platform",
                time_zone="America/New_York",
                about="Navy veteran; happiest when a program explains itself.",
                email="grace@example.com",
                contacts=(
                    Contact(
                        label="Email", value="grace@example.com", url="mailto:grace@example.com"
                    ),
                    Contact(
                        label="Slack",
                        value="@grace",
                        url="slack://user?team=T0SAMPLE1&id=U0SAMPLE1",
                    ),
                    Contact(label="Telegram", value="@grace", url="https://t.me/grace"),
                ),
            ),
        ),
        suggested_start=datetime(2030, 1, 15, 10, 0, tzinfo=UTC),
        duration=timedelta(minutes=30),
        conversation_starter="What is something you learned this week?",
        match_url="https://coffee.example.com/match",
        reader_email="ada@example.com",
        organizer="coffee@example.com",
        answers=AnswerLinks(
            met="https://coffee.example.com/answer?token=sample-met",
            not_yet="https://coffee.example.com/answer?token=sample-not-yet",
            skip="https://coffee.example.com/answer?token=sample-skip",
        ),
    )


def invitation(*, notice: MatchNotice, stamp: datetime, uid_domain: str) -> bytes:
    """The calendar invitation for the suggested time, to every member who has an email."""
    names = join_names([partner.name for partner in notice.partners])
    members = [Attendee(name=notice.reader_name, email=notice.reader_email)] + [
        Attendee(name=partner.name, email=partner.email) for partner in notice.partners
    ]
    return build_invitation(
        uid=f"{notice.match_id}@{uid_domain}",
        start=notice.suggested_start,
        duration=notice.duration,
        summary=f"Coffee chat with {names}",
        description=f"{notice.conversation_starter}\n\n{notice.match_url}",
        url=notice.match_url,
        stamp=stamp,
        organizer=notice.organizer,
        attendees=[member for member in members if member.email],
    )


def invite(*, notice: MatchNotice, stamp: datetime, uid_domain: str) -> Attachment:
    """The invitation as an email attachment (method=REQUEST, so calendars offer to accept)."""
    return Attachment(
        filename="coffee-chat.ics",
        content_type="text/calendar",
        data=invitation(notice=notice, stamp=stamp, uid_domain=uid_domain),
    )


async def render_match_message(
    *,
    notice: MatchNotice,
    templates: TemplateSet | None,
    stamp: datetime,
    uid_domain: str = "virtual-coffee",
    runner: TemplateRunner | None = None,
) -> RenderedMessage:
    """The reader's match message from the deployment's templates, or the defaults.

    The deployment's templates render in the template processes, with a time limit; the
    built-in ones, which are ours, render here. A deployment template that fails at send time
    (it was validated when saved, but the data may differ) falls back to the built-in one: a
    plainer message beats no message.
    """
    context: Mapping[str, Any] = match_context(notice=notice)
    attachments = (invite(notice=notice, stamp=stamp, uid_domain=uid_domain),)
    message = None
    if templates is not None:
        try:
            rendered = await (runner or template_runner()).render(
                templates=templates, context=context
            )
        except InvalidTemplate as refused:
            logger.warning(
                "deployment match template failed; using the built-in one",
                extra={"reason": refused.reason, "field": refused.field},
            )
        else:
            message = message_of(rendered, attachments=attachments)
    if message is None:
        message = render(templates=MATCH_TEMPLATES, context=context, attachments=attachments)
    if notice.reader_id is None:
        return message
    buttons = answer_buttons(match_id=notice.match_id, user_id=notice.reader_id)
    return replace(
        message,
        buttons=buttons,
        group=group_intro(notice=notice),
        message_id=match_message_id(match_id=notice.match_id, reader_id=notice.reader_id),
    )


def match_message_id(*, match_id: str, reader_id: str) -> str:
    """One reader's match message, named alike in every copy (a retry, a takeover, a resend).

    A Message-ID's left part may not hold the colon of a slot's time, so it is left out.
    """
    return f"match.{match_id.replace(':', '')}.{reader_id}"


def group_intro(*, notice: MatchNotice) -> GroupIntro | None:
    """The whole group's introduction, when the notice knows every member's id and email."""
    people = (notice.reader_profile, *notice.partners)
    if notice.reader_id is None or any(
        person is None or person.user_id is None or person.email is None for person in people
    ):
        return None
    return GroupIntro(
        match_id=notice.match_id,
        reader_id=notice.reader_id,
        deployment_name=notice.deployment_name,
        people=tuple(
            GroupPerson(
                user_id=person.user_id or "",
                name=person.name,
                email=person.email or "",
                time_zone=zone(person.time_zone).key,
                local_time=clock_label(moment=notice.suggested_start, time_zone=person.time_zone),
                pronouns=person.pronouns,
                title=person.title,
                team=person.team,
                about=person.about,
                topics=person.topics,
                slack_id=person.slack_id,
            )
            for person in people
            if person is not None
        ),
        start=notice.suggested_start,
        duration_minutes=int(notice.duration.total_seconds() // 60),
        conversation_starter=notice.conversation_starter,
    )
