"""Takes the README's screenshots from a running demo (`make run` in another shell):
    .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000] [name.png ...]
With names, only those are taken. The demo password comes from CAIRN_DEMO_PASSWORD or
var/demo_password."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
ONLY = set(sys.argv[2:])
PASSWORD = os.environ.get("CAIRN_DEMO_PASSWORD") or (ROOT / "var" / "demo_password").read_text().strip()
DESKTOP = {"viewport": {"width": 1360, "height": 860}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
SHOTS = {
    "home.png": ("/", DESKTOP),
    "issue-list.png": ("/projects/WEB/issues/?status=open&group=status", DESKTOP),
    "issue.png": ("/issues/WEB-2/", DESKTOP),
    "gantt.png": ("/projects/WEB/gantt/", DESKTOP),
    "issue-list-390.png": ("/projects/WEB/issues/?status=open", PHONE),
    "product.png": ("/products/1/", DESKTOP),
    "product-roadmap.png": ("/products/1/roadmap/", DESKTOP),
    "product-backlog.png": ("/products/1/backlog/", DESKTOP),
    "product-kpi.png": ("/products/1/metrics/1/", DESKTOP),
    "earned-value.png": ("/projects/MOB/earned-value/", DESKTOP),
    "risks.png": ("/projects/MOB/risks/", DESKTOP),
}


def log_in(browser, device):  # type: ignore[no-untyped-def]
    page = browser.new_page(**device)
    page.goto(f"{BASE}/accounts/login/")
    page.fill("input[name=login]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{BASE}/")
    return page


with sync_playwright() as p:
    browser = p.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync"],
    )
    pages = {}
    for name, (path, device) in SHOTS.items():
        if ONLY and name not in ONLY:
            continue
        key = id(device)
        if key not in pages:
            pages[key] = log_in(browser, device)
        page = pages[key]
        page.goto(BASE + path)
        page.screenshot(path=str(ROOT / "docs" / "screenshots" / name))
        print("wrote", name)
    browser.close()
