"""The serving process settles its start-up objects out of the garbage collector's full passes."""

from __future__ import annotations

import gc

from config.settings import Settings
from vcoffee.app import COLLECTOR_THRESHOLDS, create_app


async def test_the_serving_app_freezes_what_start_up_made(settings: Settings, table: str) -> None:
    gc.unfreeze()
    thresholds = gc.get_threshold()
    try:
        plain = create_app(settings)
        async with plain.router.lifespan_context(plain):
            assert gc.get_freeze_count() == 0
            assert gc.get_threshold() == thresholds
        served = create_app(settings, settle_heap=True)
        async with served.router.lifespan_context(served):
            # The services it opened (clients, the schema) are among the frozen objects.
            frozen = gc.get_freeze_count()
            assert frozen > 0
            # A full collection now walks what requests leave behind, not what start-up made.
            assert frozen > len(gc.get_objects(generation=2))
            # Young collections are rarer, so bursts of events promote little.
            assert gc.get_threshold() == COLLECTOR_THRESHOLDS
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
