"""The public feedback form and the follow page, for visitors without an account: a
closed form refuses, a bot's hidden field is swallowed, one address sends at most five an
hour, and the follow link tells the visitor where their request stands — and nothing of
anyone else's. Also the team's feedback pages."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cairn.errors import Invalid
from cairn.product.models import Customer, Feedback, Idea, IdeaStatus, Vote
from cairn.product.services import customers, feedback, feedback_public, ideas, products


def now():
    return timezone.now()


def submit(product, *, title="Dark mode", email="zoe@visitor.test", address="10.0.0.1", honeypot="", at=None,
           company=""):
    return feedback_public.submit_public(product=product, title=title, description="Easier on the eyes", name="Zoe",
                                         email=email, company=company, honeypot=honeypot, address=address,
                                         now=at or now())


def test_a_visitor_request_makes_an_idea_a_customer_and_a_vote(product):
    token = submit(product)
    entry = Feedback.objects.get()
    assert entry.source == "form" and entry.submitter_email == "zoe@visitor.test"
    assert entry.idea.title == "Dark mode" and entry.idea.vote_count == 1
    assert entry.customer.company == "visitor.test" and entry.customer.contact_name == "Zoe"
    assert token not in entry.follow_token_hash and entry.follow_token_hash == feedback.hash_token(token)
    assert entry.address_hash and "10.0.0.1" not in entry.address_hash


def test_a_known_contact_is_the_same_customer(alice, product):
    known = customers.create_customer(actor=alice, product=product, now=now(), fields={
        "company": "Globex", "contact_email": "zoe@globex.test", "annual_revenue": "5000"})
    submit(product, email="ZOE@globex.test", company="Ignored Inc")
    assert Customer.objects.count() == 1
    assert Vote.objects.get().customer == known and Idea.objects.get().revenue == known.annual_revenue


def test_the_company_typed_in_the_form_names_a_new_customer(product):
    submit(product, email="x@gmail.test", company="Hooli")
    assert Customer.objects.get().company == "Hooli"


def test_a_closed_form_refuses(alice, product):
    products.update_product(actor=alice, product=product, fields={"feedback_open": False})
    with pytest.raises(Invalid) as failure:
        submit(product)
    assert failure.value.status == 422
    assert not Feedback.objects.exists()


def test_a_filled_honeypot_is_thanked_and_nothing_is_kept(product):
    token = submit(product, honeypot="http://spam.test")
    assert token and not Feedback.objects.exists() and not Idea.objects.exists() and not Customer.objects.exists()


def test_one_address_sends_at_most_five_an_hour(product):
    start = now()
    for n in range(5):
        submit(product, title=f"Idea {n}", at=start + timedelta(minutes=n))
    with pytest.raises(feedback_public.TooManyRequests) as failure:
        submit(product, title="One too many", at=start + timedelta(minutes=10))
    assert failure.value.status == 429 and "try again later" in failure.value.message
    submit(product, title="Someone else", address="10.0.0.2", at=start + timedelta(minutes=10))
    submit(product, title="An hour later", at=start + timedelta(minutes=61))
    assert Feedback.objects.count() == 7


def test_bad_input_names_the_field(product):
    with pytest.raises(Invalid) as failure:
        submit(product, title="")
    assert "title" in failure.value.fields
    with pytest.raises(Invalid) as failure:
        submit(product, email="not an address")
    assert "email" in failure.value.fields


def test_the_follow_link_follows_merges_and_shows_the_status(alice, bob, product):
    token = submit(product, title="Night theme")
    mine = Idea.objects.get()
    keep = ideas.create_idea(actor=bob, product=product, title="Dark mode", now=now())
    assert feedback_public.follow(token).title == "Night theme"
    ideas.merge(actor=alice, idea=mine, into=keep, now=now())
    ideas.update_idea(actor=bob, idea=keep, fields={"status": "planned"}, now=now())
    followed = feedback_public.follow(token)
    assert followed.title == "Dark mode" and followed.status == IdeaStatus.PLANNED and not followed.shipped
    ideas.update_idea(actor=bob, idea=keep, fields={"status": "shipped"}, now=now())
    assert feedback_public.follow(token).shipped


# Pages, as an anonymous visitor with CSRF checks on

def visitor():
    return Client(enforce_csrf_checks=True, REMOTE_ADDR="192.0.2.7")


def post_form(client, url, **fields):
    page = client.get(url)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content).group(1).decode()
    return client.post(url, {"csrfmiddlewaretoken": token, "title": "Dark mode", "description": "Please",
                             "name": "Zoe", "email": "zoe@visitor.test", "company": "", "website": "", **fields})


def test_a_visitor_submits_the_form_and_follows_the_link(alice, product):
    client = visitor()
    url = f"/feedback/{product.public_slug}/"
    page = client.get(url)
    assert page.status_code == 200 and b'name="website"' in page.content
    done = post_form(client, url)
    assert done.status_code == 302, done.content
    thanks = client.get(done["Location"])
    assert b"Thank you!" in thanks.content
    link = re.search(rb'id="follow-link" href="http://[^/]+(/feedback/follow/\w+/)"', thanks.content).group(1).decode()
    assert done["Location"] == f"{link}?sent=1"
    followed = client.get(link)
    assert followed.status_code == 200 and b"Dark mode" in followed.content and b"Received" in followed.content
    assert followed["Referrer-Policy"] == "no-referrer"
    assert client.get("/feedback/follow/not-a-token/").status_code == 404
    assert Feedback.objects.get().address_hash == feedback_public.address_hash("192.0.2.7")


def test_a_bot_filling_the_hidden_field_is_thanked_like_a_person(product):
    page = post_form(visitor(), f"/feedback/{product.public_slug}/", website="http://spam.test")
    assert page.status_code == 200 and b"Thank you!" in page.content and b'id="follow-link"' in page.content
    assert not Feedback.objects.exists() and not Idea.objects.exists()


def test_the_follow_page_never_shows_other_peoples_feedback_or_contacts(alice, bob, product):
    token = submit(product, title="Dark mode")
    feedback.add_feedback(actor=bob, product=product, body="Secret ask from Globex", idea=Idea.objects.get(),
                          submitter_email="ann@globex.test", now=now())
    page = visitor().get(f"/feedback/follow/{token}/").content.decode()
    assert "Globex" not in page and "ann@" not in page and "zoe@" not in page


def test_the_form_page_refuses_too_many_and_a_closed_form(alice, product):
    for n in range(5):
        submit(product, title=f"Idea {n}", address="192.0.2.7")
    assert post_form(visitor(), f"/feedback/{product.public_slug}/").status_code == 429
    products.update_product(actor=alice, product=product, fields={"feedback_open": False})
    page = visitor().get(f"/feedback/{product.public_slug}/")
    assert b"does not take feedback" in page.content and b'name="title"' not in page.content
    assert visitor().get("/feedback/no-such-form/").status_code == 404


def test_without_the_csrf_token_the_form_is_refused(product):
    response = visitor().post(f"/feedback/{product.public_slug}/", {"title": "x", "email": "x@y.test"})
    assert response.status_code == 403 and not Feedback.objects.exists()


# The team's pages

def logged_in(user, password):
    client = Client()
    assert client.login(username=user.username, password=password)
    return client


def test_the_team_triages_the_inbox_in_place(alice, bob, password, product):
    entry = feedback.add_feedback(actor=bob, product=product, body="Export to CSV", now=now())
    client = logged_in(bob, password)
    inbox = client.get(f"/products/{product.pk}/feedback/")
    assert inbox.status_code == 200 and b"Export to CSV" in inbox.content
    row = client.post(f"/products/{product.pk}/feedback/{entry.pk}/triage/", {"action": "new", "title": ""},
                      headers={"HX-Request": "true"})
    assert row.status_code == 200 and row.content.startswith(f'<tr id="feedback-{entry.pk}">'.encode())
    assert b"Detach" in row.content and Idea.objects.get().title == "Export to CSV"
    assert b"Export to CSV" not in client.get(f"/products/{product.pk}/feedback/").content
    row = client.post(f"/products/{product.pk}/feedback/{entry.pk}/triage/", {"action": "attach", "idea": "999999"})
    assert row.status_code == 422 and b"no idea 999999" in row.content


def test_the_idea_pages_show_votes_and_merge(alice, password, product):
    a = ideas.create_idea(actor=alice, product=product, title="Google login", now=now())
    b = ideas.create_idea(actor=alice, product=product, title="Single sign-on", now=now())
    globex = customers.create_customer(actor=alice, product=product, now=now(), fields={
        "company": "Globex", "contact_email": "ann@globex.test", "annual_revenue": "1000"})
    client = logged_in(alice, password)
    assert client.post(f"/products/{product.pk}/ideas/{a.pk}/", {"action": "vote", "customer": globex.pk}).status_code == 302
    for sort in ("votes", "customers", "revenue"):
        listed = client.get(f"/products/{product.pk}/ideas/?sort={sort}")
        assert listed.status_code == 200 and b"Google login" in listed.content
    merged = client.post(f"/products/{product.pk}/ideas/{a.pk}/", {"action": "merge", "into": b.pk})
    assert merged.status_code == 302 and merged["Location"] == f"/products/{product.pk}/ideas/{b.pk}/"
    page = client.get(merged["Location"])
    assert b"Globex" in page.content and b'id="vote-count">1<' in page.content
    assert client.post(f"/products/{product.pk}/ideas/{b.pk}/", {"action": "merge", "into": b.pk}).status_code == 422


def test_guests_see_customers_without_contacts(alice, gus, password, product):
    customers.create_customer(actor=alice, product=product, now=now(), fields={
        "company": "Globex", "contact_name": "Ann", "contact_email": "ann@globex.test"})
    page = logged_in(gus, password).get(f"/products/{product.pk}/customers/")
    assert page.status_code == 200 and b"Globex" in page.content and b"ann@globex.test" not in page.content
    assert b"ann@globex.test" in logged_in(alice, password).get(f"/products/{product.pk}/customers/").content


def test_outsiders_do_not_reach_the_team_pages(charlie, password, product):
    client = logged_in(charlie, password)
    for path in ("feedback/", "ideas/", "customers/"):
        assert client.get(f"/products/{product.pk}/{path}").status_code == 404


def test_members_add_customers_on_the_page(bob, password, product):
    client = logged_in(bob, password)
    url = f"/products/{product.pk}/customers/"
    response = client.post(url, {"action": "create", "company": "Hooli", "annual_revenue": "abc"})
    assert response.status_code == 422 and b"annual_revenue" in response.content
    assert client.post(url, {"action": "create", "company": "Hooli", "annual_revenue": "900"}).status_code == 302
    hooli = Customer.objects.get()
    assert client.post(url, {"action": "update", "customer": hooli.pk, "company": "Hooli", "plan": "Team"}).status_code == 302
    assert Customer.objects.get().plan == "Team"
    assert client.post(url, {"action": "delete", "customer": hooli.pk}).status_code == 302
    assert not Customer.objects.exists()


def test_guests_read_the_inbox_and_ideas_without_contacts_or_actions(alice, bob, gus, password, product):
    globex = customers.create_customer(actor=alice, product=product, now=now(), fields={
        "company": "Globex", "contact_name": "Ann Marsh", "contact_email": "ann@globex.test"})
    entry = feedback.add_feedback(actor=bob, product=product, body="SSO please", customer=globex,
                                  submitter_name="Ann Marsh", submitter_email="ann@globex.test", now=now())
    sso = feedback.attach(actor=bob, feedback=entry, new_title="SSO", now=now())
    client = logged_in(gus, password)
    for path in ("feedback/?show=all", f"ideas/{sso.pk}/", "ideas/"):
        page = client.get(f"/products/{product.pk}/{path}")
        assert page.status_code == 200, path
        assert b"Ann Marsh" not in page.content and b"ann@globex.test" not in page.content, path
        assert b"hx-post" not in page.content and b'name="action"' not in page.content, path
    assert b"Globex" in client.get(f"/products/{product.pk}/ideas/{sso.pk}/").content
    assert b"Ann Marsh" in logged_in(bob, password).get(f"/products/{product.pk}/ideas/{sso.pk}/").content
