"""The domain models repositories return, and their item conversions."""

from repositories.models.blocks import Block
from repositories.models.common import Page, UtcDatetime, validated
from repositories.models.config import ChannelConfig, DeploymentConfig, MessageTemplate
from repositories.models.feedback import Feedback, FeedbackOutcome
from repositories.models.matches import (
    HistoryEntry,
    Match,
    MatchStatus,
    MemberDelivery,
    match_id_of,
    parse_match_id,
)
from repositories.models.outbox import (
    AttemptOutcome,
    ClaimState,
    DeliveryAttempt,
    DeliveryRecord,
    DeliveryStatus,
    NotificationClaim,
)
from repositories.models.rounds import (
    MatchRound,
    PlannedGroup,
    RoundGroups,
    RoundQuality,
    RoundStatus,
)
from repositories.models.stats import DeploymentStats
from repositories.models.users import (
    Channel,
    Identity,
    NotificationSettings,
    Participation,
    ParticipationStatus,
    PersonCard,
    Preferences,
    Profile,
    Role,
    User,
)

__all__ = [
    "AttemptOutcome",
    "Block",
    "Channel",
    "ChannelConfig",
    "ClaimState",
    "DeliveryAttempt",
    "DeliveryRecord",
    "DeliveryStatus",
    "DeploymentConfig",
    "DeploymentStats",
    "Feedback",
    "FeedbackOutcome",
    "HistoryEntry",
    "Identity",
    "Match",
    "MatchRound",
    "MatchStatus",
    "MemberDelivery",
    "MessageTemplate",
    "NotificationClaim",
    "NotificationSettings",
    "Page",
    "Participation",
    "ParticipationStatus",
    "PersonCard",
    "PlannedGroup",
    "Preferences",
    "Profile",
    "Role",
    "RoundGroups",
    "RoundQuality",
    "RoundStatus",
    "User",
    "UtcDatetime",
    "match_id_of",
    "parse_match_id",
    "validated",
]
