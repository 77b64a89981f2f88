"""The roadmap in a browser: a product manager drags a feature from Next to Now and it
stays there after a reload; a link shared with customers shows it without login and
hides the fields not chosen; a bar dragged along the timeline keeps its new dates."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.product.models import Feature
from cairn.product.services import backlog, products
from cairn.product.services import roadmap as roadmaps

pytestmark = pytest.mark.browser


@pytest.fixture
def product(workspace, alice, web):
    made = products.create_product(actor=alice, workspace=workspace, name="Cairn Cloud", now=timezone.now())
    products.set_projects(actor=alice, product=made, keys=["WEB"])
    return made


@pytest.fixture(autouse=True)
def patient(page):
    # The roadmap page draws 500 items in one go in CI; on a busy machine a first load of
    # the page and its scripts can take longer than the suite's 5 s default.
    page.set_default_timeout(15_000)


def put(alice, product, title, lane, description=""):
    made = backlog.create_feature(actor=alice, product=product, title=title, now=timezone.now(),
                                  description=description)
    roadmaps.move_feature(actor=alice, product=product, feature_id=made.pk, lane=lane)
    return made


def drag(page, source, target):
    # As a hand would: a small move starts SortableJS's drag, then the card travels.
    box, goal = source.bounding_box(), target.bounding_box()
    page.mouse.move(box["x"] + 10, box["y"] + 10)
    page.mouse.down()
    page.mouse.move(box["x"] + 20, box["y"] + 20, steps=3)
    page.mouse.move(goal["x"] + 20, goal["y"] + 20, steps=10)
    page.mouse.up()


def test_a_feature_dragged_from_next_to_now_stays_and_is_shared_without_login(page, login, browser, live_server,
                                                                             alice, product):
    put(alice, product, "Billing", "now")
    search = put(alice, product, "Search", "next", description="Internal plan: beat Megacorp to it.")
    login(alice).goto(f"/products/{product.pk}/roadmap/")
    now_lane, next_lane = page.locator("ol.rm-cards[data-lane=now]"), page.locator("ol.rm-cards[data-lane=next]")
    card = next_lane.locator(".rm-card", has_text="Search")
    expect(card).to_be_visible()
    with page.expect_response(lambda r: r.url.endswith("/move") and r.request.method == "POST") as answer:
        drag(page, card, now_lane)
    assert answer.value.status == 200
    expect(now_lane.locator(".rm-card", has_text="Search")).to_be_visible()
    assert Feature.objects.get(pk=search.pk).lane == "now"
    page.reload()
    expect(now_lane.locator(".rm-card", has_text="Search")).to_be_visible()
    expect(next_lane.locator(".rm-card")).to_have_count(0)

    page.get_by_role("button", name="Share…").click()
    page.get_by_label("Label (for you)").fill("Customers")
    page.get_by_role("button", name="Create link").click()
    url = page.locator("#share-url")
    expect(url).to_have_value(re.compile(r"/roadmap/[\w-]+/$"))
    shared = url.input_value()
    expect(page.locator("#share-links")).to_contain_text("Customers")

    visitor = browser.new_context()
    try:
        outside = visitor.new_page()
        outside.goto(shared)
        lane = outside.locator("ol.rm-cards[data-lane=now]")
        expect(lane.locator(".rm-card", has_text="Search")).to_be_visible()
        expect(outside.locator("body")).not_to_contain_text("Megacorp")
        assert "Megacorp" not in outside.content()
        expect(outside.locator(".topbar")).to_have_count(0)
    finally:
        visitor.close()


def test_a_bar_dragged_along_the_timeline_keeps_its_new_dates(page, login, alice, product):
    today = timezone.now().date()
    made = put(alice, product, "Referrals", "next")
    roadmaps.set_dates(actor=alice, product=product, feature_id=made.pk, start=today, end=today + dt.timedelta(days=30))
    login(alice).goto(f"/products/{product.pk}/roadmap/")
    page.get_by_role("button", name="Timeline").click()
    page.get_by_role("button", name="Months").click()
    bar = page.locator(".rm-bar.draggable")
    expect(bar).to_have_count(1)
    track = page.locator(".rm-row[data-id] .rm-track").first.bounding_box()
    box = bar.bounding_box()
    with page.expect_response(lambda r: r.url.endswith("/dates") and r.request.method == "PUT") as answer:
        page.mouse.move(box["x"] + 5, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + 5 + track["width"] / 8, box["y"] + box["height"] / 2, steps=5)
        page.mouse.up()
    assert answer.value.status == 200
    moved = Feature.objects.get(pk=made.pk)
    assert moved.roadmap_start > today and (moved.roadmap_end - moved.roadmap_start).days == 30


def test_a_refused_move_snaps_back_with_the_reason(page, login, alice, product):
    put(alice, product, "Billing", "now")
    search = put(alice, product, "Search", "next")
    login(alice).goto(f"/products/{product.pk}/roadmap/")
    # The server refuses as it would a move by someone whose role was just lowered.
    page.route("**/move", lambda route: route.fulfill(
        status=403, content_type="application/json",
        body='{"message": "Your workspace role (Member) may not do this", "errors": {}}'))
    next_lane = page.locator("ol.rm-cards[data-lane=next]")
    drag(page, next_lane.locator(".rm-card", has_text="Search"), page.locator("ol.rm-cards[data-lane=now]"))
    expect(page.locator("#toast")).to_contain_text("may not do this")
    expect(next_lane.locator(".rm-card", has_text="Search")).to_be_visible()
    expect(page.locator("ol.rm-cards[data-lane=now] .rm-card")).to_have_count(1)
    assert Feature.objects.get(pk=search.pk).lane == "next"


def test_a_card_moves_with_the_keyboard(page, login, alice, product):
    put(alice, product, "Billing", "now")
    search = put(alice, product, "Search", "next")
    login(alice).goto(f"/products/{product.pk}/roadmap/")
    card = page.locator("ol.rm-cards[data-lane=next] .rm-card", has_text="Search")
    card.focus()
    with page.expect_response(lambda r: r.url.endswith("/move")) as answer:
        page.keyboard.press("Alt+ArrowLeft")
    assert answer.value.status == 200
    expect(page.locator("ol.rm-cards[data-lane=now] .rm-card")).to_have_text(["Billing", "Search"])
    with page.expect_response(lambda r: r.url.endswith("/move")):
        page.keyboard.press("Alt+ArrowUp")
    expect(page.locator("ol.rm-cards[data-lane=now] .rm-card")).to_have_text(["Search", "Billing"])
    moved = Feature.objects.get(pk=search.pk)
    assert moved.lane == "now" and moved.lane_rank < Feature.objects.get(title="Billing").lane_rank
