"""Conversion between plain Python values and DynamoDB's typed attribute values."""

from __future__ import annotations

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
    ((kind, value),) = attribute.items()
    if kind == "S":
        return value
    if kind == "N":
        number = str(value)
        return float(number) if any(mark in number for mark in ".eE") else int(number)
    if kind == "BOOL":
        return bool(value)
    if kind == "NULL":
        return None
    if kind == "M":
        return {key: from_attribute(inner) for key, inner in value.items()}
    if kind == "L":
        return [from_attribute(inner) for inner in value]
    if kind in ("SS", "NS", "BS"):
        return [from_attribute({kind[0]: inner}) for inner in value]
    if kind == "B":
        return bytes(value)
    raise TypeError(f"unknown DynamoDB attribute type {kind}")


def to_item(values: Mapping[str, Any]) -> dict[str, AttributeValue]:
    """Drops None values: an absent attribute reads back as the model's default."""
    return {key: to_attribute(value) for key, value in values.items() if value is not None}


def from_item(item: Mapping[str, Mapping[str, Any]]) -> Item:
    return {key: from_attribute(value) for key, value in item.items()}


def to_values(values: Mapping[str, Any]) -> dict[str, AttributeValue]:
    """ExpressionAttributeValues, where None must stay as NULL rather than vanish."""
    return {key: to_attribute(value) for key, value in values.items()}
