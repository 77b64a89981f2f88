"""Issue 8's story end to end, every step through the pages: a visitor asks for an idea on
the public form; the product manager merges it into the duplicate the team had (both
votes stay), links it to the feature that delivers it, scores it with RICE, moves the
feature from Next to Now, ships the release whose generated notes list it; a shared
roadmap link shows the feature to anyone without the internal fields; and the visitor's
follow page says "Shipped"."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.product.models import Feature, Idea
from cairn.product.services import backlog, customers, ideas, products, releases, scoring
from cairn.product.services import roadmap as roadmaps
from cairn.tracker import services as tracker

pytestmark = pytest.mark.browser

# A first page of the run may wait for the browser and server to warm up on a busy machine.
FIRST_LOAD = 30_000


@pytest.fixture(autouse=True)
def patient(page):
    # The roadmap's scripts and htmx swaps can take longer than the suite's 5 s default
    # on a loaded machine.
    page.set_default_timeout(15_000)
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture
def story(alice, workspace, web):
    """What the team had before the visitor came: a feature in the Next lane delivered by
    a done WEB issue, a duplicate idea a customer already voted for, and a release."""
    now = timezone.now()
    product = products.create_product(actor=alice, workspace=workspace, name="Cairn Cloud", now=now)
    products.set_projects(actor=alice, product=product, keys=["WEB"])
    issue = tracker.create_issue(actor=alice, project=web, now=now,
                                 fields={"title": "Dark mode", "type": "Feature", "status": "Done"})
    billing = backlog.create_feature(actor=alice, product=product, title="Billing", now=now)
    roadmaps.move_feature(actor=alice, product=product, feature_id=billing.pk, lane="now")
    feature = backlog.create_feature(actor=alice, product=product, title="", issue=issue.key, now=now,
                                     description="Internal plan: beat Megacorp to it.")
    backlog.update_feature(actor=alice, feature=feature, fields={"theme": "Zebrawood"}, now=now)
    roadmaps.move_feature(actor=alice, product=product, feature_id=feature.pk, lane="next")
    scoring.set_scores(actor=alice, item=feature, now=now,
                       inputs={"reach": 4321, "impact": 2, "confidence": 50, "effort": 1})
    duplicate = ideas.create_idea(actor=alice, product=product, title="Night theme", now=now)
    globex = customers.create_customer(actor=alice, product=product, now=now,
                                       fields={"company": "Globex", "annual_revenue": "98765"})
    ideas.vote(actor=alice, idea=duplicate, customer=globex, now=now)
    release = releases.create_release(actor=alice, product=product, name="2026.12", now=now,
                                      target_date=(timezone.localdate() + dt.timedelta(weeks=3)).isoformat())
    return product, feature, duplicate, release


def drag(page, source, target):
    # As a hand would: a small move starts SortableJS's drag, then the card travels.
    box, goal = source.bounding_box(), target.bounding_box()
    page.mouse.move(box["x"] + 10, box["y"] + 10)
    page.mouse.down()
    page.mouse.move(box["x"] + 20, box["y"] + 20, steps=3)
    page.mouse.move(goal["x"] + 20, goal["y"] + 20, steps=10)
    page.mouse.up()


def test_a_visitors_idea_goes_from_the_public_form_to_shipped(page, login, browser, live_server, alice, story):
    product, feature, duplicate, release = story
    visitor = browser.new_context(base_url=live_server.url)
    visitor.set_default_timeout(15_000)
    try:
        follow_url = visitor_asks(visitor.new_page(), product)
        manager_merges_links_and_scores(login(alice), product, feature, duplicate)
        manager_moves_the_feature_to_now(page, product, feature)
        manager_ships_the_release(page, product, feature, release)
        shared = manager_shares_the_roadmap(page, product)
        anyone_sees_the_shared_roadmap(browser, shared)

        # 7. The visitor comes back to their follow page.
        follower = visitor.new_page()
        follower.goto(follow_url)
        expect(follower.get_by_role("heading", name="Night theme")).to_be_visible()
        expect(follower.locator("#follow-status")).to_contain_text("Shipped")
    finally:
        visitor.close()


def visitor_asks(outside, product):
    """1. The public form, no login; the visitor lands on their follow page."""
    outside.goto(f"/feedback/{product.public_slug}/", timeout=FIRST_LOAD)
    expect(outside.locator(".topbar")).to_have_count(0)
    outside.get_by_label("What would you like?").fill("A dark theme")
    outside.get_by_label("Tell us more").fill("My eyes hurt at night.")
    outside.get_by_label("Your name").fill("Zoe")
    outside.get_by_label("Your e-mail").fill("zoe@visitor.test")
    outside.get_by_role("button", name="Send").click()
    expect(outside.get_by_role("heading", name="Thank you!")).to_be_visible()
    expect(outside).to_have_url(re.compile(r"/feedback/follow/[\w-]+/\?sent=1$"))
    follow = outside.locator("#follow-link")
    follow_url = follow.get_attribute("href")
    follow.click()
    expect(outside.get_by_role("heading", name="A dark theme")).to_be_visible()
    expect(outside.locator("#follow-status")).to_contain_text("Received")
    return follow_url


def manager_merges_links_and_scores(page, product, feature, duplicate):
    """2–3. The manager finds the new idea, merges it into the duplicate, links the
    survivor to the feature and scores it with RICE on the backlog's Ideas tab."""
    page.goto(f"/products/{product.pk}/ideas/", timeout=FIRST_LOAD)
    ideas_list = page.locator("#idea-list")
    expect(ideas_list).to_contain_text("Night theme")
    ideas_list.get_by_role("link", name="A dark theme").click()
    expect(page.get_by_role("heading", name="A dark theme")).to_be_visible()
    expect(page.locator("#vote-count")).to_have_text("1")
    page.get_by_role("button", name="Merge into…").click()
    page.get_by_label("Merge into").select_option(label="Night theme")
    page.get_by_role("button", name="Merge", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/ideas/{duplicate.pk}/$"))
    expect(page.get_by_role("heading", name="Night theme")).to_be_visible()
    expect(page.locator("#vote-count")).to_have_text("2")
    expect(page.locator("#votes")).to_contain_text("Globex")
    expect(page.locator("#votes")).to_contain_text("visitor.test")
    expect(page.locator("#feedback")).to_contain_text("My eyes hurt at night.")

    delivery = page.locator("#delivery")
    delivery.get_by_label("A feature of the backlog").select_option(label="Dark mode")
    delivery.get_by_role("button", name="Link").click()
    expect(page.locator("#delivery")).to_contain_text("Dark mode — WEB-1")
    assert Idea.objects.get(pk=duplicate.pk).feature_id == feature.pk

    page.get_by_role("navigation", name="Product").get_by_role("link", name="Backlog").click()
    tabs = page.get_by_role("navigation", name="Backlog")
    tabs.get_by_role("link", name="Ideas").click()
    expect(tabs.get_by_role("link", name="Ideas")).to_have_attribute("aria-current", "page")
    row = page.locator(f"#ideas-{duplicate.pk}")
    expect(row).to_contain_text("2")
    row.locator("summary", has_text="Scores").click()
    # The editor is fetched when first opened; htmx wires it up once it settles.
    form = row.locator("form.score-form:not(.htmx-added)")
    form.wait_for()
    form.locator("input[name=reach]").fill("500")
    form.locator("select[name=impact]").select_option("2")
    form.locator("input[name=confidence]").fill("80")
    form.locator("input[name=effort]").fill("2")
    form.get_by_role("button", name="Save scores").click()
    rice = page.locator(f"#ideas-{duplicate.pk} td.score-rice")
    expect(rice).to_have_text("400")
    expect(rice).to_have_attribute("title", "RICE = 500 × 2 × 80% ÷ 2 = 400")


def manager_moves_the_feature_to_now(page, product, feature):
    """4. Drag and drop from Next to Now; it stays there after a reload."""
    page.goto(f"/products/{product.pk}/roadmap/")
    now_lane, next_lane = page.locator("ol.rm-cards[data-lane=now]"), page.locator("ol.rm-cards[data-lane=next]")
    card = next_lane.locator(".rm-card", has_text="Dark mode")
    expect(card).to_be_visible()
    with page.expect_response(lambda r: r.url.endswith("/move") and r.request.method == "POST") as answer:
        drag(page, card, now_lane)
    assert answer.value.status == 200
    expect(now_lane.locator(".rm-card", has_text="Dark mode")).to_be_visible()
    page.reload()
    expect(now_lane.locator(".rm-card", has_text="Dark mode")).to_be_visible()
    expect(next_lane.locator(".rm-card")).to_have_count(0)
    assert Feature.objects.get(pk=feature.pk).lane == "now"


def manager_ships_the_release(page, product, feature, release):
    """5. The feature joins the release on its page; notes are generated, then shipped."""
    page.goto(f"/products/{product.pk}/releases/{release.pk}/")
    features = page.locator("#release-features")
    features.get_by_label("Add a feature").select_option(label="Dark mode")
    features.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#release-features li")).to_contain_text("Dark mode")
    expect(page.locator("#release-scope")).to_contain_text("1 of 1 done")

    page.get_by_role("button", name="Generate from done issues").click()
    expect(page.locator("#notes-preview")).to_contain_text("Dark mode (WEB-1)")
    expect(page.locator("#notes-text")).to_have_value(re.compile(r"## Features\n\n- Dark mode \(WEB-1\)\n$"))

    page.get_by_role("button", name="Ship", exact=True).click()
    dialog = page.get_by_role("dialog", name="Ship 2026.12?")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Ship now").click()
    expect(page.locator(".messages")).to_contain_text("2026.12 shipped with 1 feature(s)")
    expect(page.locator("#release-features li")).to_contain_text("shipped")
    assert Feature.objects.get(pk=feature.pk).shipped_at is not None


def manager_shares_the_roadmap(page, product):
    """6a. A link through the Share dialog, its theme unticked (the description is not
    ticked by default); the link is shown once."""
    page.goto(f"/products/{product.pk}/roadmap/")
    page.get_by_role("button", name="Share…").click()
    dialog = page.locator("#share")
    dialog.get_by_label("Label (for you)").fill("Customers")
    expect(dialog.get_by_label("Description")).not_to_be_checked()
    dialog.get_by_label("Theme").uncheck()
    dialog.get_by_role("button", name="Create link").click()
    url = page.locator("#share-url")
    expect(url).to_have_value(re.compile(r"/roadmap/[\w-]+/$"))
    expect(page.locator("#share-links")).to_contain_text("Customers")
    return url.input_value()


def anyone_sees_the_shared_roadmap(browser, shared):
    """6b. Without login: the feature in Now; neither the unticked fields nor anything
    internal (scores, customers, revenue), on the page or in the data behind it."""
    anyone = browser.new_context()
    try:
        outside = anyone.new_page()
        outside.goto(shared, timeout=FIRST_LOAD)
        expect(outside.locator("ol.rm-cards[data-lane=now] .rm-card", has_text="Dark mode")).to_be_visible()
        expect(outside.locator(".topbar")).to_have_count(0)
        shown = outside.locator("body")
        for hidden in ("Megacorp", "Zebrawood", "Globex", "Night theme", "RICE", "4321", "4,321", "98765",
                       "98,765", "visitor.test", "Zoe"):
            expect(shown).not_to_contain_text(hidden)
            assert hidden not in outside.content(), hidden
    finally:
        anyone.close()
