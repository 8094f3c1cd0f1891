"""A round instance compiled to integer people, masks and pair penalties, with the cost of a group.

Costs follow the contract's order of importance (docs/matching.md, "Rules"); each level outweighs
any realistic sum of the levels below it: a blocked pair, then a repeat (more recent costs more),
then a group without a common window, then a same-team pair, then a pair with topics but none in
common. The levels are known only here: other modules ask the problem what a cost means.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat

from matching.instance import HistoryRound, Instance
from matching.slots import ANY_TIME, availability_mask, has_window, window_starts

_BLOCKED = 10**15
_REPEAT = 10**9
_NO_WINDOW = 10**5
_SAME_TEAM = 10**2
_NO_SHARED_TOPIC = 1


def repeat_penalty(age: int) -> int:
    """Penalty of a pair that last met `age` counted rounds ago (1 = the latest round)."""
    return _REPEAT + _REPEAT // age


def pair_key(a: int, b: int, size: int) -> int:
    """The dictionary key of the pair {a, b} among `size` people, independent of order."""
    return a * size + b if a < b else b * size + a


@dataclass(slots=True)
class Problem:
    """People as 0..n-1 with everything the cost of a group depends on."""

    ids: list[str]
    masks: list[int]
    # window_starts of each mask: a group has a window where its members' starts meet
    # (window_starts(a & b) == window_starts(a) & window_starts(b)).
    starts: list[int]
    teams: list[int]
    topics: list[frozenset[str]]
    blocked: set[int]
    met: dict[int, int]
    cross_team: bool
    counted: Sequence[HistoryRound] = ()
    _recent: list[list[list[int]]] | None = field(default=None, repr=False)

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def recent_rounds(self) -> list[list[list[int]]]:
        """The counted history rounds, oldest first, as groups of the people present."""
        if self._recent is None:
            number = {person: index for index, person in enumerate(self.ids)}
            self._recent = [
                [[number[person] for person in group if person in number] for group in past.groups]
                for past in self.counted
            ]
        return self._recent

    def key(self, a: int, b: int) -> int:
        """A pair's dictionary key, independent of order."""
        return pair_key(a, b, len(self.ids))

    def pair_cost(self, a: int, b: int) -> int:
        # pair_key written out: this runs in the innermost loop of the search. joining_costs
        # states the same rule for many people at once (tests/matching/test_joining_costs.py).
        n = len(self.ids)
        key = a * n + b if a < b else b * n + a
        age = self.met.get(key)
        cost = 0 if age is None else repeat_penalty(age)
        if self.blocked and key in self.blocked:
            cost += _BLOCKED
        if self.cross_team and self.teams[a] >= 0 and self.teams[a] == self.teams[b]:
            cost += _SAME_TEAM
        topics_a = self.topics[a]
        topics_b = self.topics[b]
        if topics_a and topics_b and topics_a.isdisjoint(topics_b):
            cost += _NO_SHARED_TOPIC
        return cost

    def joining_costs(
        self, *, members: Sequence[int], common: int, people: Sequence[int]
    ) -> list[int]:
        """For each of `people`, its pair costs with `members` plus the window cost of the group
        it would make with them (`common`: the members' common mask).

        pair_cost written out: the first grouping scores every candidate of every group, and at
        20,000 people a call per pair was most of its time.
        """
        n = len(self.ids)
        met = self.met.get
        blocked = self.blocked
        teams = self.teams
        topics = self.topics
        starts = self.starts
        shared = window_starts(common)
        costs = [0 if shared & starts[person] else _NO_WINDOW for person in people]
        for member in members:
            team = teams[member] if self.cross_team else -1
            member_topics = topics[member]
            for at, person in enumerate(people):
                key = person * n + member if person < member else member * n + person
                age = met(key)
                if age is not None:
                    costs[at] += repeat_penalty(age)
                if blocked and key in blocked:
                    costs[at] += _BLOCKED
                if team >= 0 and teams[person] == team:
                    costs[at] += _SAME_TEAM
                person_topics = topics[person]
                if person_topics and member_topics and person_topics.isdisjoint(member_topics):
                    costs[at] += _NO_SHARED_TOPIC
        return costs

    def cost_rows(self) -> list[list[int]]:
        """Every pair's cost as a table: row a, column b. Memory grows with the square of the
        people, so only small rounds ask for it."""
        size = len(self.ids)
        rows = [[0] * size for _ in range(size)]
        for a in range(size):
            row = rows[a]
            for b in range(a + 1, size):
                row[b] = rows[b][a] = self.pair_cost(a, b)
        return rows

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
        return self.pair_sum(members) + window_cost(self.common(members))

    def can_meet(self, a: int, b: int) -> bool:
        """A common window, no block, and no meeting in a counted round."""
        return has_window(self.masks[a] & self.masks[b]) and self.pair_cost(a, b) < _REPEAT

    def met_before(self, a: int, b: int) -> bool:
        return pair_key(a, b, len(self.ids)) in self.met

    def is_blocked(self, a: int, b: int) -> bool:
        return pair_key(a, b, len(self.ids)) in self.blocked


