"""The SDL in schema.graphql is the schema the code serves."""

from __future__ import annotations

from api.export import SDL_PATH, export_sdl


def test_exported_sdl_equals_the_committed_file() -> None:
    assert export_sdl() == SDL_PATH.read_text(), (
        "schema.graphql differs from the code; run `vcoffee export-schema > schema.graphql`"
    )
