"""The instance file deploy/instances/<name>.yaml: what one team's deployment differs in."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from croniter import croniter
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from deploy.tools.errors import DeployError, DeployErrorCode
from deploy.tools.validation_errors import as_deploy_error
from deploy.tools.yamlfile import read_mapping

EMAIL = r"^[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"
HOSTNAME = r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
# The same pattern the application's settings accept for VCOFFEE_DEPLOYMENT_ID, narrowed so
# that derived AWS names (ElastiCache ids: 40 characters, no trailing hyphen) stay valid.
DEPLOYMENT_ID = r"^[a-z][a-z0-9-]{0,22}[a-z0-9]$"
IMAGE_TAG = r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"


def _cron(value: str) -> str:
    if not croniter.is_valid(value) or len(value.split()) != 5:
        raise PydanticCustomError(
            "invalid_cron",
            "'{value}' is not a five-field cron expression (minute hour day month weekday)",
            {"value": value},
        )
    return value


def _time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise PydanticCustomError(
            "invalid_time_zone",
            "'{value}' is not an IANA time zone such as Europe/Berlin",
            {"value": value},
        ) from exc
    return value


def _released_tag(value: str) -> str:
    # `latest` names whatever was pushed last, so a rollback could not say what to go back to.
    if value == "latest":
        raise ValueError("image_tag must name a release, not 'latest'")
    return value


Cron = Annotated[str, AfterValidator(_cron)]
TimeZone = Annotated[str, AfterValidator(_time_zone)]
Email = Annotated[str, Field(pattern=EMAIL)]


class ApiScaling(BaseModel):
    """Bounds for the API's HorizontalPodAutoscaler."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_replicas: int = Field(default=2, ge=2, le=20)
    max_replicas: int = Field(default=6, ge=2, le=50)

    @model_validator(mode="after")
    def _ordered(self) -> ApiScaling:
        if self.max_replicas < self.min_replicas:
            raise ValueError("max_replicas must be at least min_replicas")
        return self


class Instance(BaseModel):
    """One deployment (a team or an office) and everything that is particular to it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    deployment_id: str = Field(pattern=DEPLOYMENT_ID)
    host: str = Field(pattern=HOSTNAME, max_length=253)
    email_from: Email
    admin_emails: list[Email] = Field(min_length=1)
    schedule: Cron
    time_zone: TimeZone
    group_size: int = Field(ge=2, le=10)
    image_tag: Annotated[str, Field(pattern=IMAGE_TAG), AfterValidator(_released_tag)]
    api: ApiScaling = ApiScaling()
    worker_replicas: int = Field(default=1, ge=1, le=5)
    redis: Literal["elasticache", "in-cluster"] = "elasticache"

    @property
    def namespace(self) -> str:
        return f"vcoffee-{self.deployment_id}"

    @property
    def table_name(self) -> str:
        return f"vcoffee-{self.deployment_id}"

    @property
    def key_prefix(self) -> str:
        """Every key of this deployment in the shared table design starts with this."""
        return f"D#{self.deployment_id}#"

    @property
    def sender_domain(self) -> str:
        return self.email_from.rsplit("@", 1)[1].lower()


def instance_name(path: Path) -> str:
    return path.name.removesuffix(".yaml")


def load_instance(path: Path) -> Instance:
    """The validated instance file; its name must be its deployment id."""
    data = read_mapping(path)
    try:
        instance = Instance.model_validate(data)
    except ValidationError as exc:
        raise as_deploy_error(path=path, error=exc) from exc
    name = instance_name(path)
    if instance.deployment_id != name:
        raise DeployError(
            DeployErrorCode.NAME_MISMATCH,
            [
                f"{path.name}: deployment_id '{instance.deployment_id}' must equal the file "
                f"name '{name}', since ArgoCD names the application after the overlay folder"
            ],
        )
    return instance


def is_instance_name(name: str) -> bool:
    return re.fullmatch(DEPLOYMENT_ID, name) is not None
