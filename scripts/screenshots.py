"""Takes the README's screenshots from a running demo (`make run` in another shell):
    .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]
The demo password comes from CAIRN_DEMO_PASSWORD or var/demo_password."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
PASSWORD = os.environ.get("CAIRN_DEMO_PASSWORD") or (ROOT / "var" / "demo_password").read_text().strip()
SHOTS = {
    "home.png": "/",
    "issue-list.png": "/projects/WEB/issues/?status=open&group=status",
    "issue.png": "/issues/WEB-2/",
    "gantt.png": "/projects/WEB/gantt/",
}

with sync_playwright() as p:
    browser = p.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync"],
    )
    page = browser.new_page(viewport={"width": 1360, "height": 860})
    page.goto(f"{BASE}/accounts/login/")
    page.fill("input[name=login]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{BASE}/")
    for name, path in SHOTS.items():
        page.goto(BASE + path)
        page.screenshot(path=str(ROOT / "docs" / "screenshots" / name))
        print("wrote", name)
    browser.close()
