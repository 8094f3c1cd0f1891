"""GraphiQL for admins: served by us, runs as the signed-in admin, inside the page's CSP."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, Request, expect

from tests.e2e.checks import visit
from tests.e2e.pages.admin import AdminGraphiQLPage, AdminUsersPage
from tests.e2e.pages.sign_in import SignInPage
from tests.e2e.people import ADMIN, Person

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Init scripts run through the debugging protocol, outside the page's CSP.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} ${event.blockedURI}`);
});
"""


def violations(page: Page) -> list[str]:
    found: list[str] = page.evaluate("() => window.__cspViolations ?? []")
    return found


@pytest.mark.timeout(300)
def test_an_admin_runs_a_query_as_themself_in_graphiql(
    app_url: str, people: dict[str, Person], new_context: Callable[..., BrowserContext]
) -> None:
    assert ADMIN.subject in people
    context = new_context(time_zone=ADMIN.time_zone)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    users = AdminUsersPage(page, base_url=app_url)
    users.open()
    SignInPage(page, base_url=app_url).sign_in(subject=ADMIN.subject)
    expect(users.rows().first).to_be_visible()
    # Signed in: from here on, nothing may come from another origin.
    third_party: list[str] = []
    page.on(
        "request",
        lambda request: (
            third_party.append(request.url)
            if not request.url.startswith((app_url, "data:", "blob:"))
            else None
        ),
    )

    graphiql = AdminGraphiQLPage(page, base_url=app_url)
    graphiql.navigate("GraphiQL")
    expect(graphiql.editor()).to_be_visible()
    expect(page.get_by_text("deploymentConfig").first).to_be_visible()

    def is_query(request: Request) -> bool:
        return request.url.endswith("/graphql") and "query Deployment" in (request.post_data or "")

    with page.expect_request(is_query) as sent:
        graphiql.run_query()
    assert re.fullmatch(r"Bearer \S+", sent.value.headers.get("authorization", ""))
    expect(page.locator(".graphiql-response")).to_contain_text('"activePeople"')
    assert "errors" not in graphiql.response_text()

    assert violations(page) == [], "the page CSP refused something the editor needed"
    assert third_party == [], "GraphiQL loads nothing from other origins"
    visit(graphiql, "admin-graphiql")

    # Other pages keep the strict policy: a <style> element is refused there.
    users.navigate("Users")
    expect(users.rows().first).to_be_visible()
    page.goto(app_url + "/admin/users")
    expect(users.rows().first).to_be_visible()
    page.evaluate(
        "() => { const s = document.createElement('style'); s.textContent = 'p{}';"
        " document.head.append(s); }"
    )
    page.wait_for_function(
        "() => window.__cspViolations.includes('style-src-elem inline')", timeout=5_000
    )
