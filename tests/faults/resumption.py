"""How mail delivery came back after a fault: the first mail, the pace, the last mail.

The time to the last mail mixes two things: how soon the worker sent again after the
broken process was back, and how long sending the rest took (about 20 mails a second
against a local mail server, one SMTP session each). A fault case is judged on the first
(and on no long pause after it); the drain time and the pace are reported beside it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


def stored_at(path: Path) -> datetime:
    """When the mail catcher accepted a message, read from its file name."""
    stamp = path.name.split("-")[0].removesuffix("Z") + "+0000"
    return datetime.strptime(stamp, "%Y%m%dT%H%M%S%f%z")


@dataclass(frozen=True)
class Resumption:
    """Mails accepted after `since`: seconds to the first and to the last, and the pace."""

    mails: int
    first: float
    last: float
    longest_pause: float

    @property
    def per_second(self) -> float:
        spread = self.last - self.first
        return (self.mails - 1) / spread if self.mails > 1 and spread > 0 else 0.0

    def describe(self) -> str:
        return (
            f"first mail {self.first:.1f} s after recovery, last {self.last:.1f} s "
            f"({self.mails} mails at {self.per_second:.1f}/s, longest pause "
            f"{self.longest_pause:.1f} s)"
        )


def resumption(root: Path, *, deployment_id: str, since: datetime) -> Resumption:
    """Delivery after `since` (the moment the broken process was back)."""
    times = sorted(
        stamp
        for path in (root / "mail" / deployment_id).glob("*.eml")
        if (stamp := stored_at(path)) >= since
    )
    if not times:
        raise AssertionError("no mail arrived after the recovery")
    offsets = [(stamp - since).total_seconds() for stamp in times]
    pauses = [later - earlier for earlier, later in itertools.pairwise(offsets)]
    return Resumption(
        mails=len(times),
        first=offsets[0],
        last=offsets[-1],
        longest_pause=max(pauses, default=0.0),
    )
