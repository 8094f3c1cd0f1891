"""Reproducible images: base images by digest, Python packages by hash, versions that fit."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from tests.deploy.conftest import REPO_ROOT, make

DOCKER = REPO_ROOT / "deploy" / "docker"
FRONTEND = REPO_ROOT / "frontend"
DIGEST = re.compile(r"^(?P<name>[a-z]+):(?P<version>\d+\.\d+\.\d+)-[a-z-]+@sha256:[0-9a-f]{64}$")


def _env_file(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def _arg_defaults(dockerfile: Path) -> dict[str, str]:
    text = dockerfile.read_text(encoding="utf-8")
    return dict(re.findall(r"^ARG (\w+_IMAGE)=(\S+)$", text, flags=re.MULTILINE))


def _version(image: str) -> str:
    found = DIGEST.fullmatch(image)
    assert found is not None, f"{image} is not name:x.y.z-variant@sha256:<digest>"
    return found["version"]


def _lock() -> dict[str, tuple[str, list[str]]]:
    """Package name to (version, hashes) of requirements.lock."""
    text = (REPO_ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries: dict[str, tuple[str, list[str]]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text.strip()):
        first = block.splitlines()[0]
        name, _, version = first.split(" ")[0].partition("==")
        entries[canonicalize_name(name.split("[")[0])] = (
            version.split(";")[0],
            re.findall(r"--hash=sha256:([0-9a-f]{64})", block),
        )
    return entries


def test_both_dockerfiles_take_the_pinned_base_images() -> None:
    pinned = _env_file(DOCKER / "base-images.env")
    assert set(pinned) == {"PYTHON_IMAGE", "NODE_IMAGE"}
    for name in ("api", "worker"):
        dockerfile = DOCKER / f"{name}.Dockerfile"
        defaults = _arg_defaults(dockerfile)
        assert defaults == {k: v for k, v in pinned.items() if k in defaults}, name
        stages = re.findall(r"^FROM (\S+)", dockerfile.read_text(), flags=re.MULTILINE)
        assert all(stage.strip("${}") in defaults for stage in stages), (name, stages)
    for image in pinned.values():
        _version(image)


def test_the_python_of_the_images_is_one_the_project_supports() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    version = _version(_env_file(DOCKER / "base-images.env")["PYTHON_IMAGE"])
    assert version in SpecifierSet(project["requires-python"])


def test_the_node_of_the_image_satisfies_every_locked_package() -> None:
    """package.json's engines and those of every package npm ci installs, as npm reads them."""
    version = _version(_env_file(DOCKER / "base-images.env")["NODE_IMAGE"])
    package = json.loads((FRONTEND / "package.json").read_text())
    lock = json.loads((FRONTEND / "package-lock.json").read_text())
    ranges = {"package.json": package["engines"]["node"]}
    for path, entry in lock["packages"].items():
        engines = entry.get("engines")
        if isinstance(engines, dict) and isinstance(engines.get("node"), str):
            ranges[path] = engines["node"]
    assert any("vite" in path for path in ranges)
    script = (
        "const semver = require('semver');"
        "const [version, ranges] = [process.argv[1], JSON.parse(process.argv[2])];"
        "const refused = Object.entries(ranges)"
        ".filter(([, range]) => !semver.satisfies(version, range));"
        "console.log(JSON.stringify(refused));"
    )
    result = subprocess.run(
        ["node", "-e", script, version, json.dumps(ranges)],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(result.stdout) == []
    # The check itself refuses the version the image used to have.
    result = subprocess.run(
        ["node", "-e", script, "20.18.1", json.dumps(ranges)],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert ["package.json", ">=20.19"] in json.loads(result.stdout)


def test_the_lock_pins_every_dependency_with_hashes() -> None:
    lock = _lock()
    for name, (version, hashes) in lock.items():
        assert re.fullmatch(r"\d+(\.\d+)*([a-z]+\d+)?(\.post\d+)?", version), name
        assert hashes, f"{name} has no hash"
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())
    wanted = [Requirement(r) for r in pyproject["project"]["dependencies"]]
    wanted += [Requirement(r) for r in pyproject["build-system"]["requires"]]
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in lock, f"{name} is not in requirements.lock: run make lock"
        assert lock[name][0] in requirement.specifier, (name, lock[name][0])


def test_the_images_install_only_from_the_lock() -> None:
    for name in ("api", "worker"):
        text = (DOCKER / f"{name}.Dockerfile").read_text()
        installs = re.findall(r"pip install ([^\n\\]*)", text)
        assert installs == [
            "--require-hashes --no-deps -r requirements.lock",
            "--no-deps --no-build-isolation . ",
        ], name


def test_build_passes_the_pinned_images_and_refuses_an_unpinned_one(tmp_path: Path) -> None:
    # A stand-in engine that records how the build script calls it.
    calls = tmp_path / "calls"
    engine = tmp_path / "bin" / "buildah"
    engine.parent.mkdir()
    engine.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    engine.chmod(0o755)
    env = {**os.environ, "PATH": f"{engine.parent}:/usr/bin:/bin"}
    result = make("build", "IMAGE_TAG=1.2.3", env=env)
    assert result.returncode == 0, result.stderr
    pinned = _env_file(DOCKER / "base-images.env")
    lines = calls.read_text().splitlines()
    assert len(lines) == 2
    for line in lines:
        assert f"--build-arg PYTHON_IMAGE={pinned['PYTHON_IMAGE']}" in line
        assert f"--build-arg NODE_IMAGE={pinned['NODE_IMAGE']}" in line

    unpinned = make("build", "IMAGE_TAG=1.2.3", "BUILD_PYTHON_IMAGE=python:3.11", env=env)
    assert unpinned.returncode != 0
    assert "error UNPINNED_IMAGE: base image python:3.11 has no @sha256: digest" in unpinned.stderr
    assert len(calls.read_text().splitlines()) == 2
