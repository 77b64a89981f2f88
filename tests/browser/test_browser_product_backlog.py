"""The product backlog in a browser: a feature dragged to the top stays there after a
reload, the keyboard moves one too, and a score's hover shows its formula."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.product.models import Feature
from cairn.product.services import backlog, products, scoring

pytestmark = pytest.mark.browser


@pytest.fixture
def ranked(alice, workspace, web):
    product = products.create_product(actor=alice, workspace=workspace, name="Cairn Cloud", now=timezone.now())
    made = [backlog.create_feature(actor=alice, product=product, title=t, now=timezone.now())
            for t in ("Dark mode", "Saved carts", "One-page checkout")]
    scoring.set_scores(actor=alice, item=made[2], now=timezone.now(),
                       inputs={"reach": 2000, "impact": 2, "confidence": 80, "effort": 4, "value": 9})
    return product, made


def titles(page):
    return page.locator("#backlog-rows td.title a").all_inner_texts()


def test_a_feature_dragged_to_the_top_stays_there_after_a_reload(page, login, alice, ranked):
    product, made = ranked
    login(alice).goto(f"/products/{product.pk}/backlog/", timeout=30_000)
    expect(page.locator("#backlog-rows tr")).to_have_count(3)
    handle = page.locator(f"#features-{made[2].pk} .drag-handle")
    target = page.locator(f"#features-{made[0].pk}")
    with page.expect_response(lambda r: r.url.endswith(f"/features/{made[2].pk}/move")) as moved:
        box, goal = handle.bounding_box(), target.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + 5, goal["y"] + 10, steps=12)
        page.mouse.move(box["x"] + 5, goal["y"] + 3, steps=4)
        page.mouse.up()
    assert moved.value.status == 200
    page.reload()
    assert titles(page) == ["One-page checkout", "Dark mode", "Saved carts"]
    assert list(Feature.objects.order_by("rank").values_list("title", flat=True))[0] == "One-page checkout"


def test_alt_arrow_moves_the_focused_feature_and_saves_it(page, login, alice, ranked):
    product, made = ranked
    login(alice).goto(f"/products/{product.pk}/backlog/", timeout=30_000)
    row = page.locator(f"#features-{made[1].pk}")
    row.focus()
    with page.expect_response(lambda r: r.url.endswith(f"/features/{made[1].pk}/move")) as moved:
        page.keyboard.press("Alt+ArrowUp")
    assert moved.value.status == 200
    expect(row).to_be_focused()
    page.reload()
    assert titles(page) == ["Saved carts", "Dark mode", "One-page checkout"]


def test_hovering_a_score_shows_its_formula_and_scores_are_edited_in_place(page, login, alice, ranked, mark_document):
    product, made = ranked
    login(alice).goto(f"/products/{product.pk}/backlog/", timeout=30_000)
    cell = page.locator(f"#features-{made[2].pk} td.score-rice")
    cell.hover()
    expect(cell).to_have_attribute("title", "RICE = 2,000 × 2 × 80% ÷ 4 = 800")
    expect(cell).to_have_text("800")
    same_document = mark_document()
    row = page.locator(f"#features-{made[0].pk}")
    row.locator("summary", has_text="Scores").click()
    # The editor is fetched when first opened; htmx wires it up once it settles.
    row.locator("form.score-form:not(.htmx-added)").wait_for()
    row.locator("input[name=value]").fill("8")
    row.locator("input[name=effort]").fill("0")
    row.locator("button", has_text="Save scores").click()
    expect(page.locator(f"#features-{made[0].pk} .field-error")).to_have_text("must be more than 0")
    row = page.locator(f"#features-{made[0].pk}")
    row.locator("form.score-form:not(.htmx-added)").wait_for()
    row.locator("input[name=effort]").fill("2")
    row.locator("button", has_text="Save scores").click()
    expect(page.locator(f"#features-{made[0].pk} td.score-value_effort")).to_have_attribute(
        "title", "Value ÷ effort = 8 ÷ 2 = 4 (quick win)")
    assert same_document()
    expect(page.locator("svg.value-effort circle")).to_have_count(2)
