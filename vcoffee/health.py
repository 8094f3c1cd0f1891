"""Probes for Kubernetes: /healthz (the process is up) and /readyz (its dependencies answer)."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import JSONResponse

from runtime.services import Services

PROBE_TIMEOUT = 2.0


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def _dynamodb_ok(services: Services) -> bool:
    try:
        await asyncio.wait_for(
            services.dynamodb.describe_table(TableName=services.settings.table_name),
            PROBE_TIMEOUT,
        )
    except Exception:
        return False
    return True


async def _redis_ok(services: Services) -> bool:
    try:
        return bool(await asyncio.wait_for(services.redis.ping(), PROBE_TIMEOUT))
    except Exception:
        return False


async def readyz(request: Request) -> JSONResponse:
    services: Services = request.app.state.services
    dynamodb, redis = await asyncio.gather(_dynamodb_ok(services), _redis_ok(services))
    failing = [name for name, ok in (("dynamodb", dynamodb), ("redis", redis)) if not ok]
    if failing:
        return JSONResponse({"status": "unavailable", "failing": failing}, status_code=503)
    return JSONResponse({"status": "ready"})
