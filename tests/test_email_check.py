"""Whether a string is an email address is decided in time linear in a bounded length."""

from __future__ import annotations

import time

from core.constraints import EMAIL_MAX, is_email


def test_a_long_near_address_is_refused_at_once() -> None:
    # The pattern backtracks quadratically over a run of dots; only a short string may reach it.
    started = time.process_time()
    assert not is_email("a@" + "." * 30_000 + " ")
    assert time.process_time() - started < 0.1


def test_addresses_up_to_the_limit_are_still_told_apart() -> None:
    longest = "a" * (EMAIL_MAX - len("@example.com")) + "@example.com"
    assert is_email(longest)
    assert not is_email("a" + longest)
    assert not is_email("pat@example")
    assert is_email("pat@example.com")
