"""The import graph of our packages follows layering.toml, has no cycle, and keeps tooling out.

Every import statement counts, at module level or inside a function, `TYPE_CHECKING` ones too:
a lazy import still ties the packages together. The rules file lists which package may import
which and the few exceptions still standing.
"""

from __future__ import annotations

import ast
import json
import os
import secrets
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RULES_PATH = ROOT / "layering.toml"
# Test code and benchmarks may import anything of ours; nothing of ours imports them.
UNRULED = frozenset({"tests", "bench"})


@dataclass(frozen=True)
class Edge:
    module: str
    target: str
    lazy: bool
    line: int

    @property
    def source_package(self) -> str:
        return self.module.split(".")[0]

    @property
    def target_package(self) -> str:
        return self.target.split(".")[0]


def load_rules(path: Path = RULES_PATH) -> dict[str, Any]:
    with path.open("rb") as file:
        return tomllib.load(file)


def module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.AST) -> list[tuple[str, int, bool]]:
    """(imported module, line, inside a function) for each absolute import."""
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.append((child.module, child.lineno, in_function))
            visit(child, nested)

    visit(tree, False)
    return found


def import_graph(root: Path, packages: frozenset[str]) -> list[Edge]:
    """Every import from one of `packages` into another of them."""
    edges: list[Edge] = []
    for package in sorted(packages):
        for path in sorted((root / package).rglob("*.py")):
            module = module_name(root, path)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for target, line, lazy in _imports(tree):
                top = target.split(".")[0]
                if top in packages and top != package:
                    edges.append(Edge(module=module, target=target, lazy=lazy, line=line))
    return edges


