"""store/ is the bottom layer that knows the engine: no import cycles inside it, nothing reaching up."""

from __future__ import annotations

import ast
from pathlib import Path

STORE = Path(__file__).resolve().parents[2] / "store"
ABOVE = ("metrics", "demo", "ui", "pages", "charts", "app", "cli")


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at module level or inside functions."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            if node.module == "store":
                out.update(f"store.{alias.name}" for alias in node.names)
    return out


def _graph() -> dict[str, set[str]]:
    modules = {f"store.{p.stem}": _imports(p) for p in STORE.glob("*.py") if p.stem != "__init__"}
    return {m: {i for i in deps if i in modules} for m, deps in modules.items()}


def test_no_store_module_imports_a_layer_above_it():
    for path in STORE.glob("*.py"):
        reaching_up = sorted(i for i in _imports(path) if i.split(".")[0] in ABOVE)
        assert reaching_up == [], (path.name, reaching_up)


def test_store_modules_import_each_other_without_cycles():
    graph = _graph()
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for dep in graph[module]:
            assert state.get(dep) != "open", " -> ".join([*trail, module, dep])
            if dep not in state:
                visit(dep, [*trail, module])
        state[module] = "done"

    for module in graph:
        if module not in state:
            visit(module, [])


def test_only_store_engine_opens_duckdb_connections():
    root = STORE.parent
    opened = []
    for path in [*root.glob("*.py"), *root.glob("[a-z]*/*.py")]:
        if path.parts[-2] in ("tests", "bench", ".venv") or "site-packages" in path.parts:
            continue
        if "duckdb.connect(" in path.read_text(encoding="utf-8"):
            opened.append(str(path.relative_to(root)))
    assert opened == ["store/engine.py"]
