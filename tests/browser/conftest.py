"""Real Chromium against pytest-django's live server: one browser for the run of browser
tests, a fresh context (cookies, storage) per test. Debian's Chromium is used as
installed; these tests never download a browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM = os.environ.get("CAIRN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
HERE = Path(__file__).parent


class Chromium:
    """One browser for the run of browser tests, stopped as soon as the next test is not
    one of them: Playwright's sync API keeps an event loop running in this thread, and
    other tests' async_to_sync or asyncio.run would fail while it does."""

    def __init__(self) -> None:
        self.playwright: Any = None
        self.browser: Any = None
        self.unavailable: str | None = None

    def get(self) -> Any:
        if self.browser is None and self.unavailable is None:
            self.unavailable = self._start()
        if self.unavailable is not None:
            if IN_CI:
                pytest.fail(f"browser tests cannot run in CI: {self.unavailable}", pytrace=False)
            pytest.skip(self.unavailable)
        return self.browser

    def _start(self) -> str | None:
        if not (os.path.isfile(CHROMIUM) or shutil.which(CHROMIUM)):
            return f"Chromium is not installed at {CHROMIUM}"
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            return "Playwright for Python is not installed"
        self.playwright = sync_playwright().start()
        # With that loop running, Django refuses ORM calls from this thread (fixtures,
        # assertions) as "async unsafe" unless told otherwise.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        try:
            self.browser = self.playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            )
        except Exception as error:  # noqa: BLE001 - any launch failure means "no browser here"
            self.stop()
            return f"Chromium at {CHROMIUM} does not start: {error}"
        return None

    def stop(self) -> None:
        if self.browser is not None:
            self.browser.close()
            self.browser = None
        if self.playwright is not None:
            self.playwright.stop()
            self.playwright = None
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


CHROMIUM_RUN = Chromium()


@pytest.fixture
def browser() -> Any:
    return CHROMIUM_RUN.get()


def _delete_instead_of_truncate(style: Any, tables: Any, *, reset_sequences: bool = False,
                                allow_cascade: bool = False) -> list[str]:
    """The live server needs committed rows, so each test ends with Django's flush. On
    PostgreSQL that is a TRUNCATE of ~50 tables, a new file for each table and index:
    1.5 s a test on a busy machine, most of this directory's run time. DELETE of the few
    rows a test leaves takes 30 ms; Django's foreign keys are deferrable, so the order of
    the DELETEs does not matter."""
    if reset_sequences or allow_cascade:
        ops = connection.ops
        return type(ops).sql_flush(ops, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
    return ["SET CONSTRAINTS ALL DEFERRED"] + [f"DELETE FROM {connection.ops.quote_name(t)}" for t in tables]


def pytest_runtest_setup(item: pytest.Item) -> None:
    # Set here rather than in a fixture: pytest-django's live-server helper brings in
    # transactional_db before any fixture of ours, so a fixture would be undone before
    # the flush it was meant for.
    if connection.vendor == "postgresql":
        connection.ops.sql_flush = _delete_instead_of_truncate


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    try:
        return (yield)
    finally:
        if nextitem is None or HERE not in nextitem.path.parents:
            CHROMIUM_RUN.stop()
            connection.ops.__dict__.pop("sql_flush", None)


@pytest.fixture(autouse=True)
def _cheap_passwords(settings: Any) -> None:
    # Every persona's password is hashed at creation and on each form login; the
    # production hasher's cost buys nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(5_000)
    # The live server is WSGI, which buffers an async stream to its end, so the live
    # events stream (served by uvicorn in production) would hold a server thread forever.
    context.route("**/projects/*/events", lambda route: route.abort())
    pg = context.new_page()
    # Failures that no assertion would name: a script error, or a static file (say htmx)
    # that did not load, leaving a page that looks right and does nothing.
    problems: list[str] = []
    pg.on("pageerror", lambda error: problems.append(f"script error: {error}"))

    def on_response(response: Any) -> None:
        if "/static/" in response.url and response.status >= 400:
            problems.append(f"{response.status} for {response.url}")

    pg.on("response", on_response)
    yield pg
    context.close()
    assert not problems, problems


@pytest.fixture
def login(page: Any, live_server: Any) -> Callable[[Any], Any]:
    """Logs the page in as a user without the login form (that has its own test)."""

    def log_in(user: Any) -> Any:
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
        return page

    return log_in


@pytest.fixture
def mark_document(page: Any) -> Callable[[], Callable[[], bool]]:
    """Marks the loaded document; the returned check stays true only while no full page
    load has happened since, which tells htmx swaps apart from navigations."""

    def mark() -> Callable[[], bool]:
        page.evaluate("window.__sameDocument = true")
        return lambda: bool(page.evaluate("window.__sameDocument === true"))

    return mark


@pytest.fixture
def open_editor(page: Any) -> Callable[[str], Any]:
    """Opens a field's inline editor on the issue page and returns its form once htmx
    has wired it up. htmx processes swapped-in content only when it settles (~20 ms
    later); Playwright is quick enough to change a select inside that window, and the
    change would then be lost."""

    def open_(name: str) -> Any:
        page.locator(f"#field-{name}").click()
        form = page.locator(f"form#field-{name}:not(.htmx-added)")
        form.wait_for()
        return form

    return open_
