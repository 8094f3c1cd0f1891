"""Enumerations clients branch on, each published from its one declaration in core."""

from __future__ import annotations

import strawberry

from core.enums import Channel as Channel
from core.enums import FeedbackOutcome as FeedbackOutcome
from core.enums import MatchStatus as MatchStatus
from core.enums import ParticipationStatus as ParticipationStatus
from core.enums import Role as Role
from core.enums import RoundStatus as RoundStatus

# The shared enum, whose members the channel registry describes, is the GraphQL enum itself.
strawberry.enum(Channel, description="A way to reach a person.")


# Each shared enum published as it is: one declaration, in core.
strawberry.enum(
    ParticipationStatus, description="Whether a person takes part in the coming rounds."
)
strawberry.enum(Role, description="What a person may do in this deployment.")
strawberry.enum(MatchStatus, description="What happened to a match, as its members reported.")
strawberry.enum(FeedbackOutcome, description="One member's account of a match.")
strawberry.enum(RoundStatus, description="Where a round is in its life.")
