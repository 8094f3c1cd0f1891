"""The schema as SDL, the contract front ends and tests read from schema.graphql."""

from __future__ import annotations

from pathlib import Path

from api.build import build_schema

SDL_PATH = Path(__file__).resolve().parent.parent / "schema.graphql"


def export_sdl() -> str:
    return build_schema().as_str() + "\n"
