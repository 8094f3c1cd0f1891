"""Erasing a whole deployment's items, for decommissioning it."""

from __future__ import annotations

from repositories.gateway import TableGateway


class DeploymentDataRepository:
    def __init__(self, *, gateway: TableGateway) -> None:
        self._table = gateway

    async def delete_all(self) -> int:
        """Removes every item of this deployment (and only it, in a shared table).

        A scan is acceptable here: it runs once, when a deployment is decommissioned.
        Returns how many items were removed.
        """
        removed = 0
        async for keys in self._table.scan_keys(
            filter_expression="begins_with(PK, :prefix)",
            values={":prefix": self._table.keys.prefix},
        ):
            await self._table.batch_delete(keys)
            removed += len(keys)
        return removed
