"""All repositories of one deployment, built together from injected client and settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from repositories.blocks import BlockRepository
from repositories.breaker import CircuitBreaker
from repositories.config import ConfigRepository
from repositories.cursor import CursorCodec
from repositories.deployment_data import DeploymentDataRepository
from repositories.feedback import FeedbackRepository
from repositories.gateway import TRANSACTION_LIMIT, TableGateway
from repositories.keys import Keys
from repositories.matches import MatchRepository
from repositories.met_rate import MetRateRepository
from repositories.models.common import utc_now
from repositories.outbox import NotificationOutbox
from repositories.personal_data import PersonalDataRepository
from repositories.round_plans import RoundPlanRepository
from repositories.rounds import RoundRepository
from repositories.stats import StatsRepository
from repositories.users import UserRepository

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient


@dataclass(frozen=True)
class Repositories:
    gateway: TableGateway
    users: UserRepository
    config: ConfigRepository
    rounds: RoundRepository
    round_plans: RoundPlanRepository
    matches: MatchRepository
    feedback: FeedbackRepository
    blocks: BlockRepository
    outbox: NotificationOutbox
    stats: StatsRepository
    met_rate: MetRateRepository
    personal_data: PersonalDataRepository
    deployment_data: DeploymentDataRepository

    @classmethod
    def create(
        cls,
        *,
        client: DynamoDBClient,
        table_name: str,
        deployment_id: str,
        cursor_secret: bytes,
        breaker: CircuitBreaker | None = None,
        clock: Callable[[], datetime] = utc_now,
        transaction_limit: int = TRANSACTION_LIMIT,
    ) -> Repositories:
        """One per process (they hold no per-request state); share one breaker per client."""
        keys = Keys(deployment_id)
        gateway = TableGateway(
            client=client,
            table_name=table_name,
            keys=keys,
            breaker=breaker or CircuitBreaker(),
            clock=clock,
            transaction_limit=transaction_limit,
        )
        cursors = CursorCodec(secret=cursor_secret, keys=keys)
        users = UserRepository(gateway=gateway, cursors=cursors)
        rounds = RoundRepository(gateway=gateway, cursors=cursors)
        matches = MatchRepository(gateway=gateway, cursors=cursors, rounds=rounds)
        feedback = FeedbackRepository(gateway=gateway)
        return cls(
            gateway=gateway,
            users=users,
            config=ConfigRepository(gateway=gateway),
            rounds=rounds,
            round_plans=RoundPlanRepository(gateway=gateway),
            matches=matches,
            feedback=feedback,
            blocks=BlockRepository(gateway=gateway),
            outbox=NotificationOutbox(gateway=gateway, cursors=cursors, matches=matches),
            stats=StatsRepository(gateway=gateway),
            met_rate=MetRateRepository(gateway=gateway),
            personal_data=PersonalDataRepository(gateway=gateway, users=users, feedback=feedback),
            deployment_data=DeploymentDataRepository(gateway=gateway),
        )
