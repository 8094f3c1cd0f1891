"""Admin figures, counted from the index partitions rather than kept as counters."""

from __future__ import annotations

from repositories.gateway import TableGateway
from repositories.models.feedback import FeedbackOutcome
from repositories.models.outbox import FAILED_OUTCOMES, DeliveryStatus
from repositories.models.rounds import RoundStatus
from repositories.models.stats import DeploymentStats
from repositories.models.users import ParticipationStatus


class StatsRepository:
    def __init__(self, *, gateway: TableGateway) -> None:
        self._table = gateway
        self._keys = gateway.keys

    async def compute(self) -> DeploymentStats:
        people = {
            status: await self._count(
                self._keys.users_index(), self._keys.user_status_prefix(status.value)
            )
            for status in ParticipationStatus
        }
        rounds = await self._table.query_all(
            index="GSI1",
            key_condition="GSI1PK = :pk",
            values={":pk": self._keys.rounds_index()},
            projection="#status, group_count, pair_count, quality",
            names={"#status": "status"},
        )
        completed = [r for r in rounds if r.get("status") == RoundStatus.COMPLETED.value]
        groups = sum(r.get("group_count") or 0 for r in completed)
        pairs = sum(r.get("pair_count") or 0 for r in completed)
        repeats = sum((r.get("quality") or {}).get("repeats", 0) for r in completed)
        # Shares are per match: a match counts as met when any member says so.
        answers = await self._table.query_all(
            index="GSI1",
            key_condition="GSI1PK = :pk",
            values={":pk": self._keys.feedback_index()},
            projection="match_id, outcome, rating",
        )
        with_feedback = {item["match_id"] for item in answers}
        met = {item["match_id"] for item in answers if item["outcome"] == FeedbackOutcome.MET}
        ratings = [int(item["rating"]) for item in answers if item.get("rating") is not None]
        failures = 0
        for outcome in FAILED_OUTCOMES:
            failures += await self._count(
                self._keys.attempts_index(), self._keys.attempts_with_outcome(outcome.value)
            )
        undeliverable = await self._count(
            self._keys.deliveries_index(),
            self._keys.deliveries_with_status(DeliveryStatus.UNDELIVERABLE.value),
        )
        return DeploymentStats(
            active=people[ParticipationStatus.ACTIVE],
            paused=people[ParticipationStatus.PAUSED],
            not_joined=people[ParticipationStatus.NOT_JOINED],
            deactivated=people[ParticipationStatus.DEACTIVATED],
            rounds=len(rounds),
            completed_rounds=len(completed),
            groups=groups,
            feedback=len(answers),
            matches_with_feedback=len(with_feedback),
            met_share=len(met) / len(with_feedback) if with_feedback else None,
            ratings=len(ratings),
            average_rating=sum(ratings) / len(ratings) if ratings else None,
            repeats=repeats,
            repeat_rate=repeats / pairs if pairs else None,
            notification_failures=failures,
            undeliverable=undeliverable,
        )

    async def _count(self, partition: str, prefix: str) -> int:
        return await self._table.count(
            index="GSI1",
            key_condition="GSI1PK = :pk AND begins_with(GSI1SK, :prefix)",
            values={":pk": partition, ":prefix": prefix},
        )
