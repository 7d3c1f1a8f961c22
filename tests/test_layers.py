"""`make lint` keeps the layers: an import upward, even inside a function, breaks it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """The layer check of `make lint`, run on a copy of the package under `tree`."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def copy_of_the_package(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "src" / "xhht",
        tmp_path / "xhht",
        ignore=lambda _folder, names: [
            n for n in names if (not n.endswith(".py") and "." in n) or n == "__pycache__"
        ],
    )
    return tmp_path


def test_the_layers_hold_on_today_s_tree(tmp_path: Path) -> None:
    result = lint_imports(copy_of_the_package(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_upward_import_inside_a_function_breaks_the_lint(tmp_path: Path) -> None:
    tree = copy_of_the_package(tmp_path)
    module = tree / "xhht" / "orgunits" / "models.py"
    module.write_text(
        module.read_text()
        + "\n\ndef _upward() -> object:\n    from xhht.reports import models\n\n    return models\n"
    )
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "Apps form layers BROKEN" in result.stdout
    assert "xhht.orgunits.models -> xhht.reports.models" in result.stdout


def test_django_in_the_parser_breaks_the_lint(tmp_path: Path) -> None:
    tree = copy_of_the_package(tmp_path)
    module = tree / "xhht" / "directives" / "parser" / "model.py"
    module.write_text(module.read_text() + "\n\nimport django.conf  # noqa: E402\n")
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "knows no Django" in result.stdout and "BROKEN" in result.stdout
