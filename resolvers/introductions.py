"""A match's introduction as its viewer reads it: the same facts their message gave."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry

from notifications.content import invitation, match_context
from notifications.sources import DEFAULT_NAME, match_notice
from runtime.services import sender_address, uid_domain
from schema.context import Context
from schema.introductions import Contact, IntroducedPartner, Introduction


def _partner(user_id: str, values: dict[str, Any]) -> IntroducedPartner:
    return IntroducedPartner(
        id=strawberry.ID(user_id),
        name=values["name"],
        pronouns=values["pronouns"],
        title=values["title"],
        team=values["team"],
        time_zone=values["time_zone"],
        local_time=values["local_time"],
        about=values["about"],
        topics=values["topics"],
        common_topics=values["common_topics"],
        contacts=[Contact(**contact) for contact in values["contacts"]],
    )


async def introduction_of(
    context: Context, *, match_id: str, viewer_id: str
) -> Introduction | None:
    match = await context.loaders.matches.load(match_id)
    if match is None or viewer_id not in match.participants:
        return None
    people = await context.loaders.users.load_many(list(match.participants))
    members = [person for person in people if person is not None]
    reader = next((member for member in members if member.id == viewer_id), None)
    if reader is None:
        return None
    settings = context.services.settings
    notice = match_notice(
        match=match,
        reader=reader,
        members=members,
        deployment_name=DEFAULT_NAME,
        public_url=settings.public_url,
        organizer=sender_address(settings),
    )
    values = match_context(notice=notice)
    partner_ids = [member.id for member in members if member.id != viewer_id]
    return Introduction(
        partners=[
            _partner(user_id, partner)
            for user_id, partner in zip(partner_ids, values["partners"], strict=True)
        ],
        suggested_start=notice.suggested_start,
        suggested_time=values["suggested_time"],
        duration_minutes=values["duration_minutes"],
        conversation_starter=notice.conversation_starter,
        invitation=invitation(
            notice=notice, stamp=datetime.now(UTC), uid_domain=uid_domain(settings)
        ).decode("utf-8"),
    )
