"""An admin finds who no channel could reach, and sends to them again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.devstack.running import DevStack
from tests.e2e.browser import SCREENSHOTS
from tests.e2e.newcomers import register, signed_in_page
from tests.e2e.pages.admin import AdminRoundsPage, AdminUsersPage
from tests.e2e.pages.base import AppPage
from tests.e2e.people import ADMIN, Person

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The local mail server refuses the `.invalid` domain for good: email is Nova's only channel.
NOVA = Person(subject="nova", name="Nova Unreached", email="nova@nowhere.invalid", time_zone="UTC")
ORION = Person(subject="orion", name="Orion Reached", email="orion@example.com", time_zone="UTC")


@pytest.mark.timeout(300)
def test_an_admin_sends_again_to_someone_no_channel_reached(
    app_url: str,
    live_stack: DevStack,
    people: dict[str, Person],
    new_context: Callable[..., BrowserContext],
) -> None:
    assert ADMIN.subject in people
    for person in (NOVA, ORION):
        register(live_stack, person)
        signed_in_page(new_context, app_url, person)
    admin = signed_in_page(new_context, app_url, ADMIN, join=False)
    rounds = AdminRoundsPage(admin, base_url=app_url)
    rounds.open()
    # Three days ahead at this minute: a slot no other test of this stack runs.
    later = datetime.now(UTC) + timedelta(days=3)
    rounds.pick(date=later.strftime("%Y/%m/%d"), time=later.strftime("%H:%M"))
    rounds.run_now()
    expect(admin.get_by_test_id("run-outcome")).to_contain_text("Round complete", timeout=60_000)

    # The refusal is permanent, so Nova is listed at once; the overview says so.
    home = AppPage(admin, base_url=app_url)
    found = admin.get_by_test_id("admin-undeliverable")
    for _ in range(30):
        admin.goto(app_url + "/admin")
        expect(home.heading("Administration")).to_be_visible()
        home.wait_loaded()
        if found.is_visible():
            break
        admin.wait_for_timeout(1000)
    expect(found).to_contain_text("could not be told of their match")
    found.get_by_role("button", name="Review and send again").click()
    expect(admin).to_have_url(app_url + "/admin/deliveries")
    table = admin.get_by_role("table", name="Undelivered notifications")
    row = table.locator("tbody tr").filter(has_text=NOVA.email)
    expect(row).to_contain_text(NOVA.name)
    expect(row).to_contain_text(later.strftime("%Y-%m-%d"))
    assert home.accessibility_problems() == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    admin.screenshot(path=SCREENSHOTS / "admin-deliveries.png")

    row.get_by_role("button", name=f"Send again to {NOVA.name}").click()
    expect(home.flash(f"Sending again to {NOVA.name}.")).to_be_in_viewport()
    expect(row).to_contain_text("Sending again")

    # The resend is in the audit log, by the admin, on Nova.
    admin.get_by_role("navigation").get_by_role("link", name="Audit log", exact=True).click()
    log = admin.get_by_role("table", name="Audit log")
    expect(log.locator("tbody tr").filter(has_text="Notification resent").first).to_be_visible()

    # Orion's mail went out: only Nova is listed.
    expect(table.locator("tbody tr").filter(has_text=ORION.email)).to_have_count(0)

    # Nova leaves the deployment's rounds, so later rounds of this stack reach everyone.
    users = AdminUsersPage(admin, base_url=app_url)
    users.open()
    admin.get_by_role("button", name=f"Deactivate {NOVA.name}", exact=True).click()
    dialog = admin.get_by_role("dialog", name=f"Deactivate {NOVA.name}?")
    dialog.get_by_role("button", name="Deactivate", exact=True).click()
    expect(dialog).to_be_hidden()
    expect(users.rows().filter(has_text=NOVA.email)).to_contain_text("Deactivated")
