"""The introduction of a match as its viewer reads it: the same facts their message gave."""

from __future__ import annotations

from datetime import datetime

import strawberry


@strawberry.type(description="One way to reach a partner.")
class Contact:
    label: str = strawberry.field(description="Email, Telegram, Slack.")
    value: str
    url: str = strawberry.field(description="A mailto: or https: link that opens it.")


@strawberry.type(description="Someone the viewer meets, as their introduction presents them.")
class IntroducedPartner:
    id: strawberry.ID
    name: str
    pronouns: str | None
    title: str | None
    team: str | None
    time_zone: str
    local_time: str = strawberry.field(
        description="The suggested start on the partner's clock, e.g. '16:00 CET'."
    )
    about: str | None
    topics: list[str] = strawberry.field(description="Their topics, those shared first.")
    common_topics: list[str]
    contacts: list[Contact]


@strawberry.type(description="What the viewer was told about a match, on every channel.")
class Introduction:
    partners: list[IntroducedPartner]
    suggested_start: datetime
    suggested_time: str = strawberry.field(
        description="The suggested start in the viewer's zone, e.g. "
        "'Tuesday 15 January 2030, 11:00 CET (Europe/Berlin)'."
    )
    duration_minutes: int = strawberry.field(
        description="A length every member has time for: the shortest they chose."
    )
    conversation_starter: str
    invitation: str = strawberry.field(
        description="The calendar invitation (iCalendar, METHOD:REQUEST) for every member."
    )
