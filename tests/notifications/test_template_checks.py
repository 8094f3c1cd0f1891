"""Checking a template in the API process parses it and reads its names, never runs it."""

from __future__ import annotations

import time

import pytest

from notifications.match_templates import sample_context
from notifications.templates import InvalidTemplate, check_source

# Each is a constant expression costing seconds and a gigabyte when worked out; Jinja's code
# generator works such expressions out while listing a template's names.
COSTLY_CONSTANTS = [
    "{{ '%0999999999d' % 1 }}",
    "{{ 'x'|center(999999999) }}",
    "{% if ('%0999999999d' % 1) %}y{% endif %}",
    "{{ ('x'|center(999999999))|length }}",
]


@pytest.mark.parametrize("source", COSTLY_CONSTANTS)
def test_a_costly_constant_is_checked_without_being_worked_out(source: str) -> None:
    started = time.process_time()
    check_source(field="text", source=source, known=sample_context())
    assert time.process_time() - started < 0.5


def test_names_are_still_read_in_every_branch() -> None:
    source = "{% if 1 + 1 == 3 %}{{ secret }}{% endif %}{{ '%d' % 2 }} {{ reader.name }}"
    with pytest.raises(InvalidTemplate) as refused:
        check_source(field="text", source=source, known=sample_context())
    assert refused.value.reason == "UNKNOWN_VARIABLES"
    assert "secret" in str(refused.value)


@pytest.mark.parametrize(
    "source",
    [
        "{{ " + "(" * 150 + "1" + ")" * 150 + " }}",
        "{%if 1%}" * 580 + "{%endif%}" * 580,
        "{{ reader" + "|e" * 4900 + " }}",
    ],
    ids=["brackets", "tags", "filters"],
)
def test_a_deeply_nested_template_is_refused_naming_the_part(source: str) -> None:
    with pytest.raises(InvalidTemplate) as refused:
        check_source(field="text", source=source, known=sample_context())
    assert (refused.value.field, refused.value.reason) == ("text", "TOO_DEEP")
