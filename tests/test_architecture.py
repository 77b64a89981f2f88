"""The shape of the code is checked with the tests: the engine imports no Django,
bounded contexts import only downwards with no exception (pyproject.toml,
[tool.importlinter]), and the engine, policy and use cases type-check strictly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_hold() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_import_contract_has_an_exception() -> None:
    config = (ROOT / "pyproject.toml").read_text()
    assert "ignore_imports" not in config, "an import contract lists an exception again"


def test_the_typed_code_type_checks(tmp_path: Path) -> None:
    """mypy, strict, over the engine, the policy and every context's use cases (the
    `files` of [tool.mypy]), with Django's stubs."""
    mypy = Path(sys.executable).with_name("mypy")
    result = subprocess.run([str(mypy), "--cache-dir", str(tmp_path / "cache")], cwd=ROOT, capture_output=True,
                            text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert result.returncode == 0, result.stdout + result.stderr
