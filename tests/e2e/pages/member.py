"""The member's pages: preferences, participation, current match and history."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from tests.e2e.pages.base import AppPage


class ProfilePage(AppPage):
    path = "/profile"

    def preferences(self) -> Locator:
        return self.page.get_by_role("form", name="Preferences")

    def grid(self) -> Locator:
        return self.preferences().get_by_role("grid")

    def hour(self, label: str) -> Locator:
        """A weekday-hour cell of the availability grid, e.g. "Monday 09:00"."""
        return self.grid().get_by_role("gridcell", name=label, exact=True)

    def pick_hours(self, labels: list[str]) -> None:
        """Clicks weekday-hour cells of the availability grid, e.g. "Monday 09:00"."""
        for label in labels:
            self.hour(label).click()

    def hour_is_picked(self, label: str) -> bool:
        return self.hour(label).get_attribute("aria-selected") == "true"

    def paint(self, first: str, last: str) -> None:
        """Presses on one cell and drags to another, as a mouse or finger paints hours."""
        self.grid().scroll_into_view_if_needed()
        start, end = self.hour(first).bounding_box(), self.hour(last).bounding_box()
        assert start is not None
        assert end is not None
        mouse = self.page.mouse
        mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
        mouse.down()
        mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=8)
        mouse.up()

    def add_topics(self, topics: list[str]) -> None:
        """Types each topic in the topics list and picks it, suggested or new."""
        self.preferences().get_by_text("Choose topics").click()
        search = self.page.get_by_placeholder("Find or type a new topic")
        for topic in topics:
            search.fill(topic)
            self.page.get_by_role("option").filter(has_text=topic).first.click()
        self.page.keyboard.press("Escape")

    def offered_topics(self) -> list[str]:
        """The topics the picker offers before anything is typed, in its order."""
        self.preferences().get_by_text("Choose topics").click()
        options = self.page.get_by_role("option")
        expect(options.first).to_be_visible()
        offered = [text.strip() for text in options.all_inner_texts()]
        self.page.keyboard.press("Escape")
        return offered

    def choose_meeting_length(self, minutes: int) -> None:
        self.preferences().get_by_test_id("meeting-length").get_by_role("button").click()
        # The chosen option is named "Selected 30 minutes".
        option = re.compile(rf"(^|Selected ){minutes} minutes$")
        self.page.get_by_role("option", name=option).first.click()

    def availability_summary(self) -> str:
        return self.page.get_by_test_id("availability-summary").inner_text()

    def save_preferences(self) -> None:
        self.page.get_by_test_id("save-preferences").click()
        expect(self.flash("Preferences saved.")).to_be_in_viewport()


class ParticipationPage(AppPage):
    path = "/participation"

    def status(self) -> str:
        return self.page.get_by_test_id("participation-status").inner_text()

    def toggle(self) -> Locator:
        return self.page.get_by_role("checkbox", name="Take part in coffee rounds")

    def pause(self, *, until: str | None = None) -> None:
        """Switches participation off and confirms; `until` is the last paused day, YYYY/MM/DD."""
        self.toggle().click()
        dialog = self.page.get_by_role("dialog", name="Pause coffee rounds?")
        expect(dialog).to_be_visible()
        if until is not None:
            dialog.get_by_role("radio", name=re.compile("Until a date")).check()
            dialog.get_by_role("textbox", name="Last paused day").fill(until)
        dialog.get_by_role("button", name="Pause", exact=True).click()
        expect(dialog).to_be_hidden()

    def resume(self) -> None:
        self.toggle().click()
        dialog = self.page.get_by_role("dialog", name="Resume coffee rounds?")
        dialog.get_by_role("button", name="Resume", exact=True).click()
        expect(dialog).to_be_hidden()


class MatchPage(AppPage):
    path = "/match"

    def current(self) -> Locator:
        return self.page.get_by_test_id("current-match")

    def wait_for_match_with(self, name: str, *, timeout_ms: int = 60_000) -> None:
        expect(self.current().get_by_role("heading", name=f"You meet {name}")).to_be_visible(
            timeout=timeout_ms
        )

    def is_empty(self) -> bool:
        return self.page.get_by_text("No match yet").is_visible()

    def live(self) -> Locator:
        return self.page.get_by_test_id("live-indicator")

    def suggested_time(self) -> str:
        return self.page.get_by_test_id("suggested-time").inner_text()

    def download_calendar(self) -> str:
        with self.page.expect_download() as download:
            self.page.get_by_test_id("download-ics").click()
        path = download.value.path()
        return path.read_text(encoding="utf-8")


class HistoryPage(AppPage):
    path = "/history"

    def rows(self) -> Locator:
        return self.page.get_by_role("table", name="Match history").locator("tbody tr")

    def give_feedback(self, *, with_name: str, met: bool, rating: int | None = None) -> None:
        row = self.rows().filter(has_text=with_name).first
        row.get_by_role("button", name=re.compile(r"^(Did you meet\?|Change answer)")).click()
        dialog = self.page.get_by_role("dialog", name=f"Did you meet {with_name}?")
        outcome = "Yes, we met" if met else "No, we did not meet"
        dialog.get_by_role("radio", name=outcome).check()
        if rating is not None:
            dialog.get_by_role("button", name=re.compile("No rating")).click()
            self.page.get_by_role("option", name=re.compile(f"^{rating} ")).click()
        dialog.get_by_test_id("submit-feedback").click()
        expect(self.page.get_by_text("Thanks, your feedback is recorded.")).to_be_visible()

    def answer_for(self, with_name: str) -> str:
        return self.rows().filter(has_text=with_name).first.inner_text()


class NotificationsPage(AppPage):
    path = "/notifications"

    def send_test(self, channel: str) -> str:
        self.page.get_by_test_id(f"test-{channel}").click()
        outcome = self.page.get_by_test_id("test-outcome")
        expect(outcome).to_be_visible()
        return outcome.inner_text()

    def chat_links(self) -> Locator:
        return self.page.get_by_test_id("chat-links")

    def slack_command(self) -> str:
        """Asks for a Connect Slack code; the command to type in Slack, e.g. /coffee connect …"""
        self.chat_links().get_by_test_id("slack-connect").click()
        command = self.chat_links().get_by_test_id("slack-command")
        expect(command).to_be_visible()
        return command.inner_text().strip()

    def telegram_deep_link(self) -> str:
        """Asks for a Connect Telegram link; the t.me link with its one-time start code."""
        self.chat_links().get_by_test_id("telegram-connect").click()
        link = self.chat_links().get_by_test_id("telegram-deep-link")
        expect(link).to_be_visible()
        return link.inner_text().strip()
