"""The package's folders show the flow; these tests hold the import rules each __init__ states."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "readiness"

# folder -> module prefixes it must never import
FORBIDDEN = {
    "analysis": ("streamlit", "sqlmodel", "sqlalchemy", "readiness.store", "readiness.app", "readiness.charts",
                 "readiness.meeting", "readiness.importers"),
    "charts": ("streamlit", "sqlmodel", "sqlalchemy", "readiness.store", "readiness.app", "readiness.meeting",
               "readiness.importers"),
    "meeting": ("streamlit", "sqlmodel", "sqlalchemy", "readiness.store", "readiness.app"),
    "importers": ("streamlit", "sqlmodel", "sqlalchemy", "readiness.store", "readiness.app", "readiness.charts",
                  "readiness.meeting"),
    "store": ("streamlit", "readiness.app", "readiness.importers", "readiness.charts", "readiness.meeting"),
}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (function-level imports count too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def breaks(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_folder_imports_only_what_its_init_allows(folder):
    bad = [f"{path.relative_to(ROOT)} imports {module}"
           for path in sorted((PACKAGE / folder).rglob("*.py"))
           for module in sorted(imported_modules(path)) if breaks(module, FORBIDDEN[folder])]
    assert not bad, "\n".join(bad)


def test_only_the_app_folder_and_pages_import_streamlit():
    allowed = {PACKAGE / "app", ROOT / "pages"}
    bad = [str(path.relative_to(ROOT)) for path in sorted(PACKAGE.rglob("*.py"))
           if "streamlit" in {m.split(".")[0] for m in imported_modules(path)}
           and not any(folder in path.parents for folder in allowed)]
    assert not bad, f"streamlit imported outside readiness/app and pages/: {bad}"


def test_pages_never_query_or_parse():
    bad = [f"{path.name} imports {module}" for path in sorted((ROOT / "pages").glob("*.py"))
           for module in imported_modules(path)
           if breaks(module, ("sqlmodel", "sqlalchemy", "readiness.store", "readiness.importers.markdown", "re"))]
    assert not bad, "\n".join(bad)


def test_every_folder_says_what_lives_there_and_what_it_may_import():
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and "import" in doc.lower(), f"{init.relative_to(ROOT)} must say what it may import"
