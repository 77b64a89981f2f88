"""Every dependency pyproject.toml declares, extras included, is pinned in a lock file
to a version its specifier accepts, and no package is pinned twice."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ["requirements.lock", "requirements-solver.lock"]


def _pins(lock: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / lock).read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def test_every_declared_dependency_is_pinned_to_an_accepted_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared += extra
    pinned = {name: version for lock in LOCKS for name, version in _pins(lock).items()}
    wrong = []
    for requirement in map(Requirement, declared):
        version = pinned.get(canonicalize_name(requirement.name))
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            wrong.append(f"{requirement} (locked: {version})")
    assert not wrong, f"not locked, or locked outside the declared range: {wrong}"


def test_no_package_is_pinned_in_two_lock_files() -> None:
    main, solver = (_pins(lock) for lock in LOCKS)
    assert not set(main) & set(solver)
