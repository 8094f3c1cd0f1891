"""What Prometheus scrapes of an instance, and that its alerts fire when they should."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client import REGISTRY

import metrics.registry  # noqa: F401 (the metrics are registered on import)
from tests.deploy.conftest import Resources, one

PROMTOOL = shutil.which("promtool")
REQUIRED_ALERTS = {
    "VcoffeeRoundLate",
    "VcoffeeNotificationFailures",
    "VcoffeeDynamoDBThrottling",
    "VcoffeeApiErrors",
}


def _rules(rendered: Resources) -> dict[str, Any]:
    spec: dict[str, Any] = one(rendered, "PrometheusRule", "vcoffee")["spec"]
    return spec


def _exported_names() -> set[str]:
    names: set[str] = set()
    for family in REGISTRY.collect():
        if family.name.startswith("vcoffee_"):
            names.update(sample.name for sample in family.samples)
            names.add(family.name)
            if family.type == "counter":
                names.add(f"{family.name}_total")
            if family.type == "histogram":
                names.update(f"{family.name}_{s}" for s in ("bucket", "count", "sum"))
    return names


def test_prometheus_scrapes_both_processes_on_their_metrics_port_only(
    rendered: Resources,
) -> None:
    monitor = one(rendered, "ServiceMonitor", "vcoffee")["spec"]
    assert monitor["endpoints"][0]["port"] == "metrics"
    selected = [
        r
        for r in rendered
        if r["kind"] == "Service"
        and monitor["selector"]["matchLabels"].items() <= r["metadata"].get("labels", {}).items()
    ]
    assert sorted(s["metadata"]["name"] for s in selected) == ["api-metrics", "worker-metrics"]
    for service in selected:
        component = service["spec"]["selector"]["app.kubernetes.io/component"]
        container = one(rendered, "Deployment", component)["spec"]["template"]["spec"][
            "containers"
        ][0]
        ports = {p["name"]: p["containerPort"] for p in container["ports"]}
        env = {e["name"]: e["value"] for e in container["env"]}
        assert ports["metrics"] == int(env["VCOFFEE_METRICS_PORT"]) == 9100
        assert env["VCOFFEE_METRICS_HOST"] == "0.0.0.0"  # noqa: S104 (the pod's address)
    public = one(rendered, "Service", "api")["spec"]["ports"]
    assert [p["name"] for p in public] == ["http"]
    policy = one(rendered, "NetworkPolicy", "metrics-from-monitoring")["spec"]
    assert policy["ingress"] == [
        {
            "from": [
                {
                    "namespaceSelector": {
                        "matchLabels": {"kubernetes.io/metadata.name": "monitoring"}
                    }
                }
            ],
            "ports": [{"protocol": "TCP", "port": 9100}],
        }
    ]


def test_alert_rules_name_only_metrics_the_processes_export(rendered: Resources) -> None:
    rules = [rule for group in _rules(rendered)["groups"] for rule in group["rules"]]
    assert {rule["alert"] for rule in rules} >= REQUIRED_ALERTS
    exported = _exported_names()
    for rule in rules:
        assert set(rule) <= {"alert", "expr", "for", "labels", "annotations"}, rule
        assert rule["labels"]["severity"] in {"warning", "critical"}
        used = set(re.findall(r"\bvcoffee_[a-z_]+", rule["expr"]))
        assert used <= exported, (rule["alert"], used - exported)


def _rule_file(rendered: Resources, tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(_rules(rendered)), encoding="utf-8")
    return path


def _promtool(*args: str) -> subprocess.CompletedProcess[str]:
    assert PROMTOOL is not None
    return subprocess.run(
        [PROMTOOL, *args], capture_output=True, text=True, timeout=60, check=False
    )


needs_promtool = pytest.mark.skipif(
    PROMTOOL is None, reason="promtool is not installed (Debian: apt-get install prometheus)"
)


@needs_promtool
def test_promtool_accepts_the_rules(rendered: Resources, tmp_path: Path) -> None:
    result = _promtool("check", "rules", str(_rule_file(rendered, tmp_path)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


@needs_promtool
def test_promtool_refuses_a_broken_rule(rendered: Resources, tmp_path: Path) -> None:
    rules = copy.deepcopy(_rules(rendered))
    rules["groups"][0]["rules"][0]["expr"] = "max by (namespace) (vcoffee_rounds_total"
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(rules), encoding="utf-8")
    assert _promtool("check", "rules", str(path)).returncode != 0


NS = 'namespace="vcoffee-a"'
LATE = "The round of vcoffee-a did not complete within 30 minutes of its slot"
LATE_HELP = (
    "Check the worker: make logs INSTANCE=<name> COMPONENT=worker, and the round in the admin page."
)
FAILURES = "More than 5% of notifications in vcoffee-a failed in the last hour"
FAILURES_HELP = "vcoffee_notifications_total by channel shows which channel fails."


def _unit_tests(rule_file: Path) -> dict[str, Any]:
    return {
        "rule_files": [rule_file.name],
        "evaluation_interval": "1m",
        "tests": [
            {
                # Slot due at t=0; the last finished round is last week's.
                "interval": "1m",
                "input_series": [
                    {
                        "series": f"vcoffee_schedule_last_due_slot_timestamp_seconds{{{NS}}}",
                        "values": "0x60",
                    },
                    {
                        "series": f"vcoffee_round_last_finished_slot_timestamp_seconds{{{NS}}}",
                        "values": "-604800x60",
                    },
                ],
                "alert_rule_test": [
                    {"eval_time": "29m", "alertname": "VcoffeeRoundLate", "exp_alerts": []},
                    {
                        "eval_time": "31m",
                        "alertname": "VcoffeeRoundLate",
                        "exp_alerts": [
                            {
                                "exp_labels": {"severity": "critical", "namespace": "vcoffee-a"},
                                "exp_annotations": {"summary": LATE, "description": LATE_HELP},
                            }
                        ],
                    },
                ],
            },
            {
                # The round finished at 10 minutes: no alert afterwards.
                "interval": "1m",
                "input_series": [
                    {
                        "series": f"vcoffee_schedule_last_due_slot_timestamp_seconds{{{NS}}}",
                        "values": "0x60",
                    },
                    {
                        "series": f"vcoffee_round_last_finished_slot_timestamp_seconds{{{NS}}}",
                        "values": "-604800x10 0x50",
                    },
                ],
                "alert_rule_test": [
                    {"eval_time": "45m", "alertname": "VcoffeeRoundLate", "exp_alerts": []}
                ],
            },
            {
                # 1 failure in 20 sends is 5%: no alert; 2 in 21 is above.
                "interval": "1m",
                "input_series": [
                    {
                        "series": f'vcoffee_notifications_total{{{NS},channel="email",'
                        'outcome="sent"}',
                        "values": "0+19x120",
                    },
                    {
                        "series": f'vcoffee_notifications_total{{{NS},channel="email",'
                        'outcome="failed"}',
                        "values": "0+1x60 60+2x60",
                    },
                ],
                "alert_rule_test": [
                    {
                        "eval_time": "59m",
                        "alertname": "VcoffeeNotificationFailures",
                        "exp_alerts": [],
                    },
                    {
                        "eval_time": "120m",
                        "alertname": "VcoffeeNotificationFailures",
                        "exp_alerts": [
                            {
                                "exp_labels": {"severity": "warning", "namespace": "vcoffee-a"},
                                "exp_annotations": {
                                    "summary": FAILURES,
                                    "description": FAILURES_HELP,
                                },
                            }
                        ],
                    },
                ],
            },
        ],
    }


@needs_promtool
def test_the_alerts_fire_when_they_should(rendered: Resources, tmp_path: Path) -> None:
    rule_file = _rule_file(rendered, tmp_path)
    tests = tmp_path / "tests.yaml"
    tests.write_text(yaml.safe_dump(_unit_tests(rule_file)), encoding="utf-8")
    result = _promtool("test", "rules", str(tests))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout
