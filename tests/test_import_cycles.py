"""No import circle among ``app/`` modules (issue 14).

The graph is read from the source with ``ast``: every ``import`` and ``from ... import`` in a
module counts, at module level and inside functions and methods alike, because an import
deferred into a function still ties the two modules together (it only moves the moment the
circle bites). Imports under ``if TYPE_CHECKING:`` are left out: they never run, they only
name types for mypy.

``from package import name`` counts as an import of ``package.name`` when that is a module,
else of ``package`` (whose ``__init__`` then runs). A package's ``__init__`` is the node
named after the package.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

APP = ROOT / "app"


def module_names() -> dict[str, Path]:
    names = {}
    for path in sorted(APP.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement in the tree, except those under ``if TYPE_CHECKING:``."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def import_graph() -> dict[str, set[str]]:
    """Module → the ``app`` modules it imports anywhere in its body."""
    modules = module_names()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    for alias in node.names
                ]
            for target in targets:
                while target and target not in modules:  # a name inside a module
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_the_graph_sees_imports_inside_functions() -> None:
    graph = import_graph()
    # app.launch imports app.cli only inside main(): it must still be an edge.
    assert "app.cli" in graph["app.launch"]
    assert "app.core.config" in graph["app.ui.app"]


def test_no_import_circle_among_app_modules() -> None:
    graph = import_graph()
    found = cycles(graph)
    report = "\n".join(
        " <-> ".join(component)
        + "\n    "
        + "\n    ".join(
            f"{a} -> {b}" for a in component for b in sorted(graph[a]) if b in component
        )
        for component in found
    )
    assert not found, f"import circles among app/ modules:\n{report}"
