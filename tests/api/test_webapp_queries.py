"""What the web app reads from the server: next runs of a schedule, ratings, roles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.api.conftest import Api

RUNS = """query($schedule: String!, $timeZone: String!, $first: Int!) {
  schedulePreview(schedule: $schedule, timeZone: $timeZone, first: $first) }"""


async def test_admins_preview_the_next_runs_of_a_schedule_in_its_zone(api: Api) -> None:
    admin = await api.person("root", admin=True)
    variables = {"schedule": "30 10 * * tue", "timeZone": "Europe/Berlin", "first": 3}
    runs = (await api.data(RUNS, variables, as_=admin))["schedulePreview"]
    moments = [datetime.fromisoformat(run) for run in runs]
    assert len(moments) == 3
    assert moments == sorted(moments)
    assert moments[0] > datetime.now(UTC)
    for moment in moments:
        assert moment.utcoffset() in (timedelta(hours=1), timedelta(hours=2))
        assert (moment.weekday(), moment.hour, moment.minute) == (1, 10, 30)


async def test_a_bad_schedule_zone_or_count_is_refused_with_its_field(api: Api) -> None:
    admin, member = await api.person("root", admin=True), await api.person("ada")
    good = {"schedule": "0 9 * * mon", "timeZone": "UTC", "first": 5}
    for bad, field in (
        ({"schedule": "every monday"}, "schedule"),
        ({"timeZone": "Mars/Olympus"}, "timeZone"),
        ({"first": 500}, "first"),
    ):
        error = await api.error(RUNS, {**good, **bad}, as_=admin)
        assert error["extensions"]["code"] == "BAD_USER_INPUT", error
        assert field in error["extensions"]["fields"], error
    refused = await api.error(RUNS, good, as_=member)
    assert refused["extensions"]["code"] == "FORBIDDEN"


async def test_the_figures_carry_the_mean_rating_of_rated_answers(api: Api) -> None:
    admin = await api.person("root", admin=True)
    ada, bob, cy, dan = [await api.person(name) for name in ("ada", "bob", "cy", "dan")]
    stats = "{ stats { ratings averageRating } }"
    assert (await api.data(stats, as_=admin))["stats"] == {"ratings": 0, "averageRating": None}
    first, second = await api.completed_round("2026-11-30", [[ada.id, bob.id], [cy.id, dan.id]])
    feedback = "mutation($input: FeedbackInput!) { submitFeedback(input: $input) { rating } }"
    for person, match, rating in ((ada, first, 5), (bob, first, None), (cy, second, 2)):
        answer = {"matchId": match, "outcome": "MET", "rating": rating}
        await api.data(feedback, {"input": answer}, as_=person)
    assert (await api.data(stats, as_=admin))["stats"] == {"ratings": 2, "averageRating": 3.5}


async def test_admins_by_email_address_are_listed_as_admins(api: Api) -> None:
    root = await api.person("root", admin=True)
    ada, bob = await api.person("ada"), await api.person("bob")
    update = """mutation($input: DeploymentConfigInput!) {
      updateDeploymentConfig(input: $input) { adminEmails } }"""
    await api.data(
        update,
        {"input": {"adminEmails": [root.profile.email, ada.profile.email.upper()]}},
        as_=root,
    )
    listed = await api.data("{ users(first: 50) { items { id role } } }", as_=root)
    roles = {item["id"]: item["role"] for item in listed["users"]["items"]}
    assert (roles[root.id], roles[ada.id], roles[bob.id]) == ("ADMIN", "ADMIN", "MEMBER")
