"""The layout rules of docs/architecture.md, read from the code: a rule nobody checks is soon broken.

- ``plugins/`` holds Pelican plugins only; the commands live in ``tools/`` and no plugin imports a tool.
- A plugin's ``hooks`` (its signal handlers) is imported by its own ``__init__`` only.
- ``core.py`` modules are plain Python: no Pelican import.
- Pelican's private names are used in ``plugins/common/pelican_api.py`` only (each with a contract test).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

PLUGIN_MODULES = sorted((ROOT / "plugins").rglob("*.py"))
TOOL_MODULES = sorted((ROOT / "tools").rglob("*.py"))
PELICAN_API = ROOT / "plugins" / "common" / "pelican_api.py"
# Documented names that look private: the standard library's and lxml's element type.
ALLOWED_PRIVATE = {("os", "_exit"), ("etree", "_Element")}
ATTRIBUTE_CALLS = {"getattr", "setattr", "hasattr", "delattr"}


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.lineno, node.module
            yield from ((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_commands_are_in_tools_and_no_plugin_imports_one() -> None:
    assert {p.parent.name for p in TOOL_MODULES if p.name == "__main__.py"} >= {
        "content_checks", "editor_tools", "publish", "search_index"
    }  # fmt: skip
    found = [f"{relative(p)}:{n}: {m}" for p in PLUGIN_MODULES for n, m in imported_modules(p) if m.startswith("tools")]
    assert found == []


def test_every_plugin_package_registers_and_no_tool_does() -> None:
    for init in sorted((ROOT / "plugins").glob("*/__init__.py")):
        if init.parent.name != "common":
            assert "def register()" in init.read_text(encoding="utf-8"), relative(init)
    for init in sorted((ROOT / "tools").glob("*/__init__.py")):
        assert "def register()" not in init.read_text(encoding="utf-8"), relative(init)


def test_a_plugins_hooks_are_imported_by_its_own_init_only() -> None:
    found = []
    for path in PLUGIN_MODULES + TOOL_MODULES:
        own = path.parent.name
        for number, module in imported_modules(path):
            parts = module.split(".")
            is_hooks = len(parts) >= 3 and parts[0] == "plugins" and parts[2] == "hooks"
            if is_hooks and not (path.name == "__init__.py" and parts[1] == own):
                found.append(f"{relative(path)}:{number}: {module}")
    assert found == []


@pytest.mark.parametrize("core", sorted((ROOT / "plugins").glob("*/core.py")), ids=lambda p: p.parent.name)
def test_core_modules_do_not_import_pelican(core: Path) -> None:
    assert [f"{n}: {m}" for n, m in imported_modules(core) if m.split(".")[0] == "pelican"] == []


def private_uses(path: Path) -> Iterator[str]:
    """``x._name`` on anything but ``self``/``cls``, and ``from pelican… import _name``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = ast.unparse(node.value).rsplit(".", 1)[-1]
            if owner not in ("self", "cls", "super") and (owner, node.attr) not in ALLOWED_PRIVATE:
                yield f"{relative(path)}:{node.lineno}: .{node.attr}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ATTRIBUTE_CALLS:
            name = node.args[1] if len(node.args) > 1 else None
            if (
                isinstance(name, ast.Constant)
                and str(name.value).startswith("_")
                and not str(name.value).startswith("__")
            ):
                yield f"{relative(path)}:{node.lineno}: {node.func.id}(…, {name.value!r})"
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pelican"):
            yield from (f"{relative(path)}:{node.lineno}: {a.name}" for a in node.names if a.name.startswith("_"))


def test_pelicans_private_names_are_used_in_pelican_api_only() -> None:
    found = [use for path in PLUGIN_MODULES + TOOL_MODULES if path != PELICAN_API for use in private_uses(path)]
    assert found == []
