"""How many sockets and subscriptions one person may hold on one API process."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    # The web app holds one socket per open tab, with at most two subscriptions on it.
    sockets_per_person: int = 10
    subscriptions_per_socket: int = 10
    subscriptions_per_person: int = 20


@dataclass
class PersonCounts:
    """Sockets and subscriptions held now, per person; counted in the process that holds them."""

    limits: Limits = field(default_factory=Limits)
    sockets: dict[str, int] = field(default_factory=dict)
    subscriptions: dict[str, int] = field(default_factory=dict)

    def open_socket(self, person: str) -> bool:
        return _take(self.sockets, person, self.limits.sockets_per_person)

    def close_socket(self, person: str) -> None:
        _give_back(self.sockets, person)

    def start_subscription(self, person: str) -> bool:
        return _take(self.subscriptions, person, self.limits.subscriptions_per_person)

    def end_subscription(self, person: str) -> None:
        _give_back(self.subscriptions, person)


def _take(counts: dict[str, int], person: str, limit: int) -> bool:
    held = counts.get(person, 0)
    if held >= limit:
        return False
    counts[person] = held + 1
    return True


def _give_back(counts: dict[str, int], person: str) -> None:
    held = counts.get(person, 0) - 1
    if held > 0:
        counts[person] = held
    else:
        counts.pop(person, None)
