"""The feedback inbox and customers: entries added by the team or through the API,
triaged onto ideas (a customer's feedback is their vote), contacts hidden from guests,
and the people who asked told by mail — through a real SMTP server — when the feature
that delivers their idea ships."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from smtp import body

from cairn.errors import Forbidden
from cairn.product.models import Feedback, Idea, IdeaStatus, Vote
from cairn.product.services import backlog, customers, feedback, feedback_public, ideas
from cairn.product.signals import features_shipped


def now():
    return timezone.now()


@pytest.fixture
def globex(alice, product):
    return customers.create_customer(actor=alice, product=product, now=now(), fields={
        "company": "Globex", "contact_name": "Ann Globex", "contact_email": "Ann@Globex.test", "segment": "Enterprise",
        "plan": "Business", "annual_revenue": "120000"})


@pytest.fixture
def initech(alice, product):
    return customers.create_customer(actor=alice, product=product, now=now(), fields={
        "company": "Initech", "contact_email": "bill@initech.test", "annual_revenue": "8000"})


# Customers

def test_members_keep_customers_through_the_api(api_as, bob, product):
    url = f"/api/v1/products/{product.pk}/customers"
    response = api_as(bob).post(url, json={"company": "Hooli", "contact_name": "Gavin", "contact_email": "g@hooli.test",
                                           "segment": "Enterprise", "plan": "Business", "annual_revenue": "250000.5"})
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["contact_email"] == "g@hooli.test" and made["annual_revenue"] == "250000.50"
    response = api_as(bob).patch(f"{url}/{made['id']}", json={"plan": "Team", "annual_revenue": 1000})
    assert response.json()["plan"] == "Team" and response.json()["annual_revenue"] == "1000.00"
    assert api_as(bob).patch(f"{url}/{made['id']}", json={"annual_revenue": "-4"}).status_code == 422
    assert api_as(bob).patch(f"{url}/{made['id']}", json={"contact_email": "nope"}).status_code == 422
    assert api_as(bob).post(url, json={"company": ""}).status_code == 422
    assert api_as(bob).delete(f"{url}/{made['id']}").status_code == 204
    assert api_as(bob).get(f"{url}/{made['id']}").status_code == 404


def test_guests_see_the_company_but_never_the_contact(api_as, bob, gus, product, globex):
    entry = feedback.add_feedback(actor=bob, product=product, body="SSO please", customer=globex,
                                  submitter_name="Ann", submitter_email="ann@globex.test", now=now())
    sso = ideas.create_idea(actor=bob, product=product, title="SSO", now=now())
    feedback.attach(actor=bob, feedback=entry, idea=sso, now=now())
    listed = api_as(gus).get(f"/api/v1/products/{product.pk}/customers").json()["items"][0]
    assert listed["company"] == "Globex" and listed["contact_name"] is None and listed["contact_email"] is None
    inbox = api_as(gus).get(f"/api/v1/products/{product.pk}/feedback").json()["items"][0]
    assert inbox["submitter_email"] is None and inbox["customer"]["contact_email"] is None
    detail = api_as(gus).get(f"/api/v1/products/{product.pk}/ideas/{sso.pk}").content.decode()
    assert "globex.test" not in detail.lower() and "Ann" not in detail
    # A search does not let a guest find a customer by its contact either.
    assert api_as(gus).get(f"/api/v1/products/{product.pk}/customers?q=ann").json()["total"] == 0
    assert api_as(bob).get(f"/api/v1/products/{product.pk}/customers?q=ann").json()["total"] == 1
    assert api_as(bob).get(f"/api/v1/products/{product.pk}/customers").json()["items"][0]["contact_email"] == \
        "ann@globex.test"
    assert api_as(gus).post(f"/api/v1/products/{product.pk}/customers", json={"company": "X"}).status_code == 403


def test_outsiders_get_404_everywhere(api_as, charlie, product, globex):
    for path in ("customers", f"customers/{globex.pk}", "feedback", "ideas"):
        assert api_as(charlie).get(f"/api/v1/products/{product.pk}/{path}").status_code == 404
    assert api_as(charlie).post(f"/api/v1/products/{product.pk}/feedback", json={"body": "x"}).status_code == 404


def test_a_customer_of_another_workspace_is_not_found(api_as, alice, bob, product, globex):
    from cairn.workspaces.models import Role, Workspace, WorkspaceMember

    other = Workspace.objects.create(name="Other", slug="other", created_at=now())
    WorkspaceMember.objects.create(workspace=other, user=alice, role=Role.ADMIN)
    from cairn.product.services import products

    elsewhere = products.create_product(actor=alice, workspace=other, name="Elsewhere", now=now())
    response = api_as(alice).get(f"/api/v1/products/{elsewhere.pk}/customers/{globex.pk}")
    assert response.status_code == 404


# The inbox

def test_the_inbox_lists_what_is_left_to_triage(api_as, bob, product, globex):
    url = f"/api/v1/products/{product.pk}/feedback"
    made = api_as(bob).post(url, json={"body": "Export to CSV", "customer": globex.pk})
    assert made.status_code == 201, made.content
    assert made.json()["source"] == "api" and made.json()["customer"]["company"] == "Globex"
    api_as(bob).post(url, json={"body": "Dark mode"})
    assert api_as(bob).get(f"{url}?triage=true").json()["total"] == 2
    response = api_as(bob).patch(f"{url}/{made.json()['id']}", json={"new_idea": ""})
    assert response.status_code == 200, response.content
    idea = Idea.objects.get(pk=response.json()["idea"])
    assert idea.title == "Export to CSV" and idea.vote_count == 1 and idea.revenue == globex.annual_revenue
    assert [f["body"] for f in api_as(bob).get(f"{url}?triage=true").json()["items"]] == ["Dark mode"]
    assert api_as(bob).get(url).json()["total"] == 2
    assert api_as(bob).post(url, json={"body": "x", "customer": 999999}).status_code == 404
    assert api_as(bob).post(url, json={"body": ""}).status_code == 422


def test_attaching_records_the_customers_vote_and_detaching_takes_it_back(bob, product, globex):
    sso = ideas.create_idea(actor=bob, product=product, title="SSO", now=now())
    first = feedback.add_feedback(actor=bob, product=product, body="SSO", customer=globex, now=now())
    second = feedback.add_feedback(actor=bob, product=product, body="SSO again", customer=globex, now=now())
    feedback.attach(actor=bob, feedback=first, idea=sso, now=now())
    feedback.attach(actor=bob, feedback=second, idea=sso, now=now())
    assert Vote.objects.filter(idea=sso).count() == 1
    feedback.detach(actor=bob, feedback=first)
    assert Vote.objects.filter(idea=sso).count() == 1  # the other entry still asks
    feedback.detach(actor=bob, feedback=second)
    sso.refresh_from_db()
    assert sso.vote_count == 0 and not Vote.objects.exists()


def test_moving_feedback_to_another_idea_moves_the_vote(api_as, bob, product, globex):
    a = ideas.create_idea(actor=bob, product=product, title="A", now=now())
    b = ideas.create_idea(actor=bob, product=product, title="B", now=now())
    entry = feedback.add_feedback(actor=bob, product=product, body="please", customer=globex, idea=a, now=now())
    response = api_as(bob).patch(f"/api/v1/products/{product.pk}/feedback/{entry.pk}", json={"idea": b.pk})
    assert response.status_code == 200 and response.json()["idea"] == b.pk
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.vote_count, b.vote_count) == (0, 1)
    response = api_as(bob).patch(f"/api/v1/products/{product.pk}/feedback/{entry.pk}", json={"idea": None})
    assert response.json()["idea"] is None


def test_feedback_is_not_filed_under_a_merged_idea(api_as, alice, bob, product):
    a = ideas.create_idea(actor=bob, product=product, title="A", now=now())
    b = ideas.create_idea(actor=bob, product=product, title="B", now=now())
    ideas.merge(actor=alice, idea=a, into=b, now=now())
    entry = feedback.add_feedback(actor=bob, product=product, body="anonymous", now=now())
    response = api_as(bob).patch(f"/api/v1/products/{product.pk}/feedback/{entry.pk}", json={"idea": a.pk})
    assert response.status_code == 422 and "idea" in response.json()["errors"]
    assert Feedback.objects.get(pk=entry.pk).idea is None


def test_guests_do_not_triage(api_as, bob, gus, product):
    entry = feedback.add_feedback(actor=bob, product=product, body="x", now=now())
    response = api_as(gus).patch(f"/api/v1/products/{product.pk}/feedback/{entry.pk}", json={"new_idea": "x"})
    assert response.status_code == 403
    with pytest.raises(Forbidden):
        feedback.add_feedback(actor=gus, product=product, body="x", now=now())


# Shipping

def test_when_the_feature_ships_everyone_who_asked_is_told_once(
        inbox, alice, bob, product, globex, initech, django_capture_on_commit_callbacks):
    feature = backlog.create_feature(actor=alice, product=product, title="Single sign-on", now=now())
    sso = ideas.create_idea(actor=bob, product=product, title="SSO", now=now())
    token = feedback_public.submit_public(product=product, title="Log in with our IdP", description="", name="Zoe",
                                          email="zoe@visitor.test", company="", honeypot="", address="10.0.0.1",
                                          now=now())
    visitor_idea = Feedback.objects.get(submitter_email="zoe@visitor.test").idea
    ideas.merge(actor=alice, idea=visitor_idea, into=sso, now=now())
    feedback.add_feedback(actor=bob, product=product, body="SSO!", customer=globex, idea=sso, now=now())
    feedback.add_feedback(actor=bob, product=product, body="SSO, really", customer=globex, idea=sso, now=now())
    ideas.vote(actor=bob, idea=sso, customer=initech, now=now())  # voted without writing
    ideas.link_feature(actor=bob, idea=sso, feature=feature.pk, now=now())

    with django_capture_on_commit_callbacks(execute=True):
        features_shipped.send(sender=None, product=product, features=[feature], release=None, now=now())

    sso.refresh_from_db()
    assert sso.status == IdeaStatus.SHIPPED and sso.shipped_at is not None
    assert inbox.to() == ["ann@globex.test", "bill@initech.test", "zoe@visitor.test"]
    zoe = next(m for m in inbox.messages if m["To"] == "zoe@visitor.test")
    assert zoe["Subject"] == "Shipped: SSO"
    link = re.search(r"/feedback/follow/(\w+)/", body(zoe))
    assert link and link.group(1) == token
    assert feedback_public.follow(token).shipped
    assert not Feedback.objects.filter(notified_at__isnull=True).exists()

    with django_capture_on_commit_callbacks(execute=True):  # shipped again: nobody is told twice
        features_shipped.send(sender=None, product=product, features=[feature], release=None, now=now())
    assert len(inbox.messages) == 3


def test_feedback_attached_after_shipping_is_told_at_the_next_ship(
        inbox, alice, bob, product, globex, django_capture_on_commit_callbacks):
    feature = backlog.create_feature(actor=alice, product=product, title="CSV export", now=now())
    csv = ideas.create_idea(actor=bob, product=product, title="CSV", now=now())
    ideas.link_feature(actor=bob, idea=csv, feature=feature.pk, now=now())
    with django_capture_on_commit_callbacks(execute=True):
        features_shipped.send(sender=None, product=product, features=[feature], release=None, now=now())
    assert inbox.messages == []
    feedback.add_feedback(actor=bob, product=product, body="CSV please", customer=globex, idea=csv, now=now())
    with django_capture_on_commit_callbacks(execute=True):
        features_shipped.send(sender=None, product=product, features=[feature], release=None, now=now())
    assert inbox.to() == ["ann@globex.test"]
