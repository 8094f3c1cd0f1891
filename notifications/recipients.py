"""Who is notified and on which channels, in the order they are tried."""

from __future__ import annotations

from dataclasses import dataclass

from notifications.registry import Channel


@dataclass(frozen=True)
class Route:
    """One enabled channel of a person with the address to use on it."""

    channel: Channel
    address: str


@dataclass(frozen=True)
class Recipient:
    """A person to notify: their enabled channels, in their order, and which is primary."""

    user_id: str
    name: str
    time_zone: str
    primary: Channel
    routes: tuple[Route, ...]


def delivery_order(*, recipient: Recipient) -> tuple[Route, ...]:
    """The primary channel first, then the other enabled channels in the person's order."""
    primary = [route for route in recipient.routes if route.channel == recipient.primary]
    others = [route for route in recipient.routes if route.channel != recipient.primary]
    seen: set[Channel] = set()
    ordered: list[Route] = []
    for route in (*primary, *others):
        if route.channel not in seen:
            seen.add(route.channel)
            ordered.append(route)
    return tuple(ordered)
