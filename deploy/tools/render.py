"""Command line for instance overlays: check, write, verify (run with the project's venv python).

python -m deploy.tools.render check team-a     # validate, render in a scratch folder, report
python -m deploy.tools.render write team-a     # the same, then put the overlay in place
python -m deploy.tools.render verify           # every committed overlay is current and valid
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from deploy.tools import kustomize
from deploy.tools.argocd import argocd_drift, write_argocd
from deploy.tools.cluster import Cluster, load_cluster
from deploy.tools.crd_sources import read_versions, vendoring_problems
from deploy.tools.errors import DeployError, DeployErrorCode
from deploy.tools.instance import Instance, instance_name, is_instance_name, load_instance
from deploy.tools.overlay import DEPLOY_ROOT, render_overlay
from deploy.tools.policy import policy_problems
from deploy.tools.schemas import schema_problems

INSTANCES_DIR = DEPLOY_ROOT / "instances"
CLUSTER_FILE = DEPLOY_ROOT / "cluster.yaml"
ARGOCD_DIR = DEPLOY_ROOT / "argocd"


def validate_rendered(resources: list[dict[str, Any]], *, what: str) -> None:
    """Refuses resources the API server would reject or that break the workload rules."""
    problems = schema_problems(resources)
    if problems:
        raise DeployError(DeployErrorCode.SCHEMA_VIOLATION, [f"{what}: {p}" for p in problems])
    problems = policy_problems(resources)
    if problems:
        raise DeployError(DeployErrorCode.POLICY_VIOLATION, [f"{what}: {p}" for p in problems])


def _write_files(directory: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        (directory / name).write_text(content, encoding="utf-8")


def _load(name: str, instances_dir: Path, cluster_file: Path) -> tuple[Instance, Cluster]:
    if not is_instance_name(name):
        raise DeployError(
            DeployErrorCode.INVALID_VALUE,
            [f"'{name}' is not an instance name (lower-case letters, digits and hyphens)"],
        )
    cluster = load_cluster(cluster_file)
    instance = load_instance(instances_dir / f"{name}.yaml")
    return instance, cluster


def stage_overlay(
    *, name: str, instances_dir: Path, cluster_file: Path, purge: bool = False
) -> tuple[Path, list[dict[str, Any]]]:
    """Renders and validates the overlay beside its final place; the caller moves or drops it.

    The scratch folder is a sibling of the real overlay so that the relative paths to the
    base inside it are the ones the real overlay will have.
    """
    instance, cluster = _load(name, instances_dir, cluster_file)
    final = instances_dir / name
    staged = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=instances_dir))
    try:
        files = render_overlay(instance=instance, cluster=cluster, out_dir=final, purge=purge)
        _write_files(staged, files)
        resources = kustomize.build(staged)
        validate_rendered(resources, what=f"instance {name}")
    except BaseException:
        shutil.rmtree(staged)
        raise
    return staged, resources


def write_overlay(
    *, name: str, instances_dir: Path, cluster_file: Path, purge: bool = False
) -> Path:
    """Puts a validated overlay in place; on any error nothing under instances_dir changes."""
    staged, _ = stage_overlay(
        name=name, instances_dir=instances_dir, cluster_file=cluster_file, purge=purge
    )
    final = instances_dir / name
    try:
        if final.exists():
            shutil.rmtree(final)
        staged.rename(final)
    finally:
        if staged.exists():
            shutil.rmtree(staged)
    return final


def overlay_drift(*, name: str, instances_dir: Path, cluster_file: Path) -> list[str]:
    """Files of the committed overlay that differ from what the generator produces now."""
    instance, cluster = _load(name, instances_dir, cluster_file)
    final = instances_dir / name
    expected = render_overlay(instance=instance, cluster=cluster, out_dir=final)
    drift = []
    for file_name, content in expected.items():
        path = final / file_name
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            drift.append(str(path.relative_to(instances_dir.parent)))
    if final.is_dir():
        extra = sorted({p.name for p in final.iterdir()} - set(expected))
        drift += [str((final / e).relative_to(instances_dir.parent)) for e in extra]
    return drift


def instance_names(instances_dir: Path) -> list[str]:
    return sorted(instance_name(p) for p in instances_dir.glob("*.yaml"))


def verify(*, instances_dir: Path, cluster_file: Path, argocd_dir: Path = ARGOCD_DIR) -> list[str]:
    """The CRDs are the pinned releases', every committed overlay is current and valid."""
    problems = vendoring_problems(versions=read_versions())
    if problems:
        raise DeployError(DeployErrorCode.CRD_NOT_PINNED, problems)
    report = ["crds: the releases pinned in deploy/versions.env"]
    for name in instance_names(instances_dir):
        drift = overlay_drift(name=name, instances_dir=instances_dir, cluster_file=cluster_file)
        if drift:
            raise DeployError(
                DeployErrorCode.OVERLAY_OUT_OF_DATE,
                [f"{path} differs from deploy/instances/{name}.yaml" for path in drift]
                + [f"run `make deploy INSTANCE={name}` to regenerate it"],
            )
        resources = kustomize.build(instances_dir / name)
        validate_rendered(resources, what=f"instance {name}")
        report.append(f"instance {name}: {len(resources)} resources valid")
    drift = argocd_drift(cluster=load_cluster(cluster_file), argocd_dir=argocd_dir)
    if drift:
        raise DeployError(
            DeployErrorCode.OVERLAY_OUT_OF_DATE,
            [f"deploy/argocd/{name} differs from deploy/cluster.yaml" for name in drift]
            + [
                "run `python -m deploy.tools.render write-argocd` (or make deploy) to regenerate it"
            ],
        )
    resources = kustomize.build(argocd_dir)
    validate_rendered(resources, what="argocd")
    report.append(f"argocd: {len(resources)} resources valid")
    return report


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m deploy.tools.render")
    parser.add_argument("--instances-dir", type=Path, default=INSTANCES_DIR)
    parser.add_argument("--cluster-file", type=Path, default=CLUSTER_FILE)
    commands = parser.add_subparsers(dest="command", required=True)
    for command in ("check", "write"):
        sub = commands.add_parser(command)
        sub.add_argument("instance")
        sub.add_argument(
            "--purge",
            action="store_true",
            help="render the table without deletion protection, to be deleted with the instance",
        )
    commands.add_parser("verify")
    commands.add_parser("write-argocd", help="deploy/argocd/ patches from deploy/cluster.yaml")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    paths = {"instances_dir": args.instances_dir, "cluster_file": args.cluster_file}
    try:
        if args.command == "check":
            staged, resources = stage_overlay(name=args.instance, purge=args.purge, **paths)
            shutil.rmtree(staged)
            kinds = sorted({str(r["kind"]) for r in resources})
            print(
                f"instance {args.instance}: {len(resources)} valid resources ({', '.join(kinds)})"
            )
        elif args.command == "write-argocd":
            for path in write_argocd(
                cluster=load_cluster(args.cluster_file), argocd_dir=ARGOCD_DIR
            ):
                print(f"argocd: {path.name} written from {args.cluster_file.name}")
        elif args.command == "write":
            final = write_overlay(name=args.instance, purge=args.purge, **paths)
            print(f"instance {args.instance}: overlay written to {final}")
        else:
            for line in verify(**paths):
                print(line)
    except DeployError as exc:
        print(exc.report(), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
