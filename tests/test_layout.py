"""The packages depend one way along the pipeline: read → structure → passages → records →
store → build, and search → store, http → search. A module that imports against that
direction fails here, so the layout keeps saying where each stage begins and ends."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# package → packages it must never import (a prefix forbids everything under it)
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "indexer": ("api",),
    "indexer.read": ("indexer.structure", "indexer.passages", "indexer.records", "indexer.store", "indexer.build", "indexer.add"),
    "indexer.structure": ("indexer.passages", "indexer.records", "indexer.store", "indexer.build", "indexer.add"),
    "indexer.passages": ("indexer.records", "indexer.store", "indexer.build", "indexer.add"),
    "indexer.records": ("indexer.store", "indexer.build", "indexer.add"),
    "indexer.store": ("indexer.build", "indexer.add"),
    # the shared core every stage reads: models, errors, config, progress
    "indexer.models": ("indexer.read", "indexer.structure", "indexer.passages", "indexer.records", "indexer.store", "indexer.build", "indexer.add"),
    "indexer.errors": ("indexer.read", "indexer.structure", "indexer.passages", "indexer.records", "indexer.store", "indexer.build", "indexer.add"),
    "indexer.config": ("indexer.read", "indexer.structure", "indexer.passages", "indexer.records", "indexer.store", "indexer.build", "indexer.add"),
    "indexer.progress": ("indexer.read", "indexer.structure", "indexer.passages", "indexer.records", "indexer.store", "indexer.build", "indexer.add"),
    "api.search": ("api.http", "api.browse", "api.alerts", "api.evaluation", "api.cli", "indexer.build", "indexer.add"),
    "api.browse": ("api.http", "api.search", "api.alerts", "api.evaluation", "api.cli", "indexer.build", "indexer.add"),
    "api.alerts": ("api.http", "api.browse", "api.evaluation", "api.cli", "indexer.build", "indexer.add"),
    "api.evaluation": ("api.http", "api.alerts", "api.cli"),
    "api.http": ("api.cli", "api.evaluation"),
}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, name: str) -> list[tuple[int, str]]:
    """Every module a file imports, relative imports resolved against its own package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def violations(root: Path, rules: dict[str, tuple[str, ...]] = FORBIDDEN) -> list[str]:
    out: list[str] = []
    for top in ("indexer", "api"):
        for path in sorted((root / top).rglob("*.py")):
            name = module_name(path, root)
            for lineno, target in imported_modules(path, name):
                for package, forbidden in rules.items():
                    if _within(name, package) and any(_within(target, f) for f in forbidden):
                        out.append(f"{path.relative_to(root)}:{lineno} {name} imports {target} (forbidden for {package})")
    return sorted(set(out))


def test_the_packages_depend_one_way() -> None:
    assert violations(ROOT) == []


@pytest.mark.parametrize(("module", "line", "package"), [
    ("indexer/read/sneaky.py", "from indexer.structure.header import read_header\n", "indexer.read"),
    ("indexer/store/sneaky.py", "import api.search.engine\n", "indexer"),
    ("indexer/read/sneaky.py", "from ..structure import header\n", "indexer.read"),
    ("api/search/sneaky.py", "from api.http.app import app\n", "api.search"),
    ("api/alerts/sneaky.py", "from api.http.access import TokenStore\n", "api.alerts"),
])
def test_the_check_catches_an_import_against_the_pipeline(tmp_path: Path, module: str, line: str, package: str) -> None:
    for top in ("indexer", "api"):
        (tmp_path / top).mkdir()
    target = tmp_path / module
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(line, encoding="utf-8")
    found = violations(tmp_path)
    assert any(f"forbidden for {package}" in v for v in found)


def test_every_package_says_what_it_takes_and_must_never_import() -> None:
    for init in sorted((ROOT / "indexer").rglob("__init__.py")) + sorted((ROOT / "api").rglob("__init__.py")):
        if init.parent in (ROOT / "indexer", ROOT / "api"):
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "In:" in doc and "never import" in doc, f"{init.relative_to(ROOT)} lacks its contract"


def test_no_module_is_too_long_to_read_in_one_sitting() -> None:
    long = [f"{p.relative_to(ROOT)}: {n}" for top in ("indexer", "api") for p in (ROOT / top).rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 320]
    assert long == []
