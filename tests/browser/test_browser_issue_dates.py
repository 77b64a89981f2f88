"""Dates of scheduled issues on the issue page, in a real browser: Bob watches an issue
that Alice's change to the plan moves; Alice edits a scheduled issue's start inline and
the edit survives the next reschedule; the history tells the schedule's moves."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.events import bus
from cairn.events.broker import encode
from cairn.planning import services as planning
from cairn.tracker import services as tracker

pytestmark = pytest.mark.browser

DAY = 480
# The test server cannot stream (see conftest): the page gets a stand-in event source,
# and the test hands it the events that the services really published.
FAKE_EVENTS = """
window.EventSource = function () { this.listeners = {}; window.__events = this; };
window.EventSource.prototype.addEventListener = function (name, listener) {
  (this.listeners[name] = this.listeners[name] || []).push(listener);
};
"""


@pytest.fixture
def chain(alice: Any, web: Any) -> dict[str, Any]:
    """A → B → C, two days each, from Monday 2 November 2026."""
    now = timezone.now()
    planning.set_calendar(actor=alice, project=web, start_date=dt.date(2026, 11, 2), now=now)
    tasks = {}
    for name in "ABC":
        tasks[name] = tracker.create_issue(actor=alice, project=web, fields={"title": f"Task {name}"}, now=now)
        planning.add_to_schedule(actor=alice, issue=tasks[name], duration_minutes=2 * DAY, now=now)
    planning.add_dependency(actor=alice, project=web, predecessor=tasks["A"], successor=tasks["B"], now=now)
    planning.add_dependency(actor=alice, project=web, predecessor=tasks["B"], successor=tasks["C"], now=now)
    return tasks


def _field(page: Any, name: str) -> Any:
    return page.locator(f"#field-{name}")


def test_bobs_open_issue_page_follows_a_reschedule_that_moves_it(page: Any, login: Any, alice: Any, bob: Any,
                                                                 chain: dict[str, Any]) -> None:
    page.add_init_script(FAKE_EVENTS)
    login(bob).goto(f"/issues/{chain['C'].key}/")
    expect(_field(page, "start_date")).to_contain_text("2026-11-06")
    heard: list[bus.Event] = []
    stop = bus.subscribe(heard.append)
    try:
        planning.update_task(actor=alice, issue=chain["A"], changes={"duration_minutes": 3 * DAY}, now=timezone.now())
    finally:
        stop()
    for event in heard:
        page.evaluate("""([name, data]) => (window.__events.listeners[name] || [])
                         .forEach(listener => listener({data: data}))""", [event.name, encode(event)])
    expect(_field(page, "start_date")).to_contain_text("2026-11-09")
    expect(_field(page, "due_date")).to_contain_text("2026-11-10")
    expect(page.locator("#toast")).to_contain_text(f"{chain['C'].key} was updated by someone else")
    page.get_by_role("tab", name="History").click()
    expect(page.locator("#history")).to_contain_text(
        re.compile(r"Alice \(via schedule\)\s+moved\s+start\s+from\s+2026-11-06\s+to\s+2026-11-09"))


def test_alice_moves_a_scheduled_start_inline_and_it_survives_a_reschedule(page: Any, login: Any, open_editor: Any,
                                                                          alice: Any, bob: Any,
                                                                          chain: dict[str, Any]) -> None:
    login(alice).goto(f"/issues/{chain['B'].key}/")
    editor = open_editor("start_date")
    expect(editor).to_contain_text("Scheduled: the task will start no earlier than this day.")
    editor.get_by_label("Start").fill("2026-11-10")
    expect(_field(page, "start_date")).to_contain_text("2026-11-10")
    # The schedule moved the due date too: the page shows it without a reload.
    expect(_field(page, "due_date")).to_contain_text("2026-11-11")
    expect(page.locator("#toast")).to_be_empty()

    planning.update_task(actor=bob, issue=chain["A"], changes={"duration_minutes": DAY}, now=timezone.now())
    page.reload()
    expect(_field(page, "start_date")).to_contain_text("2026-11-10")
    page.get_by_role("tab", name="History").click()
    history = page.locator("#history")
    expect(history).to_contain_text(
        re.compile(r"Alice \(via schedule\)\s+moved\s+start\s+from\s+2026-11-04\s+to\s+2026-11-10"))
    expect(history).to_contain_text(
        re.compile(r"Alice \(via schedule\)\s+moved\s+due\s+from\s+2026-11-05\s+to\s+2026-11-11"))
    # A second edit on the same page is not refused as stale: the save handed back the
    # version. A task holds one constraint: "finish no later than the 9th" replaces
    # "start no earlier than the 10th", and B goes back to following A (now one day).
    open_editor("due_date").get_by_label("Due").fill("2026-11-09")
    expect(_field(page, "start_date")).to_contain_text("2026-11-03")
    expect(_field(page, "due_date")).to_contain_text("2026-11-04")
    expect(page.locator("#toast")).to_be_empty()
