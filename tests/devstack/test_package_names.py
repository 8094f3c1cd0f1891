"""No installed dependency provides a module that one of our top-level packages would shadow."""

from __future__ import annotations

from importlib.metadata import packages_distributions

OUR_PACKAGES = (
    "core",
    "config",
    "runtime",
    "api",
    "devtools",
    "vcoffee",
    "schema",
    "resolvers",
    "repositories",
    "workers",
    "matching",
    "notifications",
    "auth",
    "deploy",
    "bench",
    "tests",
)


def test_no_dependency_ships_a_module_named_like_ours() -> None:
    providers = packages_distributions()
    clashes = {
        name: sorted(set(providers[name]) - {"virtual-coffee"})
        for name in OUR_PACKAGES
        if set(providers.get(name, [])) - {"virtual-coffee"}
    }
    assert clashes == {}


def test_the_check_knows_what_a_clash_looks_like() -> None:
    # A module every environment has from a distribution: proves the lookup sees real packages.
    assert "pydantic" in packages_distributions().get("pydantic", [])
