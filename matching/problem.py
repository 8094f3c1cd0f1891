"""A round instance compiled to integer people, masks and pair penalties, with the cost of a group.

Costs follow the contract's order of importance; each level outweighs any realistic sum of the
levels below it: a blocked pair, then a repeat (more recent costs more), then a group without a
common window, then a same-team pair, then a pair with topics but none in common.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from matching.instance import Instance
from matching.slots import ANY_TIME, availability_mask, has_window

BLOCKED = 10**15
REPEAT = 10**9
NO_WINDOW = 10**5
SAME_TEAM = 10**2
NO_SHARED_TOPIC = 1


def repeat_penalty(age: int) -> int:
    """Penalty of a pair that last met `age` counted rounds ago (1 = the latest round)."""
    return REPEAT + REPEAT // age


@dataclass(slots=True)
class Problem:
    """People as 0..n-1 with everything the cost of a group depends on."""

    ids: list[str]
    masks: list[int]
    teams: list[int]
    topics: list[frozenset[int]]
    blocked: set[int]
    met: dict[int, int]
    cross_team: bool
    recent_rounds: list[list[list[int]]]

    @property
    def size(self) -> int:
        return len(self.ids)

    def key(self, a: int, b: int) -> int:
        """A pair's dictionary key, independent of order."""
        return a * len(self.ids) + b if a < b else b * len(self.ids) + a

    def pair_cost(self, a: int, b: int) -> int:
        key = a * len(self.ids) + b if a < b else b * len(self.ids) + a
        age = self.met.get(key)
        cost = 0 if age is None else repeat_penalty(age)
        if self.blocked and key in self.blocked:
            cost += BLOCKED
        if self.cross_team and self.teams[a] >= 0 and self.teams[a] == self.teams[b]:
            cost += SAME_TEAM
        topics_a = self.topics[a]
        topics_b = self.topics[b]
        if topics_a and topics_b and topics_a.isdisjoint(topics_b):
            cost += NO_SHARED_TOPIC
        return cost

    def pair_sum(self, members: Sequence[int]) -> int:
        total = 0
        for index, a in enumerate(members):
            for b in members[index + 1 :]:
                total += self.pair_cost(a, b)
        return total

    def common(self, members: Iterable[int]) -> int:
        mask = ANY_TIME
        for person in members:
            mask &= self.masks[person]
        return mask

    def group_cost(self, members: Sequence[int]) -> int:
        window = 0 if has_window(self.common(members)) else NO_WINDOW
        return self.pair_sum(members) + window


def compile_instance(instance: Instance) -> Problem:
    """Turn ids into integers and keep only the history that counts for this round."""
    ids = [person.id for person in instance.participants]
    index = {person_id: number for number, person_id in enumerate(ids)}
    n = len(ids)
    team_numbers: dict[str, int] = {}
    topic_numbers: dict[str, int] = {}
    masks = []
    teams = []
    topics = []
    for person in instance.participants:
        masks.append(
            availability_mask(person.timezone, frozenset(person.availability), instance.round)
        )
        team = person.team
        teams.append(-1 if team is None else team_numbers.setdefault(team, len(team_numbers)))
        topics.append(
            frozenset(
                topic_numbers.setdefault(topic, len(topic_numbers)) for topic in person.topics
            )
        )

    window = instance.repeat_window
    counted = instance.history[-window:] if window else instance.history
    met: dict[int, int] = {}
    recent_rounds: list[list[list[int]]] = []
    for age, past in zip(range(len(counted), 0, -1), counted, strict=True):
        groups = []
        for group in past.groups:
            members = [index[person_id] for person_id in group if person_id in index]
            groups.append(members)
            for position, a in enumerate(members):
                for b in members[position + 1 :]:
                    if a != b:
                        met[a * n + b if a < b else b * n + a] = age
        recent_rounds.append(groups)
    blocked = {
        _key(index[first], index[second], n)
        for first, second in instance.blocks
        if first in index and second in index
    }
    return Problem(
        ids=ids,
        masks=masks,
        teams=teams,
        topics=topics,
        blocked=blocked,
        met=met,
        cross_team=instance.prefer_cross_team,
        recent_rounds=recent_rounds,
    )


def _key(a: int, b: int, n: int) -> int:
    return a * n + b if a < b else b * n + a
