"""The topics people of a deployment list in their preferences, counted for suggestions."""

from __future__ import annotations

from collections import Counter, defaultdict

from pydantic import BaseModel, ConfigDict

from repositories.gateway import TableGateway
from repositories.models.users import ParticipationStatus


class TopicCount(BaseModel):
    model_config = ConfigDict(frozen=True)

    topic: str
    people: int


class TopicRepository:
    def __init__(self, *, gateway: TableGateway) -> None:
        self._table = gateway
        self._keys = gateway.keys

    async def most_used(self, *, limit: int) -> list[TopicCount]:
        """The `limit` topics most people list, most first; deactivated people do not count.

        Topics differing only in case or surrounding spaces are one topic, shown in the
        spelling most people use.
        """
        deactivated = self._keys.user_status_prefix(ParticipationStatus.DEACTIVATED.value)
        # Only the sort key and the topics are read, whatever else a person holds.
        people = await self._table.query_all(
            index="GSI1",
            key_condition="GSI1PK = :pk AND begins_with(GSI1SK, :prefix)",
            values={":pk": self._keys.users_index(), ":prefix": self._keys.user_status_prefix()},
            projection="GSI1SK, #preferences.#topics",
            names={"#preferences": "preferences", "#topics": "topics"},
        )
        people_by_topic: Counter[str] = Counter()
        spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for person in people:
            if str(person.get("GSI1SK", "")).startswith(deactivated):
                continue
            topics = (person.get("preferences") or {}).get("topics") or []
            seen: set[str] = set()
            for raw in topics:
                spelling = " ".join(str(raw).split())
                key = spelling.casefold()
                if not key or key in seen:
                    continue
                seen.add(key)
                people_by_topic[key] += 1
                spellings[key][spelling] += 1
        ranked = sorted(people_by_topic.items(), key=lambda entry: (-entry[1], entry[0]))
        return [
            TopicCount(topic=_usual(spellings[key]), people=count) for key, count in ranked[:limit]
        ]


def _usual(spellings: Counter[str]) -> str:
    """The spelling most people use; of equally common ones, the first in sort order."""
    return min(spellings.items(), key=lambda entry: (-entry[1], entry[0]))[0]
