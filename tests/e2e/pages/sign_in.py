"""Signing in through the local OpenID provider, and the opt-in step after the first sign-in."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.pages.base import AppPage


class SignInPage(AppPage):
    path = "/sign-in"

    def provider_buttons(self) -> list[str]:
        links = self.page.get_by_role("link", name="Sign in with", exact=False)
        expect(links.first).to_be_visible()
        return [text.strip() for text in links.all_inner_texts()]

    def sign_in(self, *, subject: str, provider_label: str = "Local sign-in") -> None:
        """Chooses the provider, then names the person on the provider's own page."""
        self.page.get_by_role("link", name=f"Sign in with {provider_label}").click()
        self.page.locator("input[name=sub]").fill(subject)
        self.page.get_by_role("button", name="Authorize").click()
        # The callback lands on /; the app leaves it only once the session is established.
        signed_in = re.compile(re.escape(self.base_url) + r"/(?!auth/|sign-in)[^?#]+")
        self.page.wait_for_url(signed_in)


class OptInPage(AppPage):
    path = "/welcome"

    def is_shown(self) -> bool:
        return self.heading("Join Virtual Coffee").is_visible()

    def join(self, *, name: str | None = None) -> None:
        expect(self.heading("Join Virtual Coffee")).to_be_visible()
        if name is not None:
            self.page.get_by_label("Your name").fill(name)
        self.page.get_by_role("checkbox").check()
        self.page.get_by_role("button", name="Join").click()
        expect(self.heading("Join Virtual Coffee")).to_have_count(0)