def third_party_imports(root: Path, package: str, ours: frozenset[str]) -> list[tuple[str, str]]:
    """(module, imported top-level name) for imports neither ours nor the standard library's."""
    found: list[tuple[str, str]] = []
    for path in sorted((root / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for target, _line, _lazy in _imports(tree):
            top = target.split(".")[0]
            if top not in ours and top not in sys.stdlib_module_names and top != "__future__":
                found.append((module_name(root, path), top))
    return found


def _exception_for(edge: Edge, exceptions: list[dict[str, Any]]) -> dict[str, Any] | None:
    for exception in exceptions:
        if exception["module"] == edge.module and exception["imports"] == edge.target_package:
            return exception
    return None


def violations(rules: dict[str, Any], edges: list[Edge]) -> list[str]:
    packages: dict[str, Any] = rules["packages"]
    exceptions: list[dict[str, Any]] = rules.get("exceptions", [])
    found: list[str] = []
    for edge in edges:
        allowed = packages[edge.source_package]["may_import"]
        where = f"{edge.module}:{edge.line} imports {edge.target}"
        if edge.target_package in allowed:
            continue
        exception = _exception_for(edge, exceptions)
        if exception is None:
            found.append(f"{where}: {edge.source_package} may not import {edge.target_package}")
        elif exception.get("lazy", False) and not edge.lazy:
            found.append(f"{where}: allowed only inside a function")
    return found


def stale_exceptions(rules: dict[str, Any], edges: list[Edge]) -> list[str]:
    used = {(edge.module, edge.target_package) for edge in edges}
    return [
        f"{exception['module']} -> {exception['imports']}"
        for exception in rules.get("exceptions", [])
        if (exception["module"], exception["imports"]) not in used
    ]


def package_cycles(edges: list[Edge]) -> list[list[str]]:
    """The package cycles of the graph, each as the packages along it."""
    graph: dict[str, set[str]] = {}
    for edge in edges:
        graph.setdefault(edge.source_package, set()).add(edge.target_package)
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def our_packages(root: Path) -> frozenset[str]:
    return frozenset(
        path.parent.name
        for path in root.glob("*/__init__.py")
        if path.parent.name not in UNRULED and not path.parent.name.startswith(".")
    )


# --- The repository's own graph -------------------------------------------------------------


def test_every_package_has_rules() -> None:
    assert our_packages(ROOT) == frozenset(load_rules()["packages"])


def test_imports_follow_the_layering_rules() -> None:
    rules = load_rules()
    edges = import_graph(ROOT, frozenset(rules["packages"]))
    assert len(edges) > 100  # the graph was read, not an empty walk
    assert violations(rules, edges) == []


def test_every_listed_exception_still_happens() -> None:
    rules = load_rules()
    edges = import_graph(ROOT, frozenset(rules["packages"]))
    assert stale_exceptions(rules, edges) == []


def test_no_package_cycle() -> None:
    rules = load_rules()
    assert package_cycles(import_graph(ROOT, frozenset(rules["packages"]))) == []


def test_core_imports_nothing_of_ours() -> None:
    rules = load_rules()
    assert rules["packages"]["core"]["may_import"] == []
    edges = import_graph(ROOT, frozenset(rules["packages"]))
    assert [edge for edge in edges if edge.source_package == "core"] == []


def test_third_party_imports_follow_the_rules() -> None:
    rules = load_rules()
    ours = frozenset(rules["packages"])
    problems: list[str] = []
    for package, rule in rules["packages"].items():
        imported = third_party_imports(ROOT, package, ours)
        if "third_party_only" in rule:
            problems += [
                f"{m} imports {t}" for m, t in imported if t not in rule["third_party_only"]
            ]
        forbidden = rule.get("third_party_forbidden", [])
        problems += [f"{m} imports {t}" for m, t in imported if t in forbidden]
    assert problems == []


# --- The checks themselves fail on a bad graph ------------------------------------------------


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_checks_report_a_forbidden_edge_an_eager_lazy_one_and_a_cycle(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "low/__init__.py": "",
            "low/a.py": "from high.b import thing\n",
            "high/__init__.py": "",
            "high/b.py": "import low.a\n\ndef f():\n    from tools import x\n",
            "high/c.py": "from tools import y\n",
            "tools/__init__.py": "",
        },
    )
    rules: dict[str, Any] = {
        "packages": {
            "low": {"may_import": []},
            "high": {"may_import": ["low"]},
            "tools": {"may_import": ["low", "high"]},
        },
        "exceptions": [
            {"module": "high.b", "imports": "tools", "lazy": True},
            {"module": "high.c", "imports": "tools", "lazy": True},
            {"module": "high.gone", "imports": "tools"},
        ],
    }
    edges = import_graph(tmp_path, our_packages(tmp_path))
    assert violations(rules, edges) == [
        "high.c:1 imports tools: allowed only inside a function",
        "low.a:1 imports high.b: low may not import high",
    ]
    assert stale_exceptions(rules, edges) == ["high.gone -> tools"]
    assert package_cycles(edges) == [["high", "low", "high"]]


# --- Production start-up loads no development tooling -----------------------------------------

START_UP = """
import json, sys
from vcoffee.cli import main  # the `vcoffee` entry point
from vcoffee.app import serve  # the factory `vcoffee api` hands uvicorn
app = serve()
import workers.main  # `vcoffee worker`
{extra}
print(json.dumps({{
    "routes": len(app.routes),
    "dev": sorted(m for m in sys.modules if m.split(".")[0] == "devtools"),
}}))
"""


def _start_up(extra: str = "") -> dict[str, Any]:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("VCOFFEE_")
    }
    environment.update(
        {
            "VCOFFEE_ENVIRONMENT": "production",
            "VCOFFEE_PUBLIC_URL": "https://coffee.example.com",
            "VCOFFEE_SESSION_SECRET": secrets.token_urlsafe(32),
            "VCOFFEE_JWT_SIGNING_KEYS": f"k1:{secrets.token_urlsafe(32)}",
            "VCOFFEE_LOG_LEVEL": "WARNING",
        }
    )
    done = subprocess.run(
        [sys.executable, "-c", START_UP.format(extra=extra)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_production_start_up_loads_no_development_tooling() -> None:
    started = _start_up()
    assert started["routes"] > 3
    assert started["dev"] == []


def test_the_start_up_check_sees_tooling_when_it_is_loaded() -> None:
    assert "devtools.caught_mail" in _start_up("import devtools.caught_mail")["dev"]
