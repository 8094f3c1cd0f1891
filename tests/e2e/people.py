"""The people of the browser tests, as the local OpenID provider describes them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    subject: str
    name: str
    email: str
    time_zone: str

    def claims(self) -> dict[str, object]:
        return {"email": self.email, "email_verified": True, "name": self.name}


ADA = Person(subject="ada", name="Ada Lovelace", email="ada@example.com", time_zone="Europe/London")
GRACE = Person(
    subject="grace", name="Grace Hopper", email="grace@example.com", time_zone="America/New_York"
)
# The dev stack makes admin@example.com an admin.
ADMIN = Person(subject="admin", name="Alex Admin", email="admin@example.com", time_zone="UTC")
PEOPLE = (ADA, GRACE, ADMIN)


@dataclass(frozen=True)
class SlackAccount:
    """A member of the deployment's Slack workspace: their member id and user name."""

    user_id: str
    name: str


# Grace's Slack account, which she links with Connect Slack before the journey's round.
GRACE_ON_SLACK = SlackAccount(user_id="U0GRACE01", name="grace.hopper")
