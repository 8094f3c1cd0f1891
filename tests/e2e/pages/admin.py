"""The admin's pages: users, statistics, deployment settings and rounds."""

from __future__ import annotations

import re

from playwright.sync_api import FloatRect, Locator, expect

from tests.e2e.pages.base import AppPage


class AdminUsersPage(AppPage):
    path = "/admin/users"

    def rows(self) -> Locator:
        return self.page.get_by_role("table", name="People of the deployment").locator("tbody tr")

    def status_of(self, email: str) -> str:
        return self.rows().filter(has_text=email).first.inner_text()

    def pause(self, name: str) -> None:
        """Pauses the person until resumed, confirming in the dialog."""
        self.page.get_by_role("button", name=f"Pause {name}", exact=True).click()
        dialog = self.page.get_by_role("dialog", name=f"Pause {name}?")
        expect(dialog).to_be_visible()
        dialog.get_by_test_id("confirm-pause").click()
        expect(dialog).to_be_hidden()

    def resume(self, name: str) -> None:
        self.page.get_by_role("button", name=f"Resume {name}", exact=True).click()

    def deactivate_button(self, name: str) -> Locator:
        return self.page.get_by_role("button", name=f"Deactivate {name}", exact=True)


class AdminStatsPage(AppPage):
    path = "/admin/stats"

    def figure(self, test_id: str) -> str:
        locator = self.page.get_by_test_id(test_id)
        expect(locator).to_be_visible()
        return locator.inner_text().strip()


class AdminSettingsPage(AppPage):
    path = "/admin/settings"

    def offer_channels(self, *labels: str) -> None:
        """Ticks channels under "Channels people may use" and saves, unless already offered."""
        boxes = [self.page.get_by_role("checkbox", name=label, exact=True) for label in labels]
        missing = [box for box in boxes if not box.is_checked()]
        if not missing:
            return
        for box in missing:
            box.check()
        self.page.get_by_role("button", name="Save settings").click()
        expect(self.page.get_by_text("saved", exact=False).first).to_be_visible()

    def set_schedule(self, expression: str) -> None:
        self.page.get_by_label("Rounds run at").fill(expression)

    def schedule_description(self) -> str:
        return self.page.get_by_test_id("schedule-description").inner_text()

    def next_runs(self) -> list[str]:
        return self.page.get_by_test_id("schedule-runs").locator("li").all_inner_texts()

    def template(self) -> Locator:
        return self.page.get_by_role("form", name="Match message")

    def write_template(self, *, subject: str, body: str) -> None:
        self.template().get_by_label("Subject").fill(subject)
        self.template().get_by_label("Message").fill(body)

    def preview_text(self) -> Locator:
        return self.page.get_by_test_id("preview-text")

    def save_template(self) -> None:
        self.page.get_by_test_id("save-template").click()


class AdminRoundsPage(AppPage):
    path = "/admin/rounds"

    def preview(self) -> Locator:
        self.page.get_by_test_id("preview-round").click()
        preview = self.page.get_by_test_id("round-preview")
        expect(preview).to_be_visible()
        return preview

    def past_rounds_table(self) -> Locator:
        return self.page.get_by_role("table", name="Rounds")

    def past_rounds(self) -> Locator:
        return self.past_rounds_table().locator("tbody tr")

    def pick(self, *, date: str, time: str) -> None:
        """The round's date (YYYY/MM/DD) and time (HH:MM), in the deployment's time zone."""
        self.page.get_by_label(re.compile(r"^Date \(")).fill(date)
        self.page.get_by_label(re.compile(r"^Time \(")).fill(time)

    def slot(self) -> str:
        return self.page.get_by_test_id("round-slot-utc").inner_text()

    def run_now(self) -> str:
        """Runs a round for the slot shown and waits until it is under way; returns the slot."""
        slot = self.slot()
        self.page.get_by_test_id("run-round").click()
        self.page.get_by_test_id("confirm-run").click()
        expect(self.page.get_by_test_id("run-outcome")).to_contain_text(
            re.compile("Round (queued|running|complete)")
        )
        return slot


class AdminGraphiQLPage(AppPage):
    path = "/admin/graphiql"

    def editor(self) -> Locator:
        return self.page.get_by_role("region", name="GraphiQL")

    def run_query(self) -> None:
        self.page.get_by_role("button", name="Execute query", exact=False).click()

    def response_text(self) -> str:
        return self.page.locator(".graphiql-response").inner_text()

    def operation_box(self) -> FloatRect | None:
        """Where the operation editor and its toolbar are drawn."""
        return self.page.locator(".graphiql-query-editor").bounding_box()
