"""Union results: outcomes a client expects and handles, rather than errors."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from schema.enums import Channel
from schema.people import Me


@strawberry.type(description="The person joined the deployment.")
class Joined:
    me: Me


@strawberry.type(description="The person had already joined; nothing changed.")
class AlreadyJoined:
    me: Me


JoinResult = Annotated[Joined | AlreadyJoined, strawberry.union("JoinResult")]


@strawberry.type(description="The test message was delivered to the channel.")
class TestNotificationSent:
    channel: Channel


@strawberry.type(description="The channel is off or has no address in my settings.")
class ChannelNotConfigured:
    channel: Channel
    message: str


@strawberry.type(description="The channel refused or failed to deliver the test message.")
class TestNotificationFailed:
    channel: Channel
    message: str


TestNotificationResult = Annotated[
    TestNotificationSent | ChannelNotConfigured | TestNotificationFailed,
    strawberry.union("TestNotificationResult"),
]


@strawberry.type(
    description="The person will not be matched with me again. Only their id is given back: "
    "blocking someone shows nothing about them."
)
class PersonBlocked:
    user_id: strawberry.ID


@strawberry.type(description="The person was already blocked; nothing changed.")
class AlreadyBlocked:
    user_id: strawberry.ID


BlockResult = Annotated[PersonBlocked | AlreadyBlocked, strawberry.union("BlockResult")]


@strawberry.type(description="The person may be matched with me again.")
class PersonUnblocked:
    user_id: strawberry.ID


@strawberry.type(description="The person was not blocked; nothing changed.")
class NotBlocked:
    user_id: strawberry.ID


UnblockResult = Annotated[PersonUnblocked | NotBlocked, strawberry.union("UnblockResult")]


@strawberry.type(description="Everything the deployment holds about me.")
class DataExport:
    generated_at: datetime
    data: JSON


@strawberry.type(description="The account and everything it held are gone.")
class AccountDeleted:
    user_id: strawberry.ID


@strawberry.type(description="The round was queued; progress arrives on `roundProgress`.")
class RoundQueued:
    slot: str
    job_id: str


@strawberry.type(description="A run of this round is already queued or done; nothing changed.")
class RoundAlreadyQueued:
    slot: str
    job_id: str


RunRoundResult = Annotated[RoundQueued | RoundAlreadyQueued, strawberry.union("RunRoundResult")]
