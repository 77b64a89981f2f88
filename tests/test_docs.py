"""The documentation stays true: the API reference matches the code, and every setting
the code reads is documented."""

from __future__ import annotations

import re
from pathlib import Path

from cairn.api import api
from cairn.api_reference import render

ROOT = Path(__file__).resolve().parent.parent


def test_the_api_reference_is_generated_from_the_current_api() -> None:
    committed = (ROOT / "docs" / "api.md").read_text()
    assert committed == render(api.get_openapi_schema()), (
        "docs/api.md is stale: run `cairn api_reference > docs/api.md`"
    )


def test_every_setting_read_from_the_environment_is_documented() -> None:
    code = "".join(p.read_text() for p in (ROOT / "src" / "cairn").rglob("*.py"))
    read = set(re.findall(r"""env_(?:str|bool|int)\(\s*["'](\w+)["']""", code))
    read |= set(re.findall(r"""environ(?:\.get)?\(\s*["'](CAIRN_\w+|PORT)["']""", code))
    documented = (ROOT / "docs" / "configuration.md").read_text()
    missing = sorted(name for name in read if f"`{name}`" not in documented)
    assert not missing, f"settings missing from docs/configuration.md: {missing}"


def test_every_link_between_the_documents_leads_to_a_file() -> None:
    pages = [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]
    broken = []
    for page in pages:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text()):
            if "://" in target or target.startswith(("/", "mailto:")):
                continue
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} → {target}")
    assert not broken, broken
