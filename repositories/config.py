"""The deployment's configuration item, updated with optimistic concurrency."""

from __future__ import annotations

from core.errors import Conflict
from repositories.gateway import ConditionFailed, TableGateway
from repositories.models.config import DeploymentConfig


class ConfigRepository:
    def __init__(self, *, gateway: TableGateway) -> None:
        self._table = gateway

    async def get(self) -> DeploymentConfig:
        """The saved configuration, or the defaults (version 0) before the first save."""
        item = await self._table.get(self._table.keys.config())
        return DeploymentConfig() if item is None else DeploymentConfig.from_item(item)

    async def update(self, *, config: DeploymentConfig, expected_version: int) -> DeploymentConfig:
        """Saves `config` if the stored version is still `expected_version` (0: never saved)."""
        saved = config.model_copy(
            update={"version": expected_version + 1, "updated_at": self._table.now()}
        )
        if expected_version == 0:
            condition, values = "attribute_not_exists(PK)", None
        else:
            condition, values = "version = :expected", {":expected": expected_version}
        try:
            item = saved.to_item(self._table.keys)
            await self._table.put(item, condition=condition, values=values)
        except ConditionFailed:
            current = await self.get()
            raise Conflict(
                f"the configuration was changed meanwhile (version {current.version}, "
                f"expected {expected_version}); reload and try again",
                fields=("expected_version",),
            ) from None
        return saved
