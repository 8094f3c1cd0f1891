"""The ASGI application: GraphQL at /graphql, probes, sign-in routes and the built web app."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, Route, WebSocketRoute

from api.build import build_schema
from auth.routes import auth_routes
from auth.runtime import build_auth
from config.settings import Settings
from metrics.api import HttpMetrics
from metrics.server import metrics_server
from runtime.logging import configure_logging
from runtime.services import open_services
from vcoffee.answer_routes import answer_routes
from vcoffee.body_limit import BodyLimitMiddleware
from vcoffee.bot_routes import bot_routes
from vcoffee.graphql_view import GraphQLView
from vcoffee.health import healthz, readyz
from vcoffee.security import SecurityMiddleware
from vcoffee.slack_routes import slack_routes
from vcoffee.unavailable import UNAVAILABLE_HANDLERS
from vcoffee.webapp import WebApp

# Collector thresholds of the serving process (Python's are 700, 10, 10). An open socket
# holds thousands of long-lived objects; with the defaults, a burst of live events promoted
# each event's short-lived objects into the older generations and walked every socket's
# objects again several times a second. Fewer, larger young collections cost about the same
# and promote far less; cyclic garbage waits at most 50,000 allocations for collection.
COLLECTOR_THRESHOLDS = (50_000, 50, 100)


def settle() -> None:
    """Moves what start-up made (schema, clients, service models) out of the collector's reach.

    Those objects live as long as the process; left in the oldest generation, every full
    collection walks them all again, a pause of tens of milliseconds in the middle of requests.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)


def serve() -> Starlette:
    """The app of `vcoffee api`, from the environment's settings; each worker process builds one."""
    settings = Settings()
    configure_logging(level=settings.log_level)
    return create_app(settings, settle_heap=True)


def create_app(settings: Settings, *, settle_heap: bool = False) -> Starlette:
    """The app; `settle_heap` is for the serving process, once its services are open."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        with metrics_server(host=settings.metrics_host, port=settings.metrics_port) as port:
            app.state.metrics_port = port
            async with open_services(settings) as services:
                app.state.services = services
                app.state.auth = build_auth(services)
                if settle_heap:
                    settle()
                yield

    graphql = GraphQLView(build_schema(), settings=settings)
    routes = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Mount("/graphql", graphql),
        auth_routes(settings),
        *answer_routes(),
        *bot_routes(),
        *slack_routes(),
    ]
    if settings.frontend_dist.is_dir():
        routes.append(Mount("/", WebApp(directory=settings.frontend_dist)))
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers=UNAVAILABLE_HANDLERS,
        middleware=[
            Middleware(HttpMetrics),
            Middleware(SecurityMiddleware, settings=settings),
            Middleware(BodyLimitMiddleware),
        ],
    )
