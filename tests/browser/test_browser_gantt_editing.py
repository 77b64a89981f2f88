"""Building a plan on the Gantt chart, in a real browser: Alice puts issues on the
schedule, adds tasks and milestones, indents and moves them with the keyboard, collapses
a summary, writes predecessors by WBS code, staffs a task with units, widens the table;
a stretched task whose finish an FF link holds says so before the drop; Gus, a guest,
is told why he sees no editing controls."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.planning import outline
from cairn.planning import services as planning
from cairn.planning.models import Assignment, TaskSchedule
from cairn.tracker import services as tracker
from cairn.tracker.models import Issue

pytestmark = pytest.mark.browser

DAY = 480


def make(alice: Any, web: Any, *titles: str) -> list[Issue]:
    now = timezone.now()
    return [tracker.create_issue(actor=alice, project=web, fields={"title": t}, now=now) for t in titles]


def plan(alice: Any, web: Any, issues: list[Issue]) -> None:
    outline.add_tasks(actor=alice, project=web, issues=issues, duration_minutes=2 * DAY, now=timezone.now())


def open_gantt(page: Any) -> None:
    page.goto("/projects/WEB/gantt/")
    expect(page.locator("#gantt.g-ready")).to_be_attached()


def row_of(page: Any, title: str) -> Any:
    return page.locator(".g-row[data-key]", has=page.get_by_role("link", name=title, exact=True))


def wbs_and_titles(page: Any) -> list[str]:
    return [f"{r.get_attribute('aria-label')}" for r in page.locator(".g-rows .g-row[data-key]").all()]


def outline_of(web: Any) -> list[tuple[str, str | None]]:
    """(title, parent title) of each task in position order, as stored."""
    return [(t.issue.title, t.issue.parent.title if t.issue.parent else None)
            for t in TaskSchedule.objects.filter(project=web).select_related("issue__parent").order_by("position")]


def test_alice_puts_issues_on_the_schedule_and_shapes_the_outline_with_the_keyboard(page, login, alice, web):
    make(alice, web, "Survey the site", "Pour the footings", "Raise the walls", "Not this one")
    login(alice)
    open_gantt(page)
    expect(page.locator("#gantt-status")).to_contain_text("No tasks are scheduled yet: add a task")

    page.get_by_role("button", name="+ Issues…").click()
    dialog = page.locator("#gantt-issues-dialog")
    expect(dialog.get_by_text("At the end of the plan.")).to_be_visible()
    dialog.get_by_role("searchbox").fill("the")
    expect(dialog.locator(".g-pick-item")).to_have_count(3)
    dialog.get_by_role("button", name="Choose all shown").click()
    dialog.get_by_role("button", name="Add 3 issues").click()
    expect(dialog).not_to_be_visible()
    expect(page.locator(".g-rows .g-row[data-key]")).to_have_count(3)
    expect(row_of(page, "Survey the site")).to_have_attribute("aria-selected", "true")
    expect(row_of(page, "Survey the site")).to_be_focused()

    # Insert on the selected row adds a task below it, at its level.
    page.keyboard.press("Insert")
    new = page.locator("#gantt-new-dialog")
    expect(new.get_by_text("Below 1 “Survey the site”, at its level.")).to_be_visible()
    new.get_by_label("Title").fill("Foundations")
    new.get_by_label("Title").press("Enter")
    expect(row_of(page, "Foundations")).to_have_attribute("aria-label", "2 Foundations")
    expect(row_of(page, "Foundations")).to_be_focused()

    # Survey goes under Foundations: select it, move it down past Foundations, indent…
    page.keyboard.press("ArrowUp")
    expect(row_of(page, "Survey the site")).to_be_focused()
    page.keyboard.press("Alt+ArrowDown")
    expect(row_of(page, "Survey the site")).to_have_attribute("aria-label", "2 Survey the site")
    page.keyboard.press("Alt+ArrowRight")
    expect(row_of(page, "Survey the site")).to_have_attribute("aria-label", "1.1 Survey the site")
    expect(page.locator("#gantt-status")).to_have_text(re.compile(r"indented: now 1\.1, under 1\."))
    # … and the footings after it, with the buttons this time.
    row_of(page, "Pour the footings").click(position={"x": 3, "y": 3})
    page.get_by_role("button", name="Indent ⇥").click()
    expect(row_of(page, "Pour the footings")).to_have_attribute("aria-label", "1.2 Pour the footings")
    assert outline_of(web) == [("Foundations", None), ("Survey the site", "Foundations"),
                               ("Pour the footings", "Foundations"), ("Raise the walls", None)]

    # A refused move says why, and changes nothing.
    row_of(page, "Survey the site").click(position={"x": 3, "y": 3})
    page.get_by_role("button", name="Indent ⇥").click()
    expect(page.locator("#toast .toast.error")).to_contain_text("has no task above it at its level")
    expect(row_of(page, "Survey the site")).to_have_attribute("aria-label", "1.1 Survey the site")
    row_of(page, "Pour the footings").click(position={"x": 3, "y": 3})
    page.get_by_role("button", name="⇤ Outdent").click()
    expect(row_of(page, "Pour the footings")).to_have_attribute("aria-label", "2 Pour the footings")

    # The summary collapses and opens again.
    summary = row_of(page, "Foundations")
    summary.get_by_role("button", name="Collapse 1 Foundations").click()
    expect(row_of(page, "Survey the site")).to_have_count(0)
    expect(summary).to_have_attribute("aria-expanded", "false")
    summary.click(position={"x": 3, "y": 3})
    page.keyboard.press("ArrowRight")
    expect(row_of(page, "Survey the site")).to_be_visible()

    # A milestone at the end, with nothing selected before it… is below the selected row.
    row_of(page, "Raise the walls").click(position={"x": 3, "y": 3})
    page.get_by_role("button", name="+ Milestone").click()
    new.get_by_label("Title").fill("Walls up")
    new.get_by_role("button", name="Add task").click()
    milestone = row_of(page, "Walls up")
    expect(milestone).to_have_attribute("aria-label", "4 Walls up")
    expect(page.locator(f'.g-task.g-milestone[data-key="{milestone.get_attribute("data-key")}"]')).to_have_count(1)

    # Delete takes a task off the plan, the issue stays.
    page.once("dialog", lambda d: d.accept())
    page.keyboard.press("Delete")
    expect(milestone).to_have_count(0)
    assert Issue.objects.filter(title="Walls up", schedule__isnull=True).exists()


def test_predecessors_are_written_and_shown_by_wbs_code_and_never_cut(page, login, alice, web):
    make(alice, web, *(f"Unplanned {n}" for n in range(1, 7)))  # issue numbers differ from row numbers
    tasks = make(alice, web, "Design", "Build", "Test", "Ship")
    plan(alice, web, tasks)
    design, build, test, ship = tasks
    login(alice)
    open_gantt(page)
    cell = row_of(page, "Ship").locator("[data-edit=predecessors]")
    cell.click()
    editor = row_of(page, "Ship").get_by_role("textbox")
    editor.fill(f"{design.key}FS+2d, 2SS-1d, 3FF+4h")
    editor.press("Enter")
    expect(cell).to_have_text("1FS+2d, 2SS-1d, 3FF+4h")
    expect(row_of(page, "Ship").locator(".g-preds")).to_have_attribute(
        "title", f"1FS+2d = {design.key}\n2SS-1d = {build.key}\n3FF+4h = {test.key}")
    fits = cell.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert fits, "the predecessors are cut"

    cell.click()
    editor.fill("1, 7")
    editor.press("Enter")
    expect(row_of(page, "Ship").locator(".g-error")).to_have_text("there is no row 7 in the plan")
    editor.fill(f"1, {ship.key}")
    editor.press("Enter")
    expect(row_of(page, "Ship").locator(".g-error")).to_have_text(f"“{ship.key}” is this task itself")
    editor.press("Escape")
    expect(cell).to_have_text("1FS+2d, 2SS-1d, 3FF+4h")
    assert ship.predecessor_links.count() == 3


def test_alice_puts_two_people_on_a_task_with_units(page, login, alice, bob, web):
    (task,) = make(alice, web, "Pour the footings")
    plan(alice, web, [task])
    login(alice)
    open_gantt(page)
    row_of(page, "Pour the footings").get_by_role("button", name=re.compile("^People on")).click()
    dialog = page.locator("#gantt-people-dialog")
    expect(dialog.get_by_text("Nobody works on this task yet.")).to_be_visible()
    dialog.get_by_role("button", name="+ Add a person").click()
    dialog.get_by_label("Person 1", exact=True).select_option(label="Alice")
    dialog.get_by_role("button", name="+ Add a person").click()
    dialog.get_by_label("Person 2", exact=True).select_option(label="Bob")
    dialog.get_by_label("Units of person 2, percent of full time").fill("0")
    dialog.get_by_role("button", name="Save people").click()
    expect(dialog.get_by_role("alert")).to_have_text("Units of bob: a whole percentage from 1 to 1000.")
    dialog.get_by_label("Units of person 2, percent of full time").fill("50")
    dialog.get_by_role("button", name="Save people").click()
    expect(dialog).not_to_be_visible()
    expect(row_of(page, "Pour the footings").locator(".g-people")).to_have_text("Alice, Bob 50%")
    assert sorted(Assignment.objects.filter(issue=task).values_list("user__username", "units")) == [
        ("alice", 100), ("bob", 50)]

    row_of(page, "Pour the footings").click(position={"x": 3, "y": 3})
    page.get_by_role("button", name="People…").click()
    dialog.get_by_role("button", name="Remove person 1").click()
    dialog.get_by_role("button", name="Save people").click()
    expect(row_of(page, "Pour the footings").locator(".g-people")).to_have_text("Bob 50%")
    assert list(Assignment.objects.filter(issue=task).values_list("user__username", flat=True)) == ["bob"]


def test_the_divider_widens_the_table_and_is_remembered(page, login, alice, web):
    plan(alice, web, make(alice, web, "A task with a rather long name to read in full"))
    login(alice)
    # A planner's screen: room to widen the table and keep a timeline beside it.
    page.set_viewport_size({"width": 1440, "height": 900})
    open_gantt(page)
    table = page.locator(".g-tbody")
    before = table.bounding_box()["width"]
    handle = page.get_by_role("separator", name=re.compile("^Width of the task table"))
    box = handle.bounding_box()
    page.mouse.move(box["x"] + 3, box["y"] + 200)
    page.mouse.down()
    page.mouse.move(box["x"] + 63, box["y"] + 200, steps=4)
    page.mouse.move(box["x"] + 123, box["y"] + 200, steps=4)
    page.mouse.up()
    assert table.bounding_box()["width"] == pytest.approx(before + 120, abs=2)
    handle.focus()
    page.keyboard.press("ArrowLeft")
    assert table.bounding_box()["width"] == pytest.approx(before + 100, abs=2)
    expect(handle).to_have_attribute("aria-valuenow", str(round(table.bounding_box()["width"])))
    page.reload()
    expect(page.locator("#gantt.g-ready")).to_be_attached()
    assert page.locator(".g-tbody").bounding_box()["width"] == pytest.approx(before + 100, abs=2)


def test_stretching_a_task_whose_finish_an_ff_link_holds_says_it_will_start_earlier(page, login, alice, web):
    first, held = make(alice, web, "Frame the roof", "Inspect the roof")
    plan(alice, web, [first, held])
    planning.update_task(actor=alice, issue=first, changes={"duration_minutes": 6 * DAY}, now=timezone.now())
    planning.add_dependency(actor=alice, project=web, predecessor=first, successor=held, kind="FF", now=timezone.now())
    login(alice)
    open_gantt(page)
    page.get_by_role("button", name="Day", exact=True).click()
    bar = page.locator(f'.g-task[data-key="{held.key}"]')
    start = bar.get_attribute("data-start")
    finish = bar.get_attribute("data-finish")
    handle = bar.locator(".g-resize").bounding_box()
    page.mouse.move(handle["x"] + 4, handle["y"] + 8)
    page.mouse.down()
    page.mouse.move(handle["x"] + 34, handle["y"] + 8, steps=3)
    page.mouse.move(handle["x"] + 64, handle["y"] + 8, steps=3)
    status = page.locator("#gantt-status")
    expect(status).to_contain_text(f"the FF link from 1 ({first.key}) holds its finish")
    expect(status).to_contain_text("so it will start earlier")
    page.mouse.up()
    expect(bar).not_to_have_attribute("data-start", start or "")
    assert bar.get_attribute("data-finish") == finish
    expect(page.locator("#toast .toast")).to_contain_text("holds its finish")


def test_gus_is_told_why_he_cannot_change_the_plan_and_sees_no_editing_controls(page, login, alice, gus, web):
    summary, task = make(alice, web, "Phase", "Work")
    plan(alice, web, [summary, task])
    outline.reshape(actor=alice, issue=task, action="indent", now=timezone.now())
    login(gus)
    open_gantt(page)
    expect(page.locator("#gantt-read-only")).to_contain_text(
        "You can look at this plan as a guest of WEB, but not change it: building the plan needs the member role")
    expect(page.get_by_role("toolbar", name="Build the plan")).to_have_count(0)
    expect(page.locator("#gantt-new-dialog, #gantt-issues-dialog, #gantt-people-dialog")).to_have_count(0)
    expect(page.locator(".g-rows [data-edit]")).to_have_count(0)
    # Reading is his: he may fold the outline and pick rows, but the outline keys do nothing.
    row_of(page, "Work").click(position={"x": 3, "y": 3})
    page.keyboard.press("Alt+ArrowLeft")
    page.keyboard.press("Insert")
    expect(page.locator("dialog[open]")).to_have_count(0)
    row_of(page, "Phase").get_by_role("button", name="Collapse 1 Phase").click()
    expect(row_of(page, "Work")).to_have_count(0)
    task.refresh_from_db()
    assert task.parent_id == summary.pk
