"""Rules every workload must follow, beyond what the schemas can say."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}
# Run-to-completion pods: nothing routes traffic to them and nothing restarts them when stuck.
RUN_TO_COMPLETION = {"Job", "CronJob"}


def _pod_spec(resource: dict[str, Any]) -> dict[str, Any] | None:
    kind = resource.get("kind")
    if kind in WORKLOADS:
        spec: dict[str, Any] = resource["spec"]["template"]["spec"]
        return spec
    if kind == "CronJob":
        cron_spec: dict[str, Any] = resource["spec"]["jobTemplate"]["spec"]["template"]["spec"]
        return cron_spec
    if kind == "Pod":
        pod_spec: dict[str, Any] = resource["spec"]
        return pod_spec
    return None


def _image_problem(image: str) -> str | None:
    if "@sha256:" in image:
        return None
    last = image.rsplit("/", 1)[-1]
    if ":" not in last:
        return f"image '{image}' has no tag"
    if last.rsplit(":", 1)[1] == "latest":
        return f"image '{image}' uses the tag 'latest'"
    return None


def _container_problems(
    container: dict[str, Any], pod: dict[str, Any], *, needs_probes: bool
) -> list[str]:
    problems = []
    limits = container.get("resources", {}).get("limits", {})
    requests = container.get("resources", {}).get("requests", {})
    for resource in ("cpu", "memory"):
        if resource not in limits:
            problems.append(f"no {resource} limit")
        if resource not in requests:
            problems.append(f"no {resource} request")
    if needs_probes:
        for probe in ("livenessProbe", "readinessProbe"):
            if probe not in container:
                problems.append(f"no {probe}")
    context = container.get("securityContext", {})
    pod_context = pod.get("securityContext", {})
    if not context.get("runAsNonRoot", pod_context.get("runAsNonRoot", False)):
        problems.append("runAsNonRoot is not true")
    if context.get("allowPrivilegeEscalation") is not False:
        problems.append("allowPrivilegeEscalation is not false")
    if context.get("privileged"):
        problems.append("privileged")
    if context.get("readOnlyRootFilesystem") is not True:
        problems.append("readOnlyRootFilesystem is not true")
    if "ALL" not in context.get("capabilities", {}).get("drop", []):
        problems.append("capabilities are not all dropped")
    image_problem = _image_problem(str(container.get("image", "")))
    if image_problem:
        problems.append(image_problem)
    return problems


def policy_problems(resources: Iterable[dict[str, Any]]) -> list[str]:
    """One line per broken rule, naming the workload and container."""
    found = []
    for resource in resources:
        pod = _pod_spec(resource)
        if pod is None:
            continue
        name = f"{resource['kind']}/{resource['metadata']['name']}"
        groups = (
            ("containers", resource["kind"] not in RUN_TO_COMPLETION),
            ("initContainers", False),
        )
        for field, needs_probes in groups:
            for container in pod.get(field, []):
                for problem in _container_problems(container, pod, needs_probes=needs_probes):
                    found.append(f"{name} container {container.get('name')}: {problem}")
    return found
