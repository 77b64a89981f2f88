"""Ideas: one vote per customer, counts and revenue kept on the idea, merging duplicates
without losing a vote, comment or insight, linking the feature that delivers an idea, and
"most wanted" by votes, customers or revenue."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from cairn.errors import Forbidden, Invalid
from cairn.product.models import Feature, Feedback, Idea, IdeaStatus, Insight, ResearchNote, Vote
from cairn.product.services import backlog, customers, feedback, ideas
from cairn.tracker import services as tracker


def now():
    return timezone.now()


@pytest.fixture
def acme_customers(alice, product):
    def make(company, revenue, email=""):
        return customers.create_customer(actor=alice, product=product, now=now(), fields={
            "company": company, "annual_revenue": revenue, "contact_email": email, "contact_name": f"{company} buyer"})
    return {"globex": make("Globex", "120000", "ann@globex.test"), "initech": make("Initech", "30000.50"),
            "umbrella": make("Umbrella", "5000")}


def idea(actor, product, title):
    return ideas.create_idea(actor=actor, product=product, title=title, now=now())


def test_new_ideas_go_to_the_bottom(bob, product):
    first, second, third = (idea(bob, product, t) for t in ("Dark mode", "SSO", "CSV export"))
    assert first.rank < second.rank < third.rank
    assert [i.title for i in ideas.ideas_of(bob, product)] == ["Dark mode", "SSO", "CSV export"]


def test_a_customer_votes_once_and_the_idea_keeps_count_of_votes_and_revenue(bob, product, acme_customers):
    sso = idea(bob, product, "SSO")
    ideas.vote(actor=bob, idea=sso, customer=acme_customers["globex"], now=now())
    ideas.vote(actor=bob, idea=sso, customer=acme_customers["globex"], now=now())  # again: no error, no change
    ideas.vote(actor=bob, idea=sso, customer=acme_customers["initech"], now=now())
    sso.refresh_from_db()
    assert sso.vote_count == 2 and sso.revenue == Decimal("150000.50")
    ideas.unvote(actor=bob, idea=sso, customer=acme_customers["initech"])
    sso.refresh_from_db()
    assert sso.vote_count == 1 and sso.revenue == Decimal("120000.00")


def test_a_customers_new_revenue_is_the_revenue_behind_their_ideas(alice, bob, product, acme_customers):
    sso = idea(bob, product, "SSO")
    ideas.vote(actor=bob, idea=sso, customer=acme_customers["umbrella"], now=now())
    customers.update_customer(actor=bob, product=product, customer=acme_customers["umbrella"],
                              fields={"annual_revenue": "7500"})
    sso.refresh_from_db()
    assert sso.revenue == Decimal("7500.00")
    customers.delete_customer(actor=bob, product=product, customer=acme_customers["umbrella"])
    sso.refresh_from_db()
    assert sso.vote_count == 0 and sso.revenue == 0


def test_merging_keeps_every_vote_once_and_every_comment_feedback_and_insight(alice, bob, product, acme_customers):
    dup, keep = idea(bob, product, "Login with Google"), idea(bob, product, "Single sign-on")
    globex, initech, umbrella = acme_customers["globex"], acme_customers["initech"], acme_customers["umbrella"]
    for customer in (globex, initech):
        ideas.vote(actor=bob, idea=dup, customer=customer, now=now())
    for customer in (globex, umbrella):
        ideas.vote(actor=bob, idea=keep, customer=customer, now=now())
    ideas.comment(actor=bob, idea=dup, body="Asked twice this week", now=now())
    entry = feedback.add_feedback(actor=bob, product=product, body="Google login please", idea=dup, now=now())
    note = ResearchNote.objects.create(product=product, title="Interview", created_at=now())
    insight = Insight.objects.create(note=note, passage="SSO is a must", start=0, end=13, created_at=now())
    insight.ideas.add(dup, keep)
    other = Insight.objects.create(note=note, passage="Google", start=20, end=26, created_at=now())
    other.ideas.add(dup)

    ideas.merge(actor=alice, idea=dup, into=keep, now=now())

    dup.refresh_from_db()
    keep.refresh_from_db()
    assert dup.status == IdeaStatus.MERGED and dup.merged_into == keep and dup.vote_count == 0
    assert sorted(Vote.objects.filter(idea=keep).values_list("customer__company", flat=True)) == [
        "Globex", "Initech", "Umbrella"]
    assert keep.vote_count == 3 and keep.revenue == Decimal("155000.50")
    assert [c.body for c in keep.comments.all()] == ["Asked twice this week"]
    assert Feedback.objects.get(pk=entry.pk).idea == keep
    assert set(keep.insights.all()) == {insight, other} and not dup.insights.exists()
    assert ideas.surviving(dup) == keep


def test_an_idea_is_not_merged_into_itself_or_into_a_merged_one(alice, bob, product):
    a, b, c = idea(bob, product, "A"), idea(bob, product, "B"), idea(bob, product, "C")
    with pytest.raises(Invalid) as failure:
        ideas.merge(actor=alice, idea=a, into=a, now=now())
    assert failure.value.status == 422 and "into" in failure.value.fields
    ideas.merge(actor=alice, idea=a, into=b, now=now())
    with pytest.raises(Invalid):
        ideas.merge(actor=alice, idea=c, into=a, now=now())
    with pytest.raises(Invalid):
        ideas.update_idea(actor=bob, idea=a, fields={"title": "Again"}, now=now())
    with pytest.raises(Forbidden):
        ideas.merge(actor=bob, idea=c, into=b, now=now())


def test_merging_through_the_api_answers_the_surviving_idea(api_as, alice, bob, product, acme_customers):
    a, b = idea(bob, product, "A"), idea(bob, product, "B")
    for target in (a, b):
        api_as(bob).put(f"/api/v1/products/{product.pk}/ideas/{target.pk}/votes/{acme_customers['globex'].pk}")
    response = api_as(alice).post(f"/api/v1/products/{product.pk}/ideas/{a.pk}/merge", json={"into": b.pk})
    assert response.status_code == 200, response.content
    assert response.json()["id"] == b.pk and response.json()["vote_count"] == 1 and response.json()["merged"] == [a.pk]
    response = api_as(alice).post(f"/api/v1/products/{product.pk}/ideas/{b.pk}/merge", json={"into": b.pk})
    assert response.status_code == 422 and "into" in response.json()["errors"]
    response = api_as(alice).post(f"/api/v1/products/{product.pk}/ideas/{b.pk}/merge", json={"into": a.pk})
    assert response.status_code == 422
    response = api_as(alice).post(f"/api/v1/products/{product.pk}/ideas/{b.pk}/merge", json={"into": 999999})
    assert response.status_code == 422 and "into" in response.json()["errors"]


def test_an_idea_links_to_a_feature_by_id_or_by_issue_and_becomes_planned(alice, bob, product, web):
    epic = tracker.create_issue(actor=alice, project=web, fields={"title": "Single sign-on epic"}, now=now())
    sso, google = idea(bob, product, "SSO"), idea(bob, product, "Google login")
    ideas.link_feature(actor=bob, idea=sso, issue=f"WEB-{epic.number}", now=now())
    sso.refresh_from_db()
    assert sso.status == IdeaStatus.PLANNED and sso.feature.title == "Single sign-on epic"
    ideas.link_feature(actor=bob, idea=google, issue=f"web-{epic.number}", now=now())  # the same feature again
    assert Feature.objects.filter(product=product).count() == 1
    other = backlog.create_feature(actor=bob, product=product, title="Audit log", now=now())
    ideas.link_feature(actor=bob, idea=google, feature=other.pk, now=now())
    assert Idea.objects.get(pk=google.pk).feature == other
    with pytest.raises(Invalid) as failure:
        ideas.link_feature(actor=bob, idea=google, issue="WEB-999", now=now())
    assert "issue" in failure.value.fields


def test_linking_a_private_issue_is_refused_to_someone_who_cannot_see_it(alice, bob, product, sec):
    hidden = tracker.create_issue(actor=alice, project=sec, fields={"title": "Secret"}, now=now())
    sso = idea(bob, product, "SSO")
    with pytest.raises(Invalid):
        ideas.link_feature(actor=bob, idea=sso, issue=f"SEC-{hidden.number}", now=now())


def test_linking_through_the_api(api_as, alice, bob, product, issue):
    sso = idea(bob, product, "SSO")
    url = f"/api/v1/products/{product.pk}/ideas/{sso.pk}/feature"
    response = api_as(bob).put(url, json={"issue": "WEB-1"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "planned" and response.json()["feature"]["title"] == "First issue"
    assert api_as(bob).put(url, json={}).status_code == 422
    assert api_as(bob).put(url, json={"feature": 999999}).status_code == 422
    assert api_as(bob).delete(url).json()["feature"] is None


def test_most_wanted_sorts_by_votes_customers_or_revenue(api_as, bob, gus, product, acme_customers):
    big, many, asked = idea(bob, product, "Big money"), idea(bob, product, "Many voices"), idea(bob, product, "Asked")
    declined = idea(bob, product, "Declined")
    ideas.vote(actor=bob, idea=big, customer=acme_customers["globex"], now=now())
    for customer in ("initech", "umbrella"):
        ideas.vote(actor=bob, idea=many, customer=acme_customers[customer], now=now())
    for customer in ("initech", "umbrella", "globex"):
        ideas.vote(actor=bob, idea=declined, customer=acme_customers[customer], now=now())
    ideas.update_idea(actor=bob, idea=declined, fields={"status": "declined"}, now=now())
    # Feedback whose customer's vote was taken back still counts the customer as asking.
    feedback.add_feedback(actor=bob, product=product, body="please", customer=acme_customers["globex"], idea=asked,
                          now=now())
    feedback.add_feedback(actor=bob, product=product, body="us too", customer=acme_customers["initech"], idea=asked,
                          now=now())
    feedback.add_feedback(actor=bob, product=product, body="and us", customer=acme_customers["umbrella"], idea=asked,
                          now=now())
    ideas.unvote(actor=bob, idea=asked, customer=acme_customers["globex"])
    ideas.unvote(actor=bob, idea=asked, customer=acme_customers["initech"])

    def titles(sort):
        response = api_as(gus).get(f"/api/v1/products/{product.pk}/ideas?sort={sort}")
        assert response.status_code == 200, response.content
        return [(i["title"], i["vote_count"], i["customers"]) for i in response.json()["items"]]

    assert titles("votes") == [("Many voices", 2, 2), ("Asked", 1, 3), ("Big money", 1, 1)]
    assert titles("customers") == [("Asked", 1, 3), ("Many voices", 2, 2), ("Big money", 1, 1)]
    assert [title for title, _, _ in titles("revenue")] == ["Big money", "Many voices", "Asked"]
    assert api_as(gus).get(f"/api/v1/products/{product.pk}/ideas?sort=loudest").status_code == 422
    statuses = api_as(gus).get(f"/api/v1/products/{product.pk}/ideas?status=declined").json()["items"]
    assert [i["title"] for i in statuses] == ["Declined"]


def test_the_most_wanted_list_is_paged(api_as, bob, product):
    for n in range(5):
        idea(bob, product, f"Idea {n}")
    first = api_as(bob).get(f"/api/v1/products/{product.pk}/ideas?sort=votes&limit=2").json()
    assert first["total"] == 5 and len(first["items"]) == 2 and first["next_cursor"]
    second = api_as(bob).get(f"/api/v1/products/{product.pk}/ideas?sort=votes&limit=2&cursor={first['next_cursor']}")
    assert [i["title"] for i in second.json()["items"]] == ["Idea 2", "Idea 3"]


def test_members_write_ideas_guests_read_them_outsiders_never_see_them(api_as, bob, gus, charlie, product):
    response = api_as(bob).post(f"/api/v1/products/{product.pk}/ideas", json={"title": "Dark mode"})
    assert response.status_code == 201, response.content
    url = f"/api/v1/products/{product.pk}/ideas/{response.json()['id']}"
    assert api_as(gus).get(url).status_code == 200
    assert api_as(gus).patch(url, json={"title": "Mine"}).status_code == 403
    assert api_as(gus).post(f"{url}/comments", json={"body": "+1"}).status_code == 403
    assert api_as(charlie).get(url).status_code == 404
    assert api_as(charlie).get(f"/api/v1/products/{product.pk}/ideas").status_code == 404
    assert api_as(bob).patch(url, json={"status": "merged"}).status_code == 422
    assert api_as(bob).patch(url, json={"status": "under_review", "title": "Dark theme"}).json()["title"] == "Dark theme"
    assert api_as(bob).post(f"{url}/comments", json={"body": "Seen at two customers"}).status_code == 201
    assert api_as(bob).get(url).json()["comments"][0]["body"] == "Seen at two customers"
    assert api_as(bob).delete(url).status_code == 403
    assert api_as(bob).post(f"/api/v1/products/{product.pk}/ideas", json={"title": " "}).status_code == 422


def test_a_shipped_status_by_hand_records_when(bob, product):
    sso = idea(bob, product, "SSO")
    ideas.update_idea(actor=bob, idea=sso, fields={"status": "shipped"}, now=now())
    assert sso.shipped_at is not None
    ideas.update_idea(actor=bob, idea=sso, fields={"status": "in_progress"}, now=now())
    assert sso.shipped_at is None
