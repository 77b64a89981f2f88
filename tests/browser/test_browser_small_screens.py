"""Cairn on a phone (390 px) and a small tablet (900 px). Alice's menus fold behind a
menu button and her search box behind a search button; no main page scrolls sideways;
the issue list shows cards; an issue page puts its fields before the comments."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.planning import services as planning
from cairn.tracker import comments, setup
from cairn.tracker import services as tracker

pytestmark = pytest.mark.browser

WIDTHS = [390, 900]
DAY = 480


@pytest.fixture
def busy_web(alice: Any, bob: Any, web: Any) -> list[Any]:
    """WEB with what makes pages wide: long titles, labels, due dates, a plan."""
    setup.add_label(actor=alice, project=web, name="accessibility")
    setup.add_milestone(actor=alice, project=web, name="Public beta")
    now = timezone.now()
    due = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    issues = [
        tracker.create_issue(actor=alice, project=web, now=now, fields={
            "title": f"{title} on the checkout page for returning customers", "assignee": assignee,
            "labels": ["accessibility"], "milestone": "Public beta", "due_date": due, "estimate_hours": "6",
        })
        for title, assignee in (("Cookie banner loses input", "alice"), ("Pricing table overflows", "bob"),
                                ("Keyboard focus disappears", "alice"))
    ]
    for issue in issues:
        planning.add_to_schedule(actor=alice, issue=issue, duration_minutes=3 * DAY, now=now)
    comments.add_comment(actor=bob, issue=issues[0], body="Seen on a phone too.", now=now)
    return issues


def fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= innerWidth"))


@pytest.mark.parametrize("width", WIDTHS)
def test_no_main_page_scrolls_sideways(page, login, alice, busy_web, width):
    page.set_viewport_size({"width": width, "height": 800})
    login(alice)
    first = busy_web[0].key
    for path in ("/", "/projects/", "/projects/WEB/", "/projects/WEB/issues/", "/projects/WEB/issues/?group=assignee",
                 f"/issues/{first}/", "/my-work/", "/search/?q=checkout", "/workload/", "/projects/WEB/gantt/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert fits(page), f"{path} is {page.evaluate('document.documentElement.scrollWidth')} px wide at {width} px"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_menu_button_shows_the_main_and_project_menus(page, login, alice, busy_web, width):
    page.set_viewport_size({"width": width, "height": 800})
    login(alice).goto("/projects/WEB/issues/")
    menu = page.get_by_role("button", name="Menu")
    main_menu = page.get_by_role("navigation", name="Main")
    project_menu = page.get_by_role("navigation", name="Project")
    expect(main_menu).to_be_hidden()
    expect(project_menu).to_be_hidden()
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(main_menu.get_by_role("link", name="Home")).to_be_focused()
    expect(main_menu.get_by_role("link", name="Workload")).to_be_visible()
    expect(project_menu.get_by_role("link", name="Gantt")).to_be_visible()
    assert fits(page)
    page.keyboard.press("Escape")
    expect(project_menu).to_be_hidden()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    menu.click()
    project_menu.get_by_role("link", name="Gantt").click()
    expect(page).to_have_url(re.compile("/projects/WEB/gantt/$"))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_search_button_opens_the_search_box(page, login, alice, busy_web, width):
    page.set_viewport_size({"width": width, "height": 800})
    login(alice).goto("/projects/WEB/")
    box = page.get_by_role("searchbox", name="Search issues")
    expect(box).to_be_hidden()
    page.get_by_role("button", name="Search", exact=True).click()
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    expect(box).to_be_hidden()
    # The "/" shortcut opens it too.
    page.keyboard.press("/")
    expect(box).to_be_focused()
    box.fill("Pricing")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=Pricing"))
    expect(page.get_by_role("link", name=re.compile("Pricing table overflows"))).to_be_visible()


def test_on_a_wide_screen_the_menus_and_search_box_show_without_buttons(page, login, alice, web):
    page.set_viewport_size({"width": 1280, "height": 800})
    login(alice).goto("/projects/WEB/")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("navigation", name="Project")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search issues")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.get_by_role("button", name="Search", exact=True)).to_be_hidden()


def box(locator: Any) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_the_issue_list_shows_one_card_per_issue(page, login, alice, busy_web, width):
    page.set_viewport_size({"width": width, "height": 800})
    login(alice).goto("/projects/WEB/issues/")
    cards = page.locator("#issue-table tbody tr")
    expect(cards).to_have_count(3)
    card = cards.first
    # A card: its title on a line of its own under the key, the whole width of the list.
    key, title = box(card.locator("td.key")), box(card.locator("td.c-title"))
    assert title["y"] >= key["y"] + key["height"] - 1
    assert box(card)["width"] >= box(page.locator("#issue-table"))["width"] - 2
    expect(card).to_contain_text("Alice")
    # Sorting and choosing still work.
    page.locator("#issue-table thead").get_by_role("link", name="Title").click()
    expect(page).to_have_url(re.compile("sort=title"))
    page.get_by_label(f"Select {busy_web[1].key}").check()
    expect(page.get_by_text("1 selected")).to_be_visible()
    assert fits(page)


def test_on_a_phone_the_filters_past_the_text_open_with_a_button(page, login, alice, busy_web):
    page.set_viewport_size({"width": 390, "height": 800})
    login(alice).goto("/projects/WEB/issues/")
    status = page.locator("#issue-filters select[name=status]")
    expect(page.locator("#issue-filters").get_by_label("Text")).to_be_visible()
    expect(status).to_be_hidden()
    page.get_by_role("button", name="More filters").click()
    expect(status).to_be_focused()
    status.select_option("Done")
    expect(page.get_by_text("No issues match.")).to_be_visible()
    # A filter in use stays in sight with the others folded: none that narrows the list
    # is ever hidden.
    page.goto("/projects/WEB/issues/?status=Done")
    expect(status).to_be_visible()
    expect(page.locator("#issue-filters select[name=assignee]")).to_be_hidden()
    expect(page.get_by_role("button", name="More filters")).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_issue_page_shows_its_fields_before_the_comments(page, login, alice, busy_web, width):
    page.set_viewport_size({"width": width, "height": 800})
    login(alice).goto(f"/issues/{busy_web[0].key}/")
    title = box(page.get_by_role("heading", level=1))
    fields = box(page.get_by_role("complementary", name="Details"))
    talk = box(page.get_by_role("tab", name=re.compile("Comments")))
    assert title["y"] < fields["y"] < talk["y"]
    assert fits(page)
