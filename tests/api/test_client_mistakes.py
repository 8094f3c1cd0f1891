"""A client's mistake answers BAD_USER_INPUT naming the field, and is logged at INFO only."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.api.conftest import Api

CONFIG_SIZE = (
    "mutation($n: Int!) { updateDeploymentConfig(input: {meetingSize: $n}) { meetingSize } }"
)
PREFERENCES = (
    "mutation($t: String!, $m: Int!) { updatePreferences(input: "
    "{availability: [], topics: [], meetingLength: $m, timeZone: $t}) { id } }"
)
PAUSE = "mutation($d: Date) { pause(until: $d) { id } }"
CONFIG_ZONE = "mutation($t: String!) { updateDeploymentConfig(input: {timeZone: $t}) { timeZone } }"

CASES: list[tuple[str, str, dict[str, Any] | None, str]] = [
    ("typed-variable", CONFIG_SIZE, {"n": "abc"}, "n"),
    ("int-overflow-variable", CONFIG_SIZE, {"n": 2**31}, "n"),
    (
        "int-overflow-literal",
        "mutation { updateDeploymentConfig(input: {meetingSize: 2147483648}) { meetingSize } }",
        None,
        "input.meetingSize",
    ),
    ("length-overflow", PREFERENCES, {"t": "UTC", "m": 2**31}, "m"),
    ("date-year-10000", PAUSE, {"d": "10000-01-01"}, "d"),
    ("date-word", PAUSE, {"d": "tomorrow"}, "d"),
    ("date-literal", 'mutation { pause(until: "tomorrow") { id } }', None, "until"),
    ("date-past", PAUSE, {"d": "1999-01-01"}, "until"),
    ("zone-too-long", CONFIG_ZONE, {"t": "A" * 5000}, "timeZone"),
    ("zone-too-long-preferences", PREFERENCES, {"t": "Europe/" + "A" * 5000, "m": 30}, "timeZone"),
    ("zone-directory", CONFIG_ZONE, {"t": "Europe"}, "timeZone"),
]


@pytest.mark.parametrize(
    ("query", "variables", "field"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
async def test_client_mistakes_are_bad_user_input_naming_the_field(
    api: Api,
    caplog: pytest.LogCaptureFixture,
    query: str,
    variables: dict[str, Any] | None,
    field: str,
) -> None:
    admin = await api.person("root", admin=True)
    before = await api.repositories.config.get()
    with caplog.at_level(logging.INFO):
        error = await api.error(query, variables, as_=admin)
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert field in error["extensions"]["fields"], error
    assert len(error["message"]) < 1000
    assert (await api.repositories.config.get()) == before
    refused = [record for record in caplog.records if record.name.startswith("schema")]
    assert refused, "the refusal is logged"
    for record in refused:
        assert record.levelno == logging.INFO
        assert record.exc_info is None
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
