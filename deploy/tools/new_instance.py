"""A new instance file from deploy/templates/instance.yaml, with its overlay rendered and checked.

python -m deploy.tools.new_instance team-b [--host coffee.team-b.example.com] [--redis in-cluster]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from string import Template

from deploy.tools.errors import DeployError, DeployErrorCode
from deploy.tools.instance import is_instance_name
from deploy.tools.overlay import DEPLOY_ROOT
from deploy.tools.render import CLUSTER_FILE, INSTANCES_DIR, instance_names, write_overlay

TEMPLATE = DEPLOY_ROOT / "templates" / "instance.yaml"


def instance_file_text(
    *,
    name: str,
    host: str | None = None,
    email_from: str | None = None,
    admin_email: str | None = None,
    time_zone: str = "UTC",
    image_tag: str = "0.1.0",
    redis: str = "elasticache",
) -> str:
    values = {
        "name": name,
        "host": host or f"coffee.{name}.example.com",
        "email_from": email_from or f"coffee@{name}.example.com",
        "admin_email": admin_email or f"lead@{name}.example.com",
        "time_zone": time_zone,
        "image_tag": image_tag,
        "redis": redis,
    }
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(values)


def new_instance(
    *, name: str, instances_dir: Path, cluster_file: Path, **values: str | None
) -> Path:
    """Writes <name>.yaml and its overlay; on any error neither is left behind."""
    if not is_instance_name(name):
        raise DeployError(
            DeployErrorCode.INVALID_VALUE,
            [f"'{name}' is not an instance name (lower-case letters, digits and hyphens)"],
        )
    path = instances_dir / f"{name}.yaml"
    if path.exists() or (instances_dir / name).exists():
        raise DeployError(
            DeployErrorCode.ALREADY_EXISTS,
            [f"{path} already exists; edit it and run `make deploy INSTANCE={name}`"],
        )
    given = {key: value for key, value in values.items() if value}
    path.write_text(instance_file_text(name=name, **given), encoding="utf-8")
    try:
        return write_overlay(name=name, instances_dir=instances_dir, cluster_file=cluster_file)
    except BaseException:
        path.unlink()
        raise


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.tools.new_instance")
    parser.add_argument("name")
    parser.add_argument("--instances-dir", type=Path, default=INSTANCES_DIR)
    parser.add_argument("--cluster-file", type=Path, default=CLUSTER_FILE)
    for option in ("host", "email-from", "admin-email", "time-zone", "image-tag", "redis"):
        parser.add_argument(f"--{option}", default=None)
    args = parser.parse_args(argv)
    try:
        overlay = new_instance(
            name=args.name,
            instances_dir=args.instances_dir,
            cluster_file=args.cluster_file,
            host=args.host,
            email_from=args.email_from,
            admin_email=args.admin_email,
            time_zone=args.time_zone,
            image_tag=args.image_tag,
            redis=args.redis,
        )
    except DeployError as exc:
        print(exc.report(), file=sys.stderr)
        return 2
    others = [n for n in instance_names(args.instances_dir) if n != args.name]
    print(f"instance {args.name}: {args.instances_dir / (args.name + '.yaml')} and {overlay}")
    print(f"  instances now: {', '.join([*others, args.name])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
