"""Each instance's rendered ConfigMap and Secret, loaded by the application's own settings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from deploy.tools.contract import check, load_settings, required_secret_keys
from deploy.tools.errors import DeployError, DeployErrorCode
from deploy.tools.instance import load_instance
from deploy.tools.render import instance_names, write_overlay
from tests.deploy.conftest import DEPLOY, REPO_ROOT

INSTANCES = DEPLOY / "instances"
ELASTICACHE_URL = "rediss://:token@master.vcoffee-x.abc123.euw1.cache.amazonaws.com:6379/0"


def _secret(keys: tuple[str, ...]) -> dict[str, str]:
    values = {
        "VCOFFEE_JWT_SIGNING_KEYS": "k1:" + "a1" * 24,
        "VCOFFEE_SESSION_SECRET": "b2" * 24,
        "VCOFFEE_OIDC_PROVIDERS": json.dumps(
            [
                {
                    "name": "corp",
                    "label": "Corporate SSO",
                    "issuer": "https://sso.example.com",
                    "client_id": "vcoffee",
                    "client_secret": "c3" * 16,
                }
            ]
        ),
        "VCOFFEE_REDIS_URL": ELASTICACHE_URL,
    }
    return {key: values[key] for key in keys}


@pytest.mark.parametrize("name", instance_names(INSTANCES))
def test_each_instance_runs_with_what_its_file_says(name: str) -> None:
    instance = load_instance(INSTANCES / f"{name}.yaml")
    secret = _secret(required_secret_keys(instance))
    settings = check(instance=instance, overlay=INSTANCES / name, secret=secret)
    assert sorted(settings) == ["api", "seed-config", "worker"]
    for loaded in settings.values():
        assert loaded["environment"] == "production"
        assert loaded["deployment_id"] == instance.deployment_id
        assert loaded["table_name"] == instance.table_name
        assert loaded["dynamodb_endpoint"] is None
        assert loaded["ses_enabled"] is True
        assert loaded["ses_sender"] == instance.email_from
        assert loaded["ses_configuration_set"] == instance.table_name
        assert loaded["smtp_host"] is None
        assert loaded["match_schedule"] == instance.schedule
        assert loaded["match_time_zone"] == instance.time_zone
        assert loaded["group_size"] == instance.group_size
        assert loaded["admin_emails"] == list(instance.admin_emails)
        assert loaded["public_url"] == f"https://{instance.host}"
        expected_redis = (
            ELASTICACHE_URL if instance.redis == "elasticache" else "redis://redis:6379/0"
        )
        assert loaded["redis_url"] == expected_redis
        assert [p["name"] for p in loaded["oidc_providers"]] == ["corp"]
    assert (settings["api"]["host"], settings["api"]["port"]) == ("0.0.0.0", 8000)  # noqa: S104
    for role in ("api", "worker"):
        assert settings[role]["metrics_port"] == 9100


def test_an_in_cluster_redis_instance_uses_the_rendered_url(tmp_path: Path) -> None:
    instances = tmp_path / "instances"
    instances.mkdir()
    data = yaml.safe_load((INSTANCES / "team-a.yaml").read_text())
    data.update(deployment_id="trial", host="coffee.trial.example.com", redis="in-cluster")
    (instances / "trial.yaml").write_text(yaml.safe_dump(data))
    overlay = write_overlay(
        name="trial", instances_dir=instances, cluster_file=DEPLOY / "cluster.yaml"
    )
    instance = load_instance(instances / "trial.yaml")
    assert "VCOFFEE_REDIS_URL" not in required_secret_keys(instance)
    settings = check(
        instance=instance, overlay=overlay, secret=_secret(required_secret_keys(instance))
    )
    assert settings["worker"]["redis_url"] == "redis://redis:6379/0"
    assert settings["worker"]["table_name"] == "vcoffee-trial"


def test_a_secret_without_a_required_key_is_refused() -> None:
    instance = load_instance(INSTANCES / "team-a.yaml")
    secret = _secret(required_secret_keys(instance))
    del secret["VCOFFEE_REDIS_URL"]
    with pytest.raises(DeployError) as caught:
        check(instance=instance, overlay=INSTANCES / "team-a", secret=secret)
    assert caught.value.code is DeployErrorCode.MISSING_KEY
    assert caught.value.problems == ["the Secret vcoffee-secrets lacks VCOFFEE_REDIS_URL"]


def test_an_overlay_with_an_unknown_variable_is_refused(tmp_path: Path) -> None:
    overlay = tmp_path / "team-a"
    shutil.copytree(INSTANCES / "team-a", overlay)
    # The overlay must still find the base from its new place.
    kustomization = overlay / "kustomization.yaml"
    base = os.path.relpath(DEPLOY / "base", overlay)
    kustomization.write_text(kustomization.read_text().replace("../../base", base))
    settings_env = overlay / "settings.env"
    text = settings_env.read_text().replace("VCOFFEE_SES_SENDER=", "VCOFFEE_EMAIL_FROM=")
    settings_env.write_text(text)
    instance = load_instance(INSTANCES / "team-a.yaml")
    with pytest.raises(DeployError) as caught:
        check(instance=instance, overlay=overlay, secret=_secret(required_secret_keys(instance)))
    assert caught.value.code is DeployErrorCode.SETTINGS_REFUSED
    report = caught.value.report()
    assert "UNKNOWN_SETTING: unknown variable VCOFFEE_EMAIL_FROM" in report


def test_the_tool_reads_the_secret_from_stdin() -> None:
    instance = load_instance(INSTANCES / "team-a.yaml")
    secret = _secret(required_secret_keys(instance))
    result = subprocess.run(
        [sys.executable, "-m", "deploy.tools.contract", "check", "team-a"],
        input=json.dumps({**secret, "REDIS_AUTH_TOKEN": "kept out of the pods"}),
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
        timeout=100,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "instance team-a: settings load; table vcoffee-team-a, SES from "
        "coffee@team-a.example.com, schedule '0 9 * * MON' Europe/Berlin"
    )


def test_load_settings_shows_no_secret() -> None:
    loaded = load_settings(
        {"VCOFFEE_ENVIRONMENT": "development", "VCOFFEE_SESSION_SECRET": "d4" * 24}
    )
    assert loaded["session_secret"] == "**********"
