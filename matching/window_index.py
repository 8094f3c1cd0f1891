"""People listed by the 30-minute windows they can make, to draw partners who share a window."""

from __future__ import annotations

from random import Random

from matching.slots import ANY_TIME, QUARTERS_PER_WEEK, bit_positions, window_starts


class WindowIndex:
    """For each window start, the people free then; people free at any time are kept apart."""

    def __init__(self, *, masks: list[int], order: list[int]) -> None:
        self.by_start: list[list[int]] = [[] for _ in range(QUARTERS_PER_WEEK)]
        self.any_time: list[int] = []
        self._starts_of: dict[int, list[int]] = {}
        self.flexibility: list[int] = [0] * len(masks)
        # Filling the lists in a shuffled order makes the head of each list a random sample.
        for person in order:
            mask = masks[person]
            if mask == ANY_TIME:
                self.any_time.append(person)
                self.flexibility[person] = QUARTERS_PER_WEEK + 1
                continue
            starts = self.starts(mask)
            self.flexibility[person] = len(starts)
            for start in starts:
                self.by_start[start].append(person)

    def starts(self, mask: int) -> list[int]:
        """Window starts of a mask, remembered per distinct mask."""
        found = self._starts_of.get(mask)
        if found is None:
            found = bit_positions(window_starts(mask))
            self._starts_of[mask] = found
        return found

    def sample(self, *, mask: int, rng: Random, count: int) -> list[int]:
        """Up to `count` random people (with repetition) sharing a window with `mask`."""
        drawn: list[int] = []
        if mask == ANY_TIME:
            return drawn
        starts = self.starts(mask)
        if not starts:
            return drawn
        for _ in range(count):
            people = self.by_start[starts[rng.randrange(len(starts))]]
            if people:
                drawn.append(people[rng.randrange(len(people))])
        if self.any_time:
            drawn.append(self.any_time[rng.randrange(len(self.any_time))])
        return drawn
