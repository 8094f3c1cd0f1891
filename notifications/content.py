"""What a match message says: the facts for one reader turned into template variables."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from notifications.ics import build_event
from notifications.message import Attachment, RenderedMessage
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
class Partner:
    """Someone the reader is meeting, as the reader may see them."""

    name: str
    topics: tuple[str, ...]


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


def match_context(*, notice: MatchNotice) -> dict[str, Any]:
    """The variables match templates may use (listed in notifications/README.md)."""
    partners = [
        {
            "name": partner.name,
            "topics": list(partner.topics),
            "common_topics": list(common_topics(notice.reader_topics, partner.topics)),
        }
        for partner in notice.partners
    ]
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
        "conversation_starter": notice.conversation_starter,
        "match_url": notice.match_url,
        "deployment_name": notice.deployment_name,
    }


def sample_notice(*, reader_name: str = "Ada", time_zone: str = "UTC") -> MatchNotice:
    """A made-up match, for validating templates and for test sends from the settings page."""
    return MatchNotice(
        match_id="test-send",
        deployment_name="Virtual Coffee",
        reader_name=reader_name,
        reader_topics=("climbing", "jazz", "sourdough"),
        reader_time_zone=time_zone,
        partners=(Partner(name="Grace", topics=("jazz", "compilers", "sourdough")),),
        suggested_start=datetime(2030, 1, 15, 10, 0, tzinfo=UTC),
        duration=timedelta(minutes=30),
        conversation_starter="What is something you learned this week?",
        match_url="https://coffee.example.com/matches/test-send",
    )


def invite(*, notice: MatchNotice, stamp: datetime, uid_domain: str) -> Attachment:
    """The calendar event for the suggested time, named for the reader's partners."""
    names = join_names([partner.name for partner in notice.partners])
    data = build_event(
        uid=f"{notice.match_id}@{uid_domain}",
        start=notice.suggested_start,
        duration=notice.duration,
        summary=f"Coffee chat with {names}",
        description=f"{notice.conversation_starter}\n\n{notice.match_url}",
        url=notice.match_url,
        stamp=stamp,
    )
    return Attachment(filename="coffee-chat.ics", content_type="text/calendar", data=data)


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
            return message_of(rendered, attachments=attachments)
    return render(templates=MATCH_TEMPLATES, context=context, attachments=attachments)
