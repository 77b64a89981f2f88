"""The golden tests find the shared corpus beside the repository, and under CI its absence
fails the build instead of quietly skipping the tests that read it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from shared_data import ROOT, needs

CORPUS_TESTS = [
    "tests/engine/levelling/test_levelling_psplib.py::test_the_optimum_table_has_every_j30_instance",
    "tests/interop/test_interop_mspdi.py::test_the_corpus_has_the_twenty_mspdi_files",
]


def _run(tests: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "CAIRN_SHARED_DIR")}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", *tests],
                          cwd=ROOT, env={**environ, **env}, capture_output=True, text=True, timeout=300)


@needs(ROOT.parent / "shared")
def test_the_corpus_is_found_beside_the_repository() -> None:
    run = _run(CORPUS_TESTS, CI="true")
    assert run.returncode == 0, run.stdout
    assert "2 passed" in run.stdout


def test_a_missing_corpus_skips_on_a_laptop(tmp_path: Path) -> None:
    run = _run(CORPUS_TESTS, CAIRN_SHARED_DIR=str(tmp_path))
    assert run.returncode == 0, run.stdout
    assert "2 skipped" in run.stdout


def test_a_missing_corpus_fails_under_ci(tmp_path: Path) -> None:
    run = _run(CORPUS_TESTS, CAIRN_SHARED_DIR=str(tmp_path), CI="true")
    assert run.returncode == 1, run.stdout
    assert "2 errors" in run.stdout and f"missing {tmp_path}" in run.stdout
