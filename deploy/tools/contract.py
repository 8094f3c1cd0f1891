"""What an instance's pods will run with: its rendered settings loaded by the application itself.

python -m deploy.tools.contract check team-a < secret.json   # the Secret's keys as a JSON object

The ConfigMap comes from the rendered overlay, the Secret from what `make setup-secrets` would
write, and the container's own `env` from the Deployment; they are combined as the kubelet does
(envFrom in order, then env) and handed to `config.settings.Settings` in a fresh process, so
an unknown or misspelt variable, a missing sender or a bad value fails here, before a pod does.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from deploy.tools import kustomize
from deploy.tools.errors import DeployError, DeployErrorCode
from deploy.tools.instance import Instance, load_instance

SECRET_NAME = "vcoffee-secrets"  # noqa: S105 (a name, not a secret)
# What the Secrets Manager secret vcoffee/<name> must hold for every instance.
BASE_SECRET_KEYS = ("VCOFFEE_JWT_SIGNING_KEYS", "VCOFFEE_SESSION_SECRET", "VCOFFEE_OIDC_PROVIDERS")
REDIS_URL = "VCOFFEE_REDIS_URL"
_LOAD = "import json; from config.settings import Settings; print(Settings().model_dump_json())"


def required_secret_keys(instance: Instance) -> tuple[str, ...]:
    """With ElastiCache the Redis URL carries the AUTH token, so it lives in the Secret."""
    if instance.redis == "elasticache":
        return (*BASE_SECRET_KEYS, REDIS_URL)
    return BASE_SECRET_KEYS


def _one(resources: Sequence[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    for resource in resources:
        if resource["kind"] == kind and resource["metadata"]["name"] == name:
            return resource
    raise DeployError(DeployErrorCode.RENDER_FAILED, [f"the overlay renders no {kind}/{name}"])


def pod_environment(
    *,
    resources: Sequence[dict[str, Any]],
    workload: str,
    secret: Mapping[str, str],
    kind: str = "Deployment",
) -> dict[str, str]:
    """The environment of the workload's first container, as the kubelet would build it."""
    pod = _one(resources, kind, workload)["spec"]["template"]["spec"]
    container = pod["containers"][0]
    environment: dict[str, str] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            config_map = _one(resources, "ConfigMap", source["configMapRef"]["name"])
            environment.update(config_map.get("data", {}))
        elif "secretRef" in source:
            if source["secretRef"]["name"] != SECRET_NAME:
                raise DeployError(
                    DeployErrorCode.RENDER_FAILED,
                    [f"{kind}/{workload} reads an unexpected Secret"],
                )
            environment.update(secret)
    for variable in container.get("env", []):
        environment[variable["name"]] = str(variable["value"])
    return environment


def load_settings(environment: Mapping[str, str]) -> dict[str, Any]:
    """The application's settings for exactly this environment (secrets masked)."""
    result = subprocess.run(
        [sys.executable, "-c", _LOAD],
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **environment},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        raise DeployError(DeployErrorCode.SETTINGS_REFUSED, lines[-3:] or ["no output"])
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def check(
    *, instance: Instance, overlay: Path, secret: Mapping[str, str], pending: Sequence[str] = ()
) -> dict[str, dict[str, Any]]:
    """Settings of the API, the worker and the bootstrap Job; refuses missing Secret keys."""
    missing = [k for k in required_secret_keys(instance) if k not in secret and k not in pending]
    if missing:
        raise DeployError(
            DeployErrorCode.MISSING_KEY,
            [f"the Secret {SECRET_NAME} lacks {key}" for key in missing],
        )
    resources = kustomize.build(overlay)
    workloads = (("api", "Deployment"), ("worker", "Deployment"), ("seed-config", "Job"))
    return {
        name: load_settings(
            pod_environment(resources=resources, workload=name, secret=secret, kind=kind)
        )
        for name, kind in workloads
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.tools.contract")
    parser.add_argument("--instances-dir", type=Path, default=Path("deploy/instances"))
    commands = parser.add_subparsers(dest="command", required=True)
    sub = commands.add_parser("check", help="read the Secret's keys (JSON object) on stdin")
    sub.add_argument("instance")
    sub.add_argument("--pending", action="append", default=[], help="a key written later")
    args = parser.parse_args(argv)
    try:
        instance = load_instance(args.instances_dir / f"{args.instance}.yaml")
        data = json.loads(sys.stdin.read() or "{}")
        secret = {k: str(v) for k, v in data.items() if k.startswith("VCOFFEE_")}
        settings = check(
            instance=instance,
            overlay=args.instances_dir / args.instance,
            secret=secret,
            pending=args.pending,
        )
    except DeployError as exc:
        print(exc.report(), file=sys.stderr)
        return 2
    api = settings["api"]
    email = f"SES from {api['ses_sender']}" if api["ses_enabled"] else "email off"
    print(
        f"instance {args.instance}: settings load; table {api['table_name']}, {email}, "
        f"schedule '{api['match_schedule']}' {api['match_time_zone']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
