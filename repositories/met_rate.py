"""The met rate per round and overall, from the rounds, the answers and the deliveries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.enums import Channel
from repositories.gateway import TableGateway
from repositories.models.feedback import FeedbackOutcome
from repositories.models.matches import parse_match_id
from repositories.models.met_rate import ChannelMetRate, MetRate, MetRateReport
from repositories.models.outbox import DeliveryStatus
from repositories.models.rounds import RoundStatus


@dataclass(frozen=True)
class Answer:
    match_id: str
    user_id: str
    met: bool


@dataclass(frozen=True)
class Introduction:
    match_id: str
    user_id: str
    channel: Channel


def met_rate(
    *,
    slot: str | None,
    matches: int,
    answers: Iterable[Answer],
    introductions: Iterable[Introduction],
) -> MetRate:
    """Counts one round's (or all rounds') figures; a match met when any member says so."""
    answers = list(answers)
    answered = {answer.match_id for answer in answers}
    met = {answer.match_id for answer in answers if answer.met}
    by_person = {(answer.match_id, answer.user_id): answer.met for answer in answers}
    counts: dict[Channel, list[int]] = defaultdict(lambda: [0, 0, 0])
    for intro in introductions:
        figures = counts[intro.channel]
        figures[0] += 1
        said = by_person.get((intro.match_id, intro.user_id))
        figures[1] += said is not None
        figures[2] += said is True
    return MetRate(
        slot=slot,
        matches=matches,
        answered=len(answered),
        met=len(met),
        by_channel=[
            ChannelMetRate(channel=channel, introduced=c[0], answered=c[1], met=c[2])
            for channel in Channel
            if (c := counts.get(channel)) is not None
        ],
    )


def _slot(match_id: str) -> str:
    return parse_match_id(match_id)[0]


class MetRateRepository:
    def __init__(self, *, gateway: TableGateway) -> None:
        self._table = gateway
        self._keys = gateway.keys

    async def report(self) -> MetRateReport:
        rounds = await self._table.query_all(
            index="GSI1",
            key_condition="GSI1PK = :pk",
            values={":pk": self._keys.rounds_index()},
            projection="slot, #status, group_count",
            names={"#status": "status"},
        )
        sizes: Mapping[str, int] = {
            str(item["slot"]): int(item.get("group_count") or 0)
            for item in rounds
            if item.get("status") == RoundStatus.COMPLETED.value
        }
        feedback = await self._table.query_all(
            index="GSI1",
            key_condition="GSI1PK = :pk",
            values={":pk": self._keys.feedback_index()},
            projection="match_id, user_id, outcome",
        )
        answers = [
            Answer(
                match_id=str(item["match_id"]),
                user_id=str(item["user_id"]),
                met=item["outcome"] == FeedbackOutcome.MET.value,
            )
            for item in feedback
        ]
        sent = await self._table.query_all(
            index="GSI1",
            key_condition="GSI1PK = :pk AND begins_with(GSI1SK, :prefix)",
            values={
                ":pk": self._keys.deliveries_index(),
                ":prefix": f"{DeliveryStatus.SENT.value}#",
            },
            projection="match_id, user_id, channel",
        )
        intros = [
            Introduction(
                match_id=str(item["match_id"]),
                user_id=str(item["user_id"]),
                channel=Channel(item["channel"]),
            )
            for item in sent
            if item.get("channel")
        ]
        answers_of: dict[str, list[Answer]] = defaultdict(list)
        for answer in answers:
            answers_of[_slot(answer.match_id)].append(answer)
        intros_of: dict[str, list[Introduction]] = defaultdict(list)
        for intro in intros:
            intros_of[_slot(intro.match_id)].append(intro)
        per_round = [
            met_rate(
                slot=slot, matches=size, answers=answers_of[slot], introductions=intros_of[slot]
            )
            for slot, size in sorted(sizes.items(), reverse=True)
        ]
        overall = met_rate(
            slot=None,
            matches=sum(sizes.values()),
            answers=[a for slot in sizes for a in answers_of[slot]],
            introductions=[i for slot in sizes for i in intros_of[slot]],
        )
        return MetRateReport(overall=overall, rounds=per_round)
