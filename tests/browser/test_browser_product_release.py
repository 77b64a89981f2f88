"""A release in a browser: Alice adds a done issue to the scope without reloading the
page, generates the notes that list it, ships the release after confirming, and ticks a
launch task in place."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.product.models import Feature, LaunchTask, Release
from cairn.product.services import backlog, launches, products, releases
from cairn.tracker import services as tracker

pytestmark = pytest.mark.browser


@pytest.fixture
def release(alice, workspace, web):
    product = products.create_product(actor=alice, workspace=workspace, name="Cairn Cloud", now=timezone.now())
    products.set_projects(actor=alice, product=product, keys=["WEB"])
    made = releases.create_release(actor=alice, product=product, name="2026.12", now=timezone.now(),
                                   target_date=(timezone.localdate() + dt.timedelta(weeks=3)).isoformat())
    launches.start_checklist(actor=alice, release=made, template_id=launches.templates_for(alice, product)[0].pk)
    return made


def test_scope_notes_and_shipping(page, login, mark_document, alice, web, release):
    issue = tracker.create_issue(actor=alice, project=web, now=timezone.now(),
                                 fields={"title": "One-page checkout", "type": "Feature", "status": "Done"})
    feature = backlog.create_feature(actor=alice, product=release.product, title="", issue=issue.key,
                                     now=timezone.now())
    login(alice).goto(f"/products/{release.product_id}/releases/{release.pk}/")
    same_document = mark_document()
    scope = page.locator("#release-scope")
    expect(scope).to_contain_text("No issues in this release yet")
    scope.get_by_label("Add an issue").fill("WEB-99")
    scope.get_by_role("button", name="Add to the release").click()
    expect(page.locator("#scope-error")).to_contain_text("no issue")
    page.locator("#release-scope").get_by_label("Add an issue").fill(issue.key)
    page.locator("#release-scope").get_by_role("button", name="Add to the release").click()
    expect(page.locator("#release-scope table")).to_contain_text("One-page checkout")
    expect(page.locator("#release-scope")).to_contain_text("1 of 1 done")
    assert same_document()

    task = LaunchTask.objects.order_by("offset_days", "position").first()
    row = page.locator(f"#task-{task.pk}")
    row.get_by_role("checkbox").check()
    expect(page.locator(f"#task-{task.pk}")).to_contain_text("done by Alice")
    assert same_document()

    page.get_by_role("button", name="Generate from done issues").click()
    expect(page.locator("#notes-preview")).to_contain_text("One-page checkout (WEB-1)")
    expect(page.locator("#notes-text")).to_have_value("# 2026.12\n\n_" + release.target_date.isoformat()
                                                      + "_\n\n## Features\n\n- One-page checkout (WEB-1)\n")

    page.get_by_role("button", name="Ship", exact=True).click()
    dialog = page.get_by_role("dialog", name="Ship 2026.12?")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Ship now").click()
    expect(page.locator(".messages")).to_contain_text("2026.12 shipped with 1 feature(s)")
    expect(page.get_by_role("button", name="Ship", exact=True)).to_have_count(0)
    release.refresh_from_db()
    assert release.status == "shipped" and Release.objects.get().shipped_at
    assert Feature.objects.get(pk=feature.pk).shipped_at is not None
