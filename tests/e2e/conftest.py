"""The whole product started like `make dev`, once for the browser tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.devstack.running import DevStack, dev_ports_env, start_dev


@pytest.fixture(scope="session")
def live_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevStack]:
    """`vcoffee dev` on free ports with its own data folder; `.url` is the web app's address."""
    stack = start_dev(data_dir=tmp_path_factory.mktemp("dev-data"), ports=dev_ports_env())
    try:
        yield stack
    finally:
        stack.stop()
