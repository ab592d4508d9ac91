"""The layout of src/svcstd: imports run one way (cli -> api -> judge -> parts -> model) and never in a cycle.

Imports under `if TYPE_CHECKING:` are left out: they exist for the type checker only.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "svcstd"

RANKS = {
    "__main__": 10,
    "cli": 9,
    "diff": 8,
    "publication": 8,
    "importing": 8,
    "api": 7,
    "parallel": 6,
    "judge": 5,
    "cache": 5,
    "baseline": 5,
    "spill": 5,
    "reporters": 5,
    "config": 4,
    "scoring": 4,
    "rules": 3,
    "validation": 3,
    "reading": 2,
    "fingerprints": 2,
    "standard": 1,
    "model": 0,
    "errors": 0,
    "i18n": 0,
    "checks": 0,
    "escaping": 0,
    "resources": 0,
    "collector": 0,
    "__init__": 0,
}
"""A module may import from its own rank or below; README.md, Architecture, says what each part owns."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(("svcstd", *parts)).removesuffix(".__init__")


def part(module: str) -> str:
    """`cli` for svcstd.cli.check, `api` for svcstd.api, `__init__` for the package itself."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path) -> set[str]:
    """Every svcstd module this one imports at run time, at the top or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("svcstd"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("svcstd"))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {name for name in found if name in MODULES} - {module_name(path)}


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}
GRAPH = {name: imports(path) for name, path in MODULES.items()}


def test_every_part_has_a_rank() -> None:
    assert {part(name) for name in MODULES} <= set(RANKS)


def test_every_folder_says_what_it_owns() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring, f"{init.relative_to(PACKAGE)} needs a one-line docstring saying what the folder owns"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_one_way(module: str) -> None:
    against = [target for target in sorted(GRAPH[module]) if RANKS[part(target)] > RANKS[part(module)]]
    assert not against, f"{module} imports {against}: against the direction cli -> api -> judge -> parts -> model"


def test_no_import_cycle() -> None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(GRAPH[node]):
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target) :], target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                walk(target)
        stack.pop()
        state[node] = 2

    for name in sorted(GRAPH):
        if name not in state:
            walk(name)


def test_the_readme_names_every_part() -> None:
    """README.md, Architecture, has a line for every folder and top-level module that exists."""
    readme = (PACKAGE.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Architecture", 1)[1].split("<!-- /section: architecture -->", 1)[0]
    named = {part(name) for name in MODULES} - {"__init__", "__main__"}
    for name in sorted(named):
        shown = f"`{name}/`" if (PACKAGE / name).is_dir() else f"`{name}.py`"
        assert shown in section, f"README's Architecture section does not mention {shown}"
