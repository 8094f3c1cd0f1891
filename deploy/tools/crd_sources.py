"""Where each vendored CRD comes from, and refreshing them from the pinned releases.

python -m deploy.tools.crd_sources --git-dir OWNER/NAME=PATH_TO_GIT_DIR [...]

Every file in deploy/crds/ is the release's file byte for byte after a two-line header naming
the repository, the tag, the path and the git blob id of the body, so a test can tell that the
file is what that release ships and that the tag is the one deploy/versions.env pins.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DEPLOY_ROOT = Path(__file__).resolve().parent.parent
CRD_DIR = DEPLOY_ROOT / "crds"
VERSIONS_FILE = DEPLOY_ROOT / "versions.env"
HEADER = re.compile(
    r"^# Vendored from (?P<repository>\S+) (?P<tag>\S+) (?P<path>\S+)\n"
    r"# git blob (?P<blob>[0-9a-f]{40}); refresh with python -m deploy.tools.crd_sources\n"
)


@dataclass(frozen=True)
class CrdSource:
    """One CRD file of one release; `version_variable` names its pin in deploy/versions.env."""

    file_name: str
    repository: str
    path: str
    version_variable: str
    # ACK tags its releases v<chart version>; Argo CD's pin already starts with v.
    tag_prefix: str = "v"

    def tag(self, versions: dict[str, str]) -> str:
        version = versions[self.version_variable]
        return version if version.startswith("v") else f"{self.tag_prefix}{version}"


def _ack(service: str, kind_plural: str, variable: str) -> CrdSource:
    name = f"{service}.services.k8s.aws_{kind_plural}.yaml"
    return CrdSource(
        file_name=name,
        repository=f"aws-controllers-k8s/{service}-controller",
        # The chart's copy: what `helm install` of the pinned chart puts in the cluster.
        path=f"helm/crds/{name}",
        version_variable=variable,
    )


def _prometheus_operator(kind_plural: str) -> CrdSource:
    name = f"monitoring.coreos.com_{kind_plural}.yaml"
    return CrdSource(
        file_name=name,
        repository="prometheus-operator/prometheus-operator",
        path=f"example/prometheus-operator-crd/{name}",
        version_variable="PROMETHEUS_OPERATOR_VERSION",
    )


SOURCES: tuple[CrdSource, ...] = (
    _ack("dynamodb", "tables", "ACK_DYNAMODB_CHART_VERSION"),
    _ack("elasticache", "cachesubnetgroups", "ACK_ELASTICACHE_CHART_VERSION"),
    _ack("elasticache", "replicationgroups", "ACK_ELASTICACHE_CHART_VERSION"),
    _ack("iam", "policies", "ACK_IAM_CHART_VERSION"),
    _ack("iam", "roles", "ACK_IAM_CHART_VERSION"),
    _ack("ses", "configurationsets", "ACK_SES_CHART_VERSION"),
    CrdSource(
        file_name="argoproj.io_applicationsets.yaml",
        repository="argoproj/argo-cd",
        path="manifests/crds/applicationset-crd.yaml",
        version_variable="ARGOCD_VERSION",
    ),
    CrdSource(
        file_name="argoproj.io_appprojects.yaml",
        repository="argoproj/argo-cd",
        path="manifests/crds/appproject-crd.yaml",
        version_variable="ARGOCD_VERSION",
    ),
    _prometheus_operator("servicemonitors"),
    _prometheus_operator("prometheusrules"),
)


@dataclass(frozen=True)
class VendoredHeader:
    repository: str
    tag: str
    path: str
    blob: str
    body: bytes


def read_versions(path: Path = VERSIONS_FILE) -> dict[str, str]:
    """KEY=value lines of versions.env (comments and blank lines skipped)."""
    versions = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            versions[key.strip()] = value.strip()
    return versions


def git_blob_id(content: bytes) -> str:
    """The id git gives this content as a blob (what `git hash-object` prints)."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).hexdigest()


def header_of(path: Path) -> VendoredHeader | None:
    raw = path.read_bytes()
    found = HEADER.match(raw.decode("utf-8"))
    if found is None:
        return None
    body = raw[len(found.group(0).encode("utf-8")) :]
    return VendoredHeader(
        repository=found["repository"],
        tag=found["tag"],
        path=found["path"],
        blob=found["blob"],
        body=body,
    )


def vendoring_problems(
    *, versions: dict[str, str], crd_dir: Path = CRD_DIR, sources: Sequence[CrdSource] = SOURCES
) -> list[str]:
    """Why the vendored files are not exactly the pinned releases' files; empty when they are."""
    problems = []
    known = {source.file_name for source in sources}
    for extra in sorted(p.name for p in crd_dir.glob("*.yaml") if p.name not in known):
        problems.append(f"{extra}: not a known CRD source (add it to deploy/tools/crd_sources.py)")
    for source in sources:
        path = crd_dir / source.file_name
        if not path.is_file():
            problems.append(f"{source.file_name}: missing")
            continue
        header = header_of(path)
        if header is None:
            problems.append(f"{source.file_name}: no '# Vendored from' header")
            continue
        expected_tag = source.tag(versions)
        if header.tag != expected_tag:
            problems.append(
                f"{source.file_name}: vendored from {header.tag}, but deploy/versions.env pins "
                f"{source.version_variable}={versions[source.version_variable]} ({expected_tag})"
            )
        if (header.repository, header.path) != (source.repository, source.path):
            problems.append(
                f"{source.file_name}: vendored from {header.repository} {header.path}, "
                f"expected {source.repository} {source.path}"
            )
        if git_blob_id(header.body) != header.blob:
            problems.append(f"{source.file_name}: changed since it was vendored (blob differs)")
    return problems


def vendor(*, source: CrdSource, git_dir: Path, tag: str, crd_dir: Path = CRD_DIR) -> Path:
    """Writes the release's file with its header; fails when the tag or the file is absent."""
    body = subprocess.run(
        ["git", f"--git-dir={git_dir}", "show", f"{tag}:{source.path}"],
        capture_output=True,
        check=True,
    ).stdout
    header = (
        f"# Vendored from {source.repository} {tag} {source.path}\n"
        f"# git blob {git_blob_id(body)}; refresh with python -m deploy.tools.crd_sources\n"
    )
    target = crd_dir / source.file_name
    target.write_bytes(header.encode("utf-8") + body)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.tools.crd_sources")
    parser.add_argument(
        "--git-dir",
        action="append",
        default=[],
        metavar="OWNER/NAME=PATH",
        help="a clone (or bare git directory) of each source repository",
    )
    args = parser.parse_args(argv)
    git_dirs = dict(item.split("=", 1) for item in args.git_dir)
    versions = read_versions()
    missing = sorted({s.repository for s in SOURCES} - set(git_dirs))
    if missing:
        print(f"error MISSING_KEY: pass --git-dir for {', '.join(missing)}", file=sys.stderr)
        return 2
    for source in SOURCES:
        tag = source.tag(versions)
        path = vendor(source=source, git_dir=Path(git_dirs[source.repository]), tag=tag)
        print(f"{path.name}: {source.repository} {tag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
