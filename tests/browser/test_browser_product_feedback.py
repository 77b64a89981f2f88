"""Feedback in a browser: a visitor without an account asks for something on the public
form and gets a follow link; the product manager merges it into the duplicate the team
already had, and the votes of both stay; when the feature ships, the follow link says
so and the visitor is mailed; the inbox is triaged without a page load."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from cairn.product.models import Idea
from cairn.product.services import backlog, customers, feedback, ideas, products
from cairn.product.signals import features_shipped

pytestmark = pytest.mark.browser


@pytest.fixture
def product(alice, workspace, web):
    made = products.create_product(actor=alice, workspace=workspace, name="Cairn Cloud", now=timezone.now())
    products.set_projects(actor=alice, product=made, keys=["WEB"])
    return made


def test_a_visitors_idea_is_merged_into_its_duplicate_and_keeps_its_vote(page, login, alice, product):
    duplicate = ideas.create_idea(actor=alice, product=product, title="Dark mode", now=timezone.now())
    globex = customers.create_customer(actor=alice, product=product, now=timezone.now(),
                                       fields={"company": "Globex", "annual_revenue": "50000"})
    ideas.vote(actor=alice, idea=duplicate, customer=globex, now=timezone.now())

    # A first page of the run may wait for the browser and server to warm up on a busy machine.
    page.goto(f"/feedback/{product.public_slug}/", timeout=30_000)
    page.get_by_label("What would you like?").fill("A night theme")
    page.get_by_label("Tell us more").fill("My eyes hurt at night.")
    page.get_by_label("Your name").fill("Zoe")
    page.get_by_label("Your e-mail").fill("zoe@visitor.test")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you!")).to_be_visible()
    follow = page.locator("#follow-link")
    expect(follow).to_have_attribute("href", re.compile(r"/feedback/follow/\w+/$"))
    follow_url = follow.get_attribute("href")
    follow.click()
    expect(page.get_by_role("heading", name="A night theme")).to_be_visible()
    expect(page.locator("#follow-status")).to_contain_text("Received")

    visitors = Idea.objects.get(title="A night theme")
    login(alice).goto(f"/products/{product.pk}/ideas/{visitors.pk}/")
    expect(page.locator("#vote-count")).to_have_text("1")
    page.get_by_role("button", name="Merge into…").click()
    page.get_by_label("Merge into").select_option(label="Dark mode")
    page.get_by_role("button", name="Merge", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/ideas/{duplicate.pk}/$"))
    expect(page.locator("#vote-count")).to_have_text("2")
    expect(page.locator("#votes")).to_contain_text("Globex")
    expect(page.locator("#votes")).to_contain_text("visitor.test")
    expect(page.locator("#feedback")).to_contain_text("My eyes hurt at night.")

    page.goto(follow_url)
    expect(page.get_by_role("heading", name="Dark mode")).to_be_visible()
    expect(page.locator("#follow-status")).to_contain_text("Received")

    feature = backlog.create_feature(actor=alice, product=product, title="Themes", now=timezone.now())
    ideas.link_feature(actor=alice, idea=Idea.objects.get(pk=duplicate.pk), feature=feature.pk, now=timezone.now())
    features_shipped.send(sender=None, product=product, features=[feature], release=None, now=timezone.now())
    page.reload()
    expect(page.locator("#follow-status")).to_contain_text("Shipped")
    assert sorted(m.to[0] for m in mail.outbox) == ["zoe@visitor.test"]


def test_the_inbox_is_triaged_without_reloading(page, login, mark_document, alice, bob, product):
    ideas.create_idea(actor=alice, product=product, title="CSV export", now=timezone.now())
    entry = feedback.add_feedback(actor=bob, product=product, body="We need our data in Excel", now=timezone.now())
    login(bob).goto(f"/products/{product.pk}/feedback/", timeout=30_000)
    same_document = mark_document()
    row = page.locator(f"#feedback-{entry.pk}")
    row.get_by_label(f"Idea for feedback {entry.pk}").select_option(label="CSV export")
    row.get_by_role("button", name="Attach").click()
    expect(row.get_by_role("link", name="CSV export")).to_be_visible()
    row.get_by_role("button", name="Detach").click()
    expect(row.get_by_role("button", name="New idea")).to_be_visible()
    assert same_document()
