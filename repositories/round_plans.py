"""Plans of rounds: one item beside each round that returned a plan."""

from __future__ import annotations

from repositories.gateway import TableGateway
from repositories.models.round_plans import RoundPlan


class RoundPlanRepository:
    def __init__(self, *, gateway: TableGateway) -> None:
        self._table = gateway
        self._keys = gateway.keys

    async def save(self, *, slot: str, plan_json: str) -> None:
        """Stores the plan after `slot`; a rerun of the round writes the same item again."""
        await self._table.put(RoundPlan(slot=slot, plan_json=plan_json).to_item(self._keys))

    async def get(self, *, slot: str) -> RoundPlan | None:
        item = await self._table.get(self._keys.round_plan(slot))
        return None if item is None else RoundPlan.from_item(item)
