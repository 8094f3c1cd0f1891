"""Validating rendered resources: Kubernetes kinds with kubernetes-validate, others with CRDs."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import yaml

CRD_DIR = Path(__file__).resolve().parent.parent / "crds"
# The oldest Kubernetes version this deployment supports on EKS.
KUBERNETES_VERSION = "1.31"


def _closed(schema: Any) -> Any:
    """A structural schema as the API server applies it with strict field validation.

    Unknown fields are refused unless the schema preserves them; `nullable` admits null and
    `x-kubernetes-int-or-string` an integer or a string, which plain JSON Schema does not know.
    CEL rules (`x-kubernetes-validations`) are not evaluated here.
    """
    if isinstance(schema, list):
        return [_closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    closed = {
        key: (
            {name: _closed(value) for name, value in schema[key].items()}
            if key == "properties"
            else _closed(value)
        )
        for key, value in schema.items()
    }
    if closed.get("x-kubernetes-int-or-string"):
        closed.pop("type", None)
        closed["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if closed.get("nullable") and isinstance(closed.get("type"), str):
        closed["type"] = [closed["type"], "null"]
    if (
        "properties" in closed
        and "additionalProperties" not in closed
        and not closed.get("x-kubernetes-preserve-unknown-fields")
    ):
        closed["additionalProperties"] = False
    return closed


@cache
def crd_schemas() -> dict[tuple[str, str], dict[str, Any]]:
    """(apiVersion, kind) to the strict schema of every vendored CRD version."""
    schemas: dict[tuple[str, str], dict[str, Any]] = {}
    for path in sorted(CRD_DIR.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for crd in yaml.load_all(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if not crd:
                continue
            group = crd["spec"]["group"]
            kind = crd["spec"]["names"]["kind"]
            for version in crd["spec"]["versions"]:
                schema = _closed(version["schema"]["openAPIV3Schema"])
                schemas[(f"{group}/{version['name']}", kind)] = schema
    return schemas


def _name(resource: dict[str, Any]) -> str:
    return f"{resource.get('kind')}/{resource.get('metadata', {}).get('name')}"


def problems_of(resource: dict[str, Any]) -> list[str]:
    """Why the API server would refuse this resource; empty when it would accept it."""
    key = (str(resource.get("apiVersion")), str(resource.get("kind")))
    schema = crd_schemas().get(key)
    if schema is not None:
        validator = jsonschema.Draft7Validator(schema)
        return [
            f"{_name(resource)}: {'.'.join(str(p) for p in error.absolute_path) or '(root)'}: "
            f"{error.message}"
            for error in validator.iter_errors(resource)
        ]
    try:
        kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as exc:
        path = ".".join(str(p) for p in exc.path) or "(root)"
        return [f"{_name(resource)}: {path}: {exc.message}"]
    except kubernetes_validate.SchemaNotFoundError:
        return [
            f"{_name(resource)}: no schema for {key[0]} {key[1]}: neither a Kubernetes kind "
            f"nor a CRD vendored under deploy/crds/"
        ]
    return []


def schema_problems(resources: Iterable[dict[str, Any]]) -> list[str]:
    return [problem for resource in resources for problem in problems_of(resource)]
