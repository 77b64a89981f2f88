"""Every front-end package package.json declares is served to a page, and the lock file
pins exactly what package.json declares (`npm ci` refuses a lock that disagrees)."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DECLARED = json.loads((ROOT / "package.json").read_text())["dependencies"]


def test_every_declared_package_is_used_by_a_template_or_script() -> None:
    sources = [*(ROOT / "src" / "cairn").rglob("*.html"), *(ROOT / "src" / "cairn").rglob("*.js")]
    code = "".join(path.read_text(encoding="utf-8") for path in sources)
    unused = sorted(name for name in DECLARED if f"vendor/{name}/" not in code)
    assert not unused, f"declared in package.json, used by no page: {unused}"


def test_the_lock_pins_what_package_json_declares() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    assert lock[""]["dependencies"] == DECLARED
    assert {name: lock[f"node_modules/{name}"]["version"] for name in DECLARED} == DECLARED
