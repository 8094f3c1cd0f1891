"""Serves the built web app: its files as they are, and index.html for the app's own routes."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

# Paths under these belong to the API or to built files; an unknown one there is a real 404.
NOT_APP_ROUTES = frozenset({"assets", "auth", "graphql", "healthz", "readyz", "api"})


def is_app_route(path: str) -> bool:
    """Whether `path` (relative, as StaticFiles sees it) may be one of the app's own pages."""
    parts = PurePosixPath(path).parts
    if parts and parts[0] in NOT_APP_ROUTES:
        return False
    # A file name such as favicon.ico or main.js: a missing file, not a page.
    return not (parts and "." in parts[-1])


class WebApp(StaticFiles):
    """A deep link such as /history loads the app (200), while a missing file stays a 404."""

    def __init__(self, *, directory: Path) -> None:
        # Not html=True: that answers every unknown path with 404.html and status 404.
        super().__init__(directory=directory)

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as error:
            if error.status_code != 404 or not is_app_route(path):
                raise
            return await super().get_response("index.html", scope)
