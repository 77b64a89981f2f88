"""The shape of the code is checked with the tests: the engine imports no Django,
bounded contexts import only downwards with no exception (pyproject.toml,
[tool.importlinter]), and the engine, policy and use cases type-check strictly."""

from __future__ import annotations

import os
import re
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


BULK_WRITE = re.compile(r"rows\.(?:update_many|insert_many)\(\s*(\w+)")


def test_bulk_writers_only_write_their_own_contexts_tables() -> None:
    """rows.update_many / insert_many write with one prepared statement, past the ORM: a
    context may use them on its own models only (one writer per fact), never another's."""
    from django.apps import apps

    models = {model.__name__: model for model in apps.get_models()}
    found = []
    for path in (ROOT / "src" / "cairn").rglob("*.py"):
        context = path.relative_to(ROOT / "src" / "cairn").parts[0]
        for name in BULK_WRITE.findall(path.read_text()):
            owner = models[name]._meta.app_label
            found.append(name)
            assert owner == context, f"{path.relative_to(ROOT)} writes {name} of {owner} with raw SQL"
    assert found, "no bulk writer found: the pattern no longer matches the code"


def test_only_the_bulk_writers_and_the_search_index_reach_past_the_orm() -> None:
    allowed = {"rows.py", "search/index.py", "accounts/management/commands/cairn_check.py"}
    for path in (ROOT / "src" / "cairn").rglob("*.py"):
        name = path.relative_to(ROOT / "src" / "cairn").as_posix()
        if "migrations/" in name or name in allowed:
            continue
        text = path.read_text()
        assert not re.search(r"\.cursor\(\)|\.raw\(|\.extra\(", text), f"{name} writes SQL by hand"
