"""Research notes and insights: members write notes and highlight passages as insights
linked to ideas and features of the same product; the passage is kept even when the note
changes; a feature and an idea list the evidence behind them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from cairn.errors import Forbidden, Invalid
from cairn.product.models import Idea, Insight, ResearchNote
from cairn.product.services import backlog, products, research

BODY = "We tried Jira.\nThe roadmap never matched the work, so we kept a slide deck.\nExports took ages."


@pytest.fixture
def note(bob, product):
    return research.create_note(actor=bob, product=product, title="Interview with Dana", now=timezone.now(),
                                participant="Dana, PM at Globex", held_on="2026-11-02", body=BODY)


@pytest.fixture
def feature(alice, product):
    return backlog.create_feature(actor=alice, product=product, title="Roadmap from the schedule", now=timezone.now())


@pytest.fixture
def idea(product):
    now = timezone.now()
    return Idea.objects.create(product=product, title="Live roadmap", rank="i", created_at=now, updated_at=now)


def _span(text):
    start = BODY.index(text)
    return start, start + len(text)


def _client(user, password):
    client = Client()
    assert client.login(username=user.username, password=password)
    return client


# Services ------------------------------------------------------------------------------

def test_a_highlighted_passage_becomes_an_insight_linked_to_ideas_and_features(bob, note, feature, idea):
    start, end = _span("The roadmap never matched the work")
    insight = research.highlight(actor=bob, note=note, start=start, end=end, now=timezone.now(),
                                 summary="Roadmaps drift", ideas=[idea.pk], features=[feature.pk])
    assert insight.passage == "The roadmap never matched the work"
    assert list(insight.ideas.all()) == [idea] and list(insight.features.all()) == [feature]
    assert research.evidence_for_feature(feature) == [insight] and research.evidence_for_idea(idea) == [insight]


@pytest.mark.parametrize(("start", "end", "field"), [
    (5, 5, "end"), (9, 3, "end"), (0, len(BODY) + 1, "end"), (-1, 4, "start"), ("a", 4, "start"), (14, 15, "start"),
])
def test_an_empty_or_out_of_range_selection_is_refused(bob, note, start, end, field):
    with pytest.raises(Invalid) as refused:
        research.highlight(actor=bob, note=note, start=start, end=end, now=timezone.now())
    assert field in refused.value.fields and not Insight.objects.exists()


def test_ideas_and_features_of_another_product_are_refused(alice, bob, note, workspace):
    other = products.create_product(actor=alice, workspace=workspace, name="Other", now=timezone.now())
    foreign = backlog.create_feature(actor=alice, product=other, title="Elsewhere", now=timezone.now())
    with pytest.raises(Invalid) as refused:
        research.highlight(actor=bob, note=note, start=0, end=5, now=timezone.now(), features=[foreign.pk])
    assert "features" in refused.value.fields
    with pytest.raises(Invalid) as refused:
        research.highlight(actor=bob, note=note, start=0, end=5, now=timezone.now(), ideas=[12345])
    assert "ideas" in refused.value.fields


def test_an_insight_keeps_its_passage_when_the_note_is_edited(bob, note):
    start, end = _span("Exports took ages.")
    insight = research.highlight(actor=bob, note=note, start=start, end=end, now=timezone.now())
    assert research.is_current(insight, note.body)
    research.update_note(actor=bob, note=note, fields={"body": "Intro.\r\n" + BODY})
    insight.refresh_from_db()
    note.refresh_from_db()
    assert insight.passage == "Exports took ages." and not research.is_current(insight, note.body)
    assert "\r" not in note.body
    assert [s.insight for s in research.segments(note, [insight])] == [None]


def test_segments_cut_the_body_at_current_insights(bob, note):
    first = research.highlight(actor=bob, note=note, start=0, end=14, now=timezone.now())
    overlapping = research.highlight(actor=bob, note=note, start=3, end=9, now=timezone.now())
    later = research.highlight(actor=bob, note=note, start=_span("Exports")[0], end=len(BODY), now=timezone.now())
    runs = research.segments(note, [later, overlapping, first])
    assert "".join(r.text for r in runs) == BODY
    assert [r.insight for r in runs if r.insight] == [first, later]


def test_links_are_added_removed_and_replaced_later(bob, note, feature, idea):
    insight = research.highlight(actor=bob, note=note, start=0, end=5, now=timezone.now())
    research.link(actor=bob, insight=insight, ideas=[idea.pk], features=[feature.pk])
    assert insight.features.count() == 1 and insight.ideas.count() == 1
    research.unlink(actor=bob, insight=insight, features=[feature.pk])
    assert insight.features.count() == 0
    research.update_insight(actor=bob, insight=insight, fields={"summary": "Jira", "ideas": []})
    assert insight.ideas.count() == 0 and Insight.objects.get().summary == "Jira"


def test_guests_read_research_but_do_not_write_it(gus, bob, product, note):
    assert list(research.notes_of(gus, product)) == [note]
    with pytest.raises(Forbidden):
        research.create_note(actor=gus, product=product, title="Mine", now=timezone.now())
    with pytest.raises(Forbidden):
        research.highlight(actor=gus, note=note, start=0, end=4, now=timezone.now())


@pytest.mark.parametrize(("fields", "field"), [
    ({"kind": "focus-group"}, "kind"), ({"held_on": "yesterday"}, "held_on"), ({"title": ""}, "title"),
    ({"author": "gus"}, "author"),
])
def test_bad_note_fields_are_named(bob, note, fields, field):
    with pytest.raises(Invalid) as refused:
        research.update_note(actor=bob, note=note, fields=fields)
    assert field in refused.value.fields


# API -----------------------------------------------------------------------------------

def test_the_api_writes_notes_and_insights(api_as, bob, gus, charlie, product, feature, idea):
    base = f"/api/v1/products/{product.pk}/research"
    response = api_as(bob).post(base, json={"title": "Survey Q4", "kind": "survey", "body": BODY})
    assert response.status_code == 201, response.content
    note = response.json()
    start, end = _span("Exports took ages.")
    response = api_as(bob).post(f"{base}/{note['id']}/insights",
                                json={"start": start, "end": end, "features": [feature.pk], "summary": "Slow"})
    assert response.status_code == 201, response.content
    insight = response.json()
    assert insight["passage"] == "Exports took ages." and insight["current"] and insight["features"] == [feature.pk]
    response = api_as(bob).post(f"{base}/{note['id']}/insights", json={"start": 4, "end": 4})
    assert response.status_code == 422 and "end" in response.json()["errors"]
    response = api_as(bob).patch(f"/api/v1/products/{product.pk}/insights/{insight['id']}", json={"ideas": [idea.pk]})
    assert response.json()["ideas"] == [idea.pk]
    evidence = api_as(gus).get(f"/api/v1/products/{product.pk}/features/{feature.pk}/evidence").json()
    assert evidence["total"] == 1 and evidence["items"][0]["note_title"] == "Survey Q4"
    assert api_as(gus).get(f"/api/v1/products/{product.pk}/ideas/{idea.pk}/evidence").json()["total"] == 1
    listed = api_as(gus).get(base).json()
    assert listed["total"] == 1 and listed["items"][0]["insight_count"] == 1
    assert api_as(gus).post(base, json={"title": "x"}).status_code == 403
    assert api_as(charlie).get(f"{base}/{note['id']}").status_code == 404
    response = api_as(bob).patch(f"{base}/{note['id']}", json={"body": "All new."})
    assert response.json()["insights"][0]["current"] is False
    assert response.json()["insights"][0]["passage"] == "Exports took ages."
    assert api_as(bob).delete(f"/api/v1/products/{product.pk}/insights/{insight['id']}").status_code == 204
    assert api_as(bob).delete(f"{base}/{note['id']}").status_code == 204
    assert not ResearchNote.objects.exists()


# Pages ---------------------------------------------------------------------------------

def test_the_note_page_highlights_insights_in_the_body(bob, gus, charlie, password, product, note, feature):
    start, end = _span("The roadmap never matched the work")
    research.highlight(actor=bob, note=note, start=start, end=end, now=timezone.now(), features=[feature.pk])
    page = _client(gus, password).get(f"/products/{product.pk}/research/{note.pk}/").content.decode()
    assert "<mark" in page and "The roadmap never matched the work</mark>" in page
    assert "Roadmap from the schedule" in page and "Make insight" not in page
    listing = _client(gus, password).get(f"/products/{product.pk}/research/").content.decode()
    assert "Interview with Dana" in listing and "Dana, PM at Globex" in listing
    assert _client(charlie, password).get(f"/products/{product.pk}/research/{note.pk}/").status_code == 404


def test_the_pages_write_notes_and_make_insights(bob, password, product, feature, idea):
    client = _client(bob, password)
    response = client.post(f"/products/{product.pk}/research/",
                           {"title": "Call", "kind": "interview", "body": "Line one\r\nLine two", "held_on": ""})
    assert response.status_code == 302
    note = ResearchNote.objects.get()
    assert note.body == "Line one\nLine two"
    response = client.post(f"/products/{product.pk}/research/{note.pk}/",
                           {"action": "insight", "start": 9, "end": 17, "summary": "Second",
                            "features": [feature.pk], "ideas": [idea.pk]})
    assert response.status_code == 302
    insight = Insight.objects.get()
    assert insight.passage == "Line two" and list(insight.features.all()) == [feature]
    response = client.post(f"/products/{product.pk}/research/{note.pk}/", {"action": "insight", "start": 3, "end": 3})
    assert response.status_code == 422 and "select a passage" in response.content.decode()
    response = client.post(f"/products/{product.pk}/research/{note.pk}/",
                           {"action": "links", "insight": insight.pk, "features": []})
    assert response.status_code == 302 and insight.features.count() == 0
    response = client.post(f"/products/{product.pk}/research/", {"title": "", "kind": "interview"})
    assert response.status_code == 422
