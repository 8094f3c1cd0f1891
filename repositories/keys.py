"""Every key string of the single table is built here, and each one leads with the deployment."""

from __future__ import annotations

import hashlib


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


class Keys:
    """Key builders bound to one deployment, so no caller can forget the tenant prefix."""

    def __init__(self, deployment_id: str) -> None:
        self.deployment_id = deployment_id
        self.prefix = f"D#{deployment_id}#"

    def owns(self, key: str) -> bool:
        return key.startswith(self.prefix)

    # Deployment configuration: one item.
    def config(self) -> tuple[str, str]:
        return f"{self.prefix}CONFIG", "CONFIG"

    # A person: profile item plus, in the same partition, match history and blocks.
    def user(self, user_id: str) -> str:
        return f"{self.prefix}USER#{user_id}"

    def profile(self, user_id: str) -> tuple[str, str]:
        return self.user(user_id), "PROFILE"

    def users_index(self) -> str:
        """GSI1 partition listing every person of the deployment, sorted by status."""
        return f"{self.prefix}USERS"

    # GSI1 sort keys of people: status first, so a status is one key range (pauses by end date).
    @staticmethod
    def user_status(status: str, user_id: str) -> str:
        return f"STATUS#{status}#{user_id}"

    @staticmethod
    def paused_user_status(until: str, user_id: str) -> str:
        """Sort key of a paused person; `until` is the pause's last day, ISO, or the far end."""
        return f"STATUS#paused#{until}#{user_id}"

    @staticmethod
    def user_status_prefix(status: str | None = None) -> str:
        """Sort-key prefix of the people with one stored status, or of everyone."""
        return "STATUS#" if status is None else f"STATUS#{status}#"

    @staticmethod
    def pauses_ended_range(last_paused: str) -> tuple[str, str]:
        """Sort-key range of the pauses whose last day is `last_paused` or earlier."""
        return "STATUS#paused#", f"STATUS#paused#{last_paused}#~"

    def identity(self, issuer: str, subject: str) -> tuple[str, str]:
        return f"{self.prefix}IDENTITY#{_digest(issuer + chr(0) + subject)}", "IDENTITY"

    def email(self, email: str) -> tuple[str, str]:
        return f"{self.prefix}EMAIL#{_digest(email.strip().lower())}", "EMAIL"

    # Rounds: one item per scheduled slot, listed newest first through GSI1.
    def round(self, slot: str) -> tuple[str, str]:
        return f"{self.prefix}ROUND#{slot}", "ROUND"

    def rounds_index(self) -> str:
        return f"{self.prefix}ROUNDS"

    # The matcher's plan after a round, in the round's partition.
    def round_plan(self, slot: str) -> tuple[str, str]:
        return f"{self.prefix}ROUND#{slot}", "PLAN"

    # A group of one round lives in the round's partition; members get a history item each.
    def group(self, slot: str, index: int) -> tuple[str, str]:
        return f"{self.prefix}ROUND#{slot}", f"GROUP#{index:06d}"

    def round_groups(self, slot: str) -> tuple[str, str]:
        """Partition and sort-key prefix of every group of one round."""
        return f"{self.prefix}ROUND#{slot}", "GROUP#"

    @staticmethod
    def group_index(sort_key: str) -> int:
        return int(sort_key.removeprefix("GROUP#"))

    def match(self, match_id: str) -> str:
        """Partition of what hangs off a match: feedback, notification claims and attempts.

        Also the GSI2 key of the match's group item; the group itself is read by key, since a
        match id names its round slot and group index.
        """
        return f"{self.prefix}MATCH#{match_id}"

    def membership(self, user_id: str, slot: str, match_id: str) -> tuple[str, str]:
        return self.user(user_id), f"MATCH#{slot}#{match_id}"

    @staticmethod
    def memberships_prefix() -> str:
        """Sort-key prefix of a person's match history items in their partition."""
        return "MATCH#"

    @staticmethod
    def group_of_match() -> str:
        """GSI2 sort key of a group item, under its match's key."""
        return "GROUP"

    def feedback(self, match_id: str, user_id: str) -> tuple[str, str]:
        return self.match(match_id), f"FEEDBACK#{user_id}"

    @staticmethod
    def feedback_prefix() -> str:
        """Sort-key prefix of a match's feedback, and GSI2 prefix of a person's feedback."""
        return "FEEDBACK#"

    def feedback_by_user(self, user_id: str, match_id: str) -> tuple[str, str]:
        """GSI2 key of a feedback item: under its author, by match."""
        return self.user(user_id), f"FEEDBACK#{match_id}"

    def block(self, user_id: str, blocked_id: str) -> tuple[str, str]:
        return self.user(user_id), f"BLOCK#{blocked_id}"

    @staticmethod
    def blocks_prefix() -> str:
        """Sort-key prefix of the blocks a person made, in their partition."""
        return "BLOCK#"

    def blocks_index(self) -> str:
        """GSI1 partition of every block of the deployment, read whole by the matching job."""
        return f"{self.prefix}BLOCKS"

    def feedback_index(self) -> str:
        """GSI1 partition of all feedback, sorted by outcome, for the admin figures."""
        return f"{self.prefix}FEEDBACK"

    # Sessions: refresh tokens by hash, grouped in families.
    def refresh_token(self, token_hash: str) -> tuple[str, str]:
        return f"{self.prefix}REFRESH#{token_hash}", "TOKEN"

    def token_family(self, family_id: str) -> tuple[str, str]:
        return f"{self.prefix}FAMILY#{family_id}", "FAMILY"

    # Notifications: a claim per (match, person, channel) and an attempt log.
    def notification_claim(self, match_id: str, user_id: str, channel: str) -> tuple[str, str]:
        return self.match(match_id), f"NOTIFY#{user_id}#{channel}"

    def notification_claims(self, match_id: str, user_id: str) -> tuple[str, str]:
        """Partition and sort-key prefix of one member's claims, one per channel."""
        return self.match(match_id), f"NOTIFY#{user_id}#"

    def notification_attempts(self, match_id: str, user_id: str | None) -> tuple[str, str]:
        """Partition and sort-key prefix of the attempts of a match (or of one member)."""
        return self.match(match_id), "ATTEMPT#" if user_id is None else f"ATTEMPT#{user_id}#"

    def notification_attempt(
        self, match_id: str, user_id: str, channel: str, at: str, number: int
    ) -> tuple[str, str]:
        return self.match(match_id), f"ATTEMPT#{user_id}#{channel}#{at}#{number:03d}"

    @staticmethod
    def attempt_sort_key(outcome: str, at: str, match_id: str, user_id: str, channel: str) -> str:
        """GSI1 sort key of an attempt: by outcome, then time."""
        return f"{outcome}#{at}#{match_id}#{user_id}#{channel}"

    @staticmethod
    def attempts_with_outcome(outcome: str) -> str:
        return f"{outcome}#"

    def delivery_outcome(self, match_id: str, user_id: str) -> tuple[str, str]:
        return self.match(match_id), f"OUTCOME#{user_id}"

    @staticmethod
    def person_in_match_prefixes(user_id: str) -> tuple[str, ...]:
        """Sort-key prefixes of one person's items in a match partition: feedback, claims,
        attempts and delivery outcome."""
        return (
            f"FEEDBACK#{user_id}",
            f"NOTIFY#{user_id}#",
            f"ATTEMPT#{user_id}#",
            f"OUTCOME#{user_id}",
        )

    def attempts_index(self) -> str:
        """GSI1 partition of notification attempts, sorted by outcome then time."""
        return f"{self.prefix}ATTEMPTS"

    def deliveries_index(self) -> str:
        """GSI1 partition of per-person delivery outcomes, sorted by status then time."""
        return f"{self.prefix}DELIVERIES"

    @staticmethod
    def delivery_sort_key(status: str, at: str, match_id: str, user_id: str) -> str:
        return f"{status}#{at}#{match_id}#{user_id}"

    @staticmethod
    def deliveries_with_status(status: str) -> str:
        """GSI1 sort-key prefix of the outcomes of one status."""
        return f"{status}#"

    # Reminders and pauses for not answering, beside the match, person and round they concern;
    # their prefixes differ from every other sort key there, so no begins_with query sees them.
    def reminder_claim(self, match_id: str, user_id: str, channel: str) -> tuple[str, str]:
        return self.match(match_id), f"REMIND#{user_id}#{channel}"

    def reminder_claims(self, match_id: str, user_id: str) -> tuple[str, str]:
        return self.match(match_id), f"REMIND#{user_id}#"

    def reminder_outcome(self, match_id: str, user_id: str) -> tuple[str, str]:
        return self.match(match_id), f"REMINDED#{user_id}"

    def pause_message_claim(self, slot: str, user_id: str, channel: str) -> tuple[str, str]:
        return self.user(user_id), f"PAUSEMSG#{slot}#{channel}"

    def pause_message_claims(self, slot: str, user_id: str) -> tuple[str, str]:
        return self.user(user_id), f"PAUSEMSG#{slot}#"

    def pause_message_outcome(self, slot: str, user_id: str) -> tuple[str, str]:
        return self.user(user_id), f"PAUSEDMSG#{slot}"

    def silence_pause(self, user_id: str, slot: str) -> tuple[str, str]:
        return self.user(user_id), f"SILENCE#{slot}"

    def silence_pauses(self, user_id: str) -> tuple[str, str]:
        """Partition and sort-key prefix of all of a person's pauses for not answering."""
        return self.user(user_id), "SILENCE#"

    def round_phase(self, slot: str, phase: str) -> tuple[str, str]:
        return self.round(slot)[0], f"REMINDERS#{phase}"

    # Audit events, one partition per month so a long retention does not make a hot key.
    def audit(self, month: str, at: str, event_id: str) -> tuple[str, str]:
        return f"{self.prefix}AUDIT#{month}", f"{at}#{event_id}"

    # Rate limits and other short-lived records live in Redis, not here.
