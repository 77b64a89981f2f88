"""The shared data corpus that golden tests read in place (never copied into the
repository): real MS Project files with what MPXJ reads from them, PSPLIB instances with
their published optima.

It sits beside the repository, ``../shared`` from its root; ``CAIRN_SHARED_DIR`` points
elsewhere.  A test that reads it carries ``@needs(path, ...)``: where a path is missing the
test skips on a developer's machine and fails under CI, so a green build means the corpus
was read.  Loaded as a plugin by the root conftest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SHARED = Path(os.environ.get("CAIRN_SHARED_DIR") or ROOT.parent / "shared")


def data(relative: str) -> Path:
    return SHARED / "data" / relative


def needs(*paths: Path) -> pytest.MarkDecorator:
    return pytest.mark.shared_data(*paths)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "shared_data(*paths): reads these paths of the shared data corpus")


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("shared_data"):
        missing = [str(path) for path in mark.args if not Path(path).exists()]
        if missing:
            message = f"the shared data corpus is missing {', '.join(missing)} (CAIRN_SHARED_DIR)"
            if IN_CI:
                pytest.fail(message, pytrace=False)
            pytest.skip(message)
