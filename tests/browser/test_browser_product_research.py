"""Research and the market in a browser: a passage selected with the mouse becomes an
insight linked to a feature, and a click on a matrix cell is saved at once."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.product.models import Insight, MatrixCell
from cairn.product.services import backlog, market, products, research

pytestmark = pytest.mark.browser

BODY = ("We left Jira last spring.\n"
        "The roadmap never matched the work, so every Monday I rebuilt a slide deck by hand.\n"
        "Exports were fine.")
PASSAGE = "The roadmap never matched the work"


@pytest.fixture
def product(alice, workspace, web):
    made = products.create_product(actor=alice, workspace=workspace, name="Cairn Cloud", now=timezone.now())
    products.set_projects(actor=alice, product=made, keys=["WEB"])
    return made


def _select(page, text):
    """Selects the first occurrence of `text` in the note's body, as a mouse would:
    the range may start and end inside different text nodes around highlights."""
    page.evaluate("""(text) => {
        const body = document.getElementById('note-body');
        const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
        let node, seen = 0, start = null, end = null;
        const at = body.textContent.indexOf(text);
        while ((node = walker.nextNode())) {
            const length = node.textContent.length;
            if (start === null && at < seen + length) start = [node, at - seen];
            if (start !== null && at + text.length <= seen + length) { end = [node, at + text.length - seen]; break; }
            seen += length;
        }
        const range = document.createRange();
        range.setStart(...start);
        range.setEnd(...end);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }""", text)


def test_a_selected_passage_becomes_an_insight_linked_to_a_feature(page, login, alice, bob, product):
    feature = backlog.create_feature(actor=alice, product=product, title="Roadmap from the schedule",
                                     now=timezone.now())
    note = research.create_note(actor=bob, product=product, title="Interview with Dana", now=timezone.now(),
                                body=BODY)
    # An earlier highlight, so the new selection's offsets must count across a <mark>.
    research.highlight(actor=bob, note=note, start=0, end=len("We left Jira"), now=timezone.now())
    login(bob).goto(f"/products/{product.pk}/research/{note.pk}/")
    button = page.get_by_role("button", name="Make insight")
    expect(button).to_be_disabled()
    _select(page, PASSAGE)
    expect(button).to_be_enabled()
    button.click()
    dialog = page.locator("#insight-dialog")
    expect(dialog.locator("#insight-passage")).to_have_text(PASSAGE)
    dialog.get_by_label("Summary").fill("The roadmap drifts from the work")
    dialog.get_by_label("Roadmap from the schedule").check()
    dialog.get_by_role("button", name="Save insight").click()
    expect(page.locator("#note-body mark")).to_have_count(2)
    expect(page.locator("#note-body mark").nth(1)).to_have_text(PASSAGE)
    expect(page.locator("#insights")).to_contain_text("Feature: Roadmap from the schedule")
    made = Insight.objects.get(summary="The roadmap drifts from the work")
    assert made.passage == PASSAGE and BODY[made.start:made.end] == PASSAGE
    assert research.evidence_for_feature(feature) == [made]


def test_a_click_on_a_matrix_cell_moves_it_to_the_next_level_and_it_stays(page, login, alice, product):
    jira = market.create_competitor(actor=alice, product=product, name="Jira")
    row = market.create_row(actor=alice, product=product, name="Roadmap lanes")
    login(alice).goto(f"/products/{product.pk}/market/")
    cell = page.locator(f"#row-{row.pk} td.cell").nth(1).locator(".support")
    expect(cell).to_have_text("Unknown")
    cell.click()
    expect(page.locator(f"#row-{row.pk} td.cell").nth(1).locator(".support")).to_have_attribute("data-support", "full")
    page.locator(f"#row-{row.pk} td.cell").nth(1).locator(".support").click()
    expect(page.locator(f"#row-{row.pk} td.cell").nth(1).locator(".support")).to_have_text("Partly")
    page.reload()
    expect(page.locator(f"#row-{row.pk} td.cell").nth(1).locator(".support")).to_have_attribute(
        "data-support", "partial")
    assert MatrixCell.objects.get(row=row, competitor=jira).support == "partial"


def test_a_member_changes_a_key_result_in_place_and_the_objective_follows(page, login, alice, bob, product,
                                                                           mark_document):
    from cairn.product.models import KeyResult
    from cairn.product.services import strategy

    objective = strategy.create_objective(actor=alice, product=product, title="Win teams leaving Jira",
                                          period="2026 Q4", starts_on="2026-10-01", ends_on="2026-12-31")
    strategy.create_key_result(actor=alice, objective=objective, title="Teams migrated", start_value=20,
                               target_value=60)
    login(bob).goto(f"/products/{product.pk}/okrs/")
    same_document = mark_document()
    card = page.locator(f"#objective-{objective.pk}")
    expect(card.locator(".okr-figure")).to_have_text("0 %")
    field = page.get_by_label("Current value of Teams migrated")
    field.fill("45")
    field.press("Tab")
    expect(page.locator(f"#objective-{objective.pk} .okr-figure")).to_have_text("62.5 %")
    expect(page.locator(f"#objective-{objective.pk} .arithmetic")).to_contain_text("One key result: 62.5 %")
    expect(page.locator(f"#objective-{objective.pk} .kr-progress")).to_have_attribute(
        "title", "(45 − 20) ÷ (60 − 20) = 62.5 %")
    assert same_document() and KeyResult.objects.get().current_value == 45
