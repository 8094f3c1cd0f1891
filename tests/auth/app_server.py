"""The real app under uvicorn, configured from VCOFFEE_ variables, for end-to-end tests."""

from __future__ import annotations

import uvicorn

from config.settings import Settings
from runtime.logging import configure_logging
from vcoffee.app import create_app


def main() -> None:
    settings = Settings()
    configure_logging(level=settings.log_level)
    uvicorn.run(
        create_app(settings),
        host="127.0.0.1",
        port=settings.port,
        log_config=None,
        ws="websockets-sansio",
    )


if __name__ == "__main__":
    main()
