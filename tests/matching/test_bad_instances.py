"""Instances that break the contract: exit status 2 and one clear line on stderr."""

from __future__ import annotations

from typing import Any

import pytest

from matching.instance import InstanceError, parse_instance
from tests.matching.helpers import instance, people, run_command

CASES = [
    pytest.param(
        instance(participants=[{"id": "u1"}, {"id": "u1"}]), "duplicate_id", "'u1'", id="duplicate"
    ),
    pytest.param(
        instance(participants=[{"id": "u1", "timezone": "Mars/Olympus"}, {"id": "u2"}]),
        "unknown_timezone",
        "Mars/Olympus",
        id="timezone",
    ),
    pytest.param(
        instance(participants=[{"id": "u1", "availability": ["monday-9"]}, {"id": "u2"}]),
        "malformed_slot",
        "monday-9",
        id="slot",
    ),
    pytest.param(
        instance(participants=[{"id": "u1", "availability": ["mon-24"]}]),
        "malformed_slot",
        "mon-24",
        id="slot-hour",
    ),
    pytest.param(instance(group_size=1), "bad_group_size", "at least 2", id="group-size"),
    pytest.param(instance(group_size="2"), "invalid_field", "group_size", id="group-size-type"),
    pytest.param('{"round": "2026-11-30", ', "bad_json", "JSON", id="json"),
    pytest.param("[1, 2]", "bad_json", "object", id="json-array"),
    pytest.param(instance(colour="blue"), "unknown_field", "colour", id="unknown-field"),
    pytest.param(
        instance(participants=[{"id": "u1", "mood": "happy"}]),
        "unknown_field",
        "participants.0.mood",
        id="unknown-participant-field",
    ),
    pytest.param(
        {"group_size": 2, "participants": people(2)}, "missing_field", "round", id="no-round"
    ),
    pytest.param(instance(round="next monday"), "invalid_field", "round", id="bad-date"),
    pytest.param(instance(blocks=[["u1", "u1"]]), "bad_block", "u1", id="self-block"),
    pytest.param(
        instance(participants=people(2), blocks=[["u0", "u1"]]),
        "blocks_unsatisfiable",
        "'u0'",
        id="impossible-block",
    ),
]


@pytest.mark.parametrize(("raw", "code", "mentions"), CASES)
def test_bad_instance_exits_2_with_one_line(
    raw: str | dict[str, Any], code: str, mentions: str, tmp_path: Any
) -> None:
    status, out, err = run_command(raw, tmp_path)
    assert status == 2
    assert out == ""
    assert err.endswith("\n")
    assert err.count("\n") == 1
    assert f"[{code}]" in err
    assert mentions in err


def test_missing_file_exits_2(tmp_path: Any) -> None:
    import io

    from matching.command import run

    stderr = io.StringIO()
    status = run(source=str(tmp_path / "nope.json"), stdout=io.StringIO(), stderr=stderr)
    assert status == 2
    assert "[unreadable_input]" in stderr.getvalue()


def test_parse_instance_raises_a_coded_error() -> None:
    with pytest.raises(InstanceError) as caught:
        parse_instance({"round": "2026-11-30", "group_size": 0, "participants": []})
    assert caught.value.code == "bad_group_size"


def test_input_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import json

    from matching.command import run

    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(instance(participants=people(4)))))
    stdout = io.StringIO()
    assert run(source="-", stdout=stdout, stderr=io.StringIO()) == 0
    result = json.loads(stdout.getvalue())
    assert sorted(p for g in result["groups"] for p in g) == ["u0", "u1", "u2", "u3"]
    assert result["unmatched"] == []
    assert set(result) == {"groups", "unmatched", "quality", "suggested_times"}
