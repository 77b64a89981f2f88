"""The Gantt chart in a real browser. Alice plans three tasks in a row (A → B → C, finish
to start), drags A later and watches B and C follow, in the bars and in the table; she
links and unlinks tasks by typing; Gus, a guest, sees the plan but nothing to drag."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.planning import services as planning
from cairn.tracker import services as tracker

pytestmark = pytest.mark.browser

DAY = 480


@pytest.fixture
def chain(alice: Any, web: Any) -> list[Any]:
    """Three two-day tasks, each starting when the one before finishes."""
    now = timezone.now()
    issues = [
        tracker.create_issue(actor=alice, project=web, fields={"title": title}, now=now)
        for title in ("Survey the site", "Pour the footings", "Raise the walls")
    ]
    for issue in issues:
        planning.add_to_schedule(actor=alice, issue=issue, duration_minutes=2 * DAY, now=now)
    for before, after in zip(issues, issues[1:]):
        planning.add_dependency(
            actor=alice, project=web, predecessor=before, successor=after, kind="FS", lag_minutes=0, now=now
        )
    return issues


def bar(page: Any, issue: Any) -> Any:
    return page.locator(f'.g-task[data-key="{issue.key}"]')


def row(page: Any, issue: Any) -> Any:
    return page.locator(f'.g-row[data-key="{issue.key}"]')


def open_gantt(page: Any, zoom: str = "day") -> None:
    # A planner's screen: room for the table's columns and a timeline beside them.
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("/projects/WEB/gantt/")
    expect(page.locator("#gantt.g-ready")).to_be_attached()
    page.get_by_role("button", name=zoom.title(), exact=True).click()
    expect(page.locator("#gantt")).to_have_attribute("data-zoom", zoom)
    page.get_by_role("button", name="Today").click()  # the plans here start today


def test_alice_drags_a_task_later_and_its_successors_follow(page, login, alice, web, chain):
    a, b, c = chain
    login(alice)
    open_gantt(page, "day")
    expect(bar(page, c)).to_be_visible()
    revision = page.locator("#gantt").get_attribute("data-revision")
    before = {i.key: bar(page, i).get_attribute("data-start") for i in chain}
    x_before = {i.key: float(bar(page, i).get_attribute("data-x")) for i in chain}
    b_start_text = row(page, b).locator(".g-start").inner_text()
    c_start_text = row(page, c).locator(".g-start").inner_text()

    box = bar(page, a).locator(".g-bar").bounding_box()
    day = 30  # pixels per day in day zoom
    page.mouse.move(box["x"] + 10, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 10 + 3 * day, box["y"] + box["height"] / 2, steps=6)
    page.mouse.move(box["x"] + 10 + 7 * day, box["y"] + box["height"] / 2, steps=6)
    page.mouse.up()

    expect(page.locator("#gantt")).not_to_have_attribute("data-revision", revision or "")
    for issue in chain:
        expect(bar(page, issue)).not_to_have_attribute("data-start", before[issue.key])
    after = {i.key: bar(page, i).get_attribute("data-start") for i in chain}
    assert all(after[key] > before[key] for key in before), (before, after)
    assert all(float(bar(page, i).get_attribute("data-x")) > x_before[i.key] for i in chain)
    expect(row(page, b).locator(".g-start")).not_to_have_text(b_start_text)
    expect(row(page, c).locator(".g-start")).not_to_have_text(c_start_text)
    # Dragging an automatic task pins it where it was dropped, as in MS Project.
    expect(row(page, a).locator(".g-constraint")).to_have_attribute("title", re.compile(r"^SNET "))
    a.schedule.refresh_from_db()
    assert a.schedule.constraint == "SNET"


def test_alice_stretches_a_task_and_its_successor_starts_later(page, login, alice, web, chain):
    a, b, _ = chain
    login(alice)
    open_gantt(page, "day")
    b_start = bar(page, b).get_attribute("data-start")
    handle = bar(page, a).locator(".g-resize")
    box = handle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 45, box["y"] + box["height"] / 2, steps=4)
    page.mouse.move(box["x"] + box["width"] / 2 + 90, box["y"] + box["height"] / 2, steps=4)
    page.mouse.up()
    expect(bar(page, b)).not_to_have_attribute("data-start", b_start or "")
    a.schedule.refresh_from_db()
    assert a.schedule.duration_minutes > 2 * DAY


def test_alice_links_and_unlinks_tasks_by_typing_predecessors(page, login, alice, web, chain):
    a, b, c = chain  # rows 1, 2 and 3
    login(alice)
    open_gantt(page, "week")
    cell = row(page, c).get_by_role("button", name=re.compile(f"^Predecessors of {c.key}"))
    expect(cell).to_have_text("2")  # by the WBS code the first column shows
    cell.click()
    editor = row(page, c).get_by_role("textbox")
    editor.fill(f"{b.key}, 1SS+1d")  # by key or by WBS code
    editor.press("Enter")
    expect(cell).to_have_text("2, 1SS+1d")
    assert sorted(c.predecessor_links.values_list("predecessor__number", "kind", "lag_minutes")) == [
        (a.number, "SS", DAY),
        (b.number, "FS", 0),
    ]

    cell.click()
    editor.fill("1")  # B is no longer a predecessor; A's link becomes a plain FS
    editor.press("Enter")
    expect(cell).to_have_text("1")
    assert list(c.predecessor_links.values_list("predecessor__number", "kind", "lag_minutes")) == [
        (a.number, "FS", 0)
    ]
    expect(page.locator(f'.g-link[data-from="{b.key}"][data-to="{c.key}"]')).to_have_count(0)
    expect(page.locator(f'.g-link[data-from="{a.key}"][data-to="{c.key}"]')).to_have_count(1)


def test_a_loop_typed_into_predecessors_is_refused_and_said(page, login, alice, web, chain):
    a, _, c = chain
    login(alice)
    open_gantt(page, "week")
    row(page, a).get_by_role("button", name=re.compile(f"^Predecessors of {a.key}")).click()
    editor = row(page, a).get_by_role("textbox")
    editor.fill(c.key)
    editor.press("Enter")
    expect(page.locator("#toast .toast.error")).to_contain_text("loop")
    expect(row(page, a).locator(".g-error")).to_contain_text("loop")
    assert not a.predecessor_links.exists()
    editor.press("Escape")
    expect(row(page, a).get_by_role("textbox")).to_have_count(0)
    expect(row(page, a).locator(".g-preds")).to_have_text("")

    row(page, a).get_by_role("button", name=re.compile(f"^Duration of {a.key}")).click()
    editor = row(page, a).get_by_role("textbox")
    editor.fill("soon")
    editor.press("Enter")
    expect(row(page, a).locator(".g-error")).to_contain_text("not a duration")
    editor.fill("3")
    editor.press("Enter")
    expect(row(page, a).locator(".g-num")).to_have_text("3d")
    a.schedule.refresh_from_db()
    assert a.schedule.duration_minutes == 3 * DAY


def test_gus_sees_the_plan_but_no_drag_handles(page, login, gus, alice, web, chain):
    login(gus)
    open_gantt(page, "week")
    for issue in chain:
        expect(bar(page, issue)).to_be_visible()
    expect(page.locator(".g-link[data-from]")).to_have_count(2)
    expect(page.locator("#gantt")).to_have_attribute("data-can-edit", "false")
    expect(page.locator(".g-movable, .g-resize, .g-link-handle")).to_have_count(0)
    expect(page.locator(".g-rows button")).to_have_count(0)
    expect(page.get_by_role("button", name="Save baseline…")).to_have_count(0)
    expect(page.get_by_text("Drag a bar to move it")).to_have_count(0)
    # Dragging anyway moves nothing.
    start = bar(page, chain[0]).get_attribute("data-start")
    box = bar(page, chain[0]).locator(".g-bar").bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.down()
    page.mouse.move(box["x"] + 200, box["y"] + 5, steps=5)
    page.mouse.up()
    expect(bar(page, chain[0])).to_have_attribute("data-start", start or "")
    assert bar(page, chain[0]).get_attribute("transform") is None


def test_alice_links_two_tasks_by_dragging_and_removes_the_link_with_delete(page, login, alice, web, chain):
    a, b, c = chain
    login(alice)
    open_gantt(page, "day")
    handle = bar(page, a).locator(".g-link-handle").bounding_box()
    target = bar(page, c).locator(".g-bar").bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    page.mouse.move(target["x"] + 20, target["y"] + 7, steps=8)
    expect(bar(page, c)).to_have_class(re.compile(r"\bg-target\b"))
    page.mouse.up()
    link = page.locator(f'.g-link[data-from="{a.key}"][data-to="{c.key}"]')
    expect(link).to_have_count(1)
    assert c.predecessor_links.filter(predecessor=a, kind="FS").exists()

    page.once("dialog", lambda dialog: dialog.accept())
    link.focus()
    expect(link).to_have_class(re.compile(r"\bselected\b"))
    page.keyboard.press("Delete")
    expect(link).to_have_count(0)
    assert not c.predecessor_links.filter(predecessor=a).exists()
    expect(page.locator(".g-link")).to_have_count(2)


def test_the_chart_follows_someone_elses_change_live(page, login, alice, bob, web, chain):
    a, b, _ = chain
    login(alice)
    open_gantt(page, "week")
    before = bar(page, b).get_attribute("data-start")
    planning.update_task(actor=bob, issue=a, changes={"duration_minutes": 6 * DAY}, now=timezone.now())
    page.evaluate(
        """actor => document.dispatchEvent(new CustomEvent("cairn:live", {detail: {
            name: "schedule.changed", actor_id: actor, project_id: 0, payload: {project: "WEB"}}}))""",
        bob.pk,
    )
    expect(bar(page, b)).not_to_have_attribute("data-start", before or "")
    assert bar(page, b).get_attribute("data-start") > before
    expect(row(page, a).locator(".g-num")).to_have_text("6d")


def test_the_table_shows_each_tasks_total_and_free_float(page, login, alice, web, chain):
    """A side branch of two one-day tasks beside the six-day chain: both may slip four
    days before the plan ends later, but the first only as far as the second lets it."""
    now = timezone.now()
    fit, paint = (tracker.create_issue(actor=alice, project=web, fields={"title": title}, now=now)
                  for title in ("Fit the windows", "Paint the frames"))
    for issue in (fit, paint):
        planning.add_to_schedule(actor=alice, issue=issue, duration_minutes=DAY, now=now)
    planning.add_dependency(actor=alice, project=web, predecessor=fit, successor=paint, kind="FS", lag_minutes=0, now=now)
    login(alice)
    open_gantt(page, "week")
    head = page.locator("#gantt-head-row")
    expect(head.get_by_role("columnheader", name="Total float")).to_be_visible()
    expect(head.get_by_role("columnheader", name="Free float")).to_be_visible()
    for issue, total, free in ((chain[0], "0d", "0d"), (fit, "4d", "0d"), (paint, "4d", "4d")):
        expect(row(page, issue).locator(".g-total-float")).to_have_text(total)
        expect(row(page, issue).locator(".g-free-float")).to_have_text(free)
        expect(row(page, issue).locator(".g-total-float")).to_be_visible()
