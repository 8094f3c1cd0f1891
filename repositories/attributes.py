"""Conversion between plain Python values and DynamoDB's typed attribute values."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

AttributeValue = dict[str, Any]
Item = dict[str, Any]


def to_attribute(value: Any) -> AttributeValue:
    # bool before int: bool is a subclass of int.
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, int | float | Decimal):
        return {"N": str(value)}
    if isinstance(value, Mapping):
        return {"M": {str(key): to_attribute(inner) for key, inner in value.items()}}
    if isinstance(value, list | tuple | set | frozenset):
        return {"L": [to_attribute(inner) for inner in value]}
    if isinstance(value, bytes):
        return {"B": value}
    raise TypeError(f"cannot store a value of type {type(value).__name__} in DynamoDB")


def from_attribute(attribute: Mapping[str, Any]) -> Any:
    # Probed most common type first: this runs for every attribute of every item read.
    value = attribute.get("S")
    if value is not None:
        return value
    value = attribute.get("M")
    if value is not None:
        return {key: from_attribute(inner) for key, inner in value.items()}
    value = attribute.get("L")
    if value is not None:
        return [from_attribute(inner) for inner in value]
    value = attribute.get("N")
    if value is not None:
        return float(value) if ("." in value or "e" in value or "E" in value) else int(value)
    if "BOOL" in attribute:
        return bool(attribute["BOOL"])
    if "NULL" in attribute:
        return None
    for kind in ("SS", "NS", "BS"):
        if kind in attribute:
            return [from_attribute({kind[0]: inner}) for inner in attribute[kind]]
    if "B" in attribute:
        return binary(attribute["B"])
    raise TypeError(f"unknown DynamoDB attribute type {sorted(attribute)}")


def binary(value: str | bytes | bytearray) -> bytes:
    """A binary value: base64 text as DynamoDB sends it, or bytes as botocore decodes it."""
    if isinstance(value, str):
        return base64.b64decode(value, validate=True)
    return bytes(value)


def to_item(values: Mapping[str, Any]) -> dict[str, AttributeValue]:
    """Drops None values: an absent attribute reads back as the model's default."""
    return {key: to_attribute(value) for key, value in values.items() if value is not None}


def from_item(item: Mapping[str, Mapping[str, Any]]) -> Item:
    return {key: from_attribute(value) for key, value in item.items()}


def to_values(values: Mapping[str, Any]) -> dict[str, AttributeValue]:
    """ExpressionAttributeValues, where None must stay as NULL rather than vanish."""
    return {key: to_attribute(value) for key, value in values.items()}
