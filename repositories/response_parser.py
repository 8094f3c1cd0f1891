"""Reading DynamoDB's item answers as the JSON they are, without botocore's shape walk.

botocore turns every answer into Python by walking the operation's output shape, one call per
attribute value. For the data-plane operations below that walk changes nothing but binary
attribute values (base64 text to bytes), which `repositories.attributes.from_attribute` decodes
itself; on the items a page of matches with its people reads, the walk is most of the client's
CPU. Every other answer, and every error, is parsed by botocore as before.
"""

from __future__ import annotations

import json
from typing import Any

from aiobotocore.parsers import AioJSONParser, AioResponseParserFactory

# Output shapes whose members other than attribute values are strings, numbers, booleans and
# their lists and maps: no timestamps and no blobs (tests/repositories/test_response_parser.py
# walks the service model to keep this true).
PLAIN_JSON_OUTPUTS = frozenset(
    {
        "GetItemOutput",
        "PutItemOutput",
        "UpdateItemOutput",
        "DeleteItemOutput",
        "QueryOutput",
        "ScanOutput",
        "BatchGetItemOutput",
        "BatchWriteItemOutput",
        "TransactGetItemsOutput",
        "TransactWriteItemsOutput",
    }
)


class ItemJSONParser(AioJSONParser):
    """botocore's JSON protocol parser, with the item operations' answers taken as they come."""

    def _handle_json_body(self, raw_body: bytes, shape: Any) -> Any:
        if shape is not None and shape.name in PLAIN_JSON_OUTPUTS:
            return json.loads(raw_body) if raw_body else {}
        # The stubs leave out botocore's private parser methods and attributes.
        return super()._handle_json_body(raw_body, shape)  # type: ignore[misc]


class ItemParserFactory(AioResponseParserFactory):
    """Gives DynamoDB's JSON protocol the item parser; other protocols keep botocore's."""

    def create_parser(self, protocol_name: str) -> Any:
        if protocol_name == "json":
            return ItemJSONParser(**self._defaults)  # type: ignore[attr-defined]
        return super().create_parser(protocol_name)