def window_cost(mask: int) -> int:
    """The cost of a group whose members are all free in `mask`: 0 with a 30-minute window."""
    return 0 if has_window(mask) else _NO_WINDOW


def is_costly(cost: int) -> bool:
    """Whether a cost holds a block, a repeat, a missing window or a same-team pair."""
    return cost >= _SAME_TEAM


def breaks_a_block(cost: int) -> bool:
    return cost >= _BLOCKED


def hard_level(cost: int) -> int:
    """The part of a cost made of blocks, repeats and missing windows (teams and topics dropped)."""
    return cost // _NO_WINDOW


def compile_instance(instance: Instance) -> Problem:
    """Turn ids into integers and keep only the history that counts for this round."""
    ids = [person.id for person in instance.participants]
    index = {person_id: number for number, person_id in enumerate(ids)}
    n = len(ids)
    team_numbers: dict[str, int] = {}
    masks = []
    teams = []
    topics = []
    for person in instance.participants:
        masks.append(availability_mask(person.timezone, person.availability, instance.round))
        team = person.team
        teams.append(-1 if team is None else team_numbers.setdefault(team, len(team_numbers)))
        topics.append(frozenset(person.topics))

    window = instance.repeat_window
    counted = instance.history[-window:] if window else instance.history
    blocked = {
        pair_key(index[first], index[second], n)
        for first, second in instance.blocks
        if first in index and second in index
    }
    return Problem(
        ids=ids,
        masks=masks,
        starts=[window_starts(mask) for mask in masks],
        teams=teams,
        topics=topics,
        blocked=blocked,
        met=_meetings(counted=counted, index=index, size=n),
        cross_team=instance.prefer_cross_team,
        counted=counted,
    )


def _meetings(
    *, counted: Sequence[HistoryRound], index: dict[str, int], size: int
) -> dict[int, int]:
    """The key of every pair of present people who met in a counted round, with its age."""
    n = size
    lookup = index.get
    met: dict[int, int] = {}
    for age, past in zip(range(len(counted), 0, -1), counted, strict=True):
        # A round of pairs is indexed in a few calls that each run through the whole round:
        # at 100,000 people and 20 rounds, a statement per pair is a second of the whole run.
        groups = past.groups
        pairs = [group for group in groups if len(group) == 2]
        numbers = list(map(lookup, chain.from_iterable(pairs)))
        keys = [
            a * n + b if a < b else b * n + a
            for a, b in zip(numbers[0::2], numbers[1::2], strict=True)
            if a is not None and b is not None and a != b
        ]
        # Later rounds come later: a pair keeps the age of its latest meeting.
        met.update(zip(keys, repeat(age)))
        if len(pairs) == len(groups):
            continue
        for group in groups:
            if len(group) == 2:
                continue
            members = [number for number in map(lookup, group) if number is not None]
            for position, a in enumerate(members):
                for b in members[position + 1 :]:
                    if a != b:
                        met[pair_key(a, b, n)] = age
    return met
