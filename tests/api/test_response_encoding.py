"""Results leave as compact JSON text, whatever string they hold."""

from __future__ import annotations

import json

from vcoffee.graphql_view import GraphQLView


def test_a_result_is_compact_json_text() -> None:
    view = object.__new__(GraphQLView)
    data = {"data": {"me": {"name": "Zoë 珈琲", "share": 1.5, "list": [1, None, True]}}}
    encoded = view.encode_json(data)
    assert isinstance(encoded, str)  # sockets get text frames, which the web app parses
    assert encoded == '{"data":{"me":{"name":"Zoë 珈琲","share":1.5,"list":[1,null,true]}}}'
    assert json.loads(encoded) == data


def test_a_string_that_is_not_unicode_text_still_encodes() -> None:
    view = object.__new__(GraphQLView)
    data = {"data": {"name": "half a pair \ud800"}}
    encoded = view.encode_json(data)
    assert encoded == '{"data":{"name":"half a pair \\ud800"}}'
    assert json.loads(encoded) == data
