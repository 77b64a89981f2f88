"""Scoring features and ideas: members set the inputs, the scores follow, a guest reads
them with their formulas, and a bad input is a 422 naming it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from cairn.errors import Forbidden, Invalid
from cairn.product.models import Feature, Idea
from cairn.product.services import backlog, scoring

RICE = {"reach": 2000, "impact": 2, "confidence": 80, "effort": 4}
WSJF = {"business_value": 8, "time_criticality": 5, "risk_reduction": 3, "job_size": 5}


@pytest.fixture
def feature(product, bob) -> Feature:
    return backlog.create_feature(actor=bob, product=product, title="Dark mode", now=timezone.now())


@pytest.fixture
def idea(product) -> Idea:
    now = timezone.now()
    return Idea.objects.create(product=product, title="Export to PDF", rank="i", created_at=now, updated_at=now)


def test_a_member_scores_a_feature_and_the_scores_are_stored(bob, feature):
    scoring.set_scores(actor=bob, item=feature, inputs={**RICE, **WSJF, "value": 8, "moscow": "must"},
                       now=timezone.now())
    stored = Feature.objects.get(pk=feature.pk)
    assert stored.rice_score == 800 and stored.wsjf_score == pytest.approx(3.2) and stored.value_effort_score == 2
    assert stored.impact == Decimal("2.00") and stored.moscow == "must"
    explained = scoring.explain(stored)
    assert explained["rice"].text == "RICE = 2,000 × 2 × 80% ÷ 4 = 800"
    assert explained["wsjf"].text == "WSJF = (8 + 5 + 3) ÷ 5 = 3.2"
    assert explained["value_effort"].text == "Value ÷ effort = 8 ÷ 4 = 2 (big bet)"
    assert explained["value_effort"].quadrant == "big bet"
    assert explained["moscow"].text == "MoSCoW: Must have"


def test_a_score_is_empty_while_an_input_is_missing_and_says_which(bob, feature):
    scoring.set_scores(actor=bob, item=feature, inputs={"reach": 100, "impact": 1, "confidence": 50},
                       now=timezone.now())
    feature.refresh_from_db()
    assert feature.rice_score is None and feature.wsjf_score is None and feature.value_effort_score is None
    explained = scoring.explain(feature)
    assert explained["rice"].text == "No RICE score: effort is missing"
    assert explained["wsjf"].text == "No WSJF score: business value is missing"
    assert explained["moscow"].text == "MoSCoW: not set"


def test_inputs_left_out_keep_their_value_and_a_blank_one_clears_it(bob, feature):
    scoring.set_scores(actor=bob, item=feature, inputs=RICE, now=timezone.now())
    scoring.set_scores(actor=bob, item=feature, inputs={"reach": 1000}, now=timezone.now())
    feature.refresh_from_db()
    assert feature.rice_score == 400
    scoring.set_scores(actor=bob, item=feature, inputs={"effort": ""}, now=timezone.now())
    feature.refresh_from_db()
    assert feature.effort is None and feature.rice_score is None


@pytest.mark.parametrize(("inputs", "field", "message"), [
    ({"effort": 0}, "effort", "must be more than 0"),
    ({"effort": "-1"}, "effort", "must be more than 0"),
    ({"effort": "lots"}, "effort", "'lots' is not a number"),
    ({"impact": 4}, "impact", "must be one of 0.25, 0.5, 1, 2, 3"),
    ({"confidence": 120}, "confidence", "must be a percentage from 0 to 100"),
    ({"reach": 1.5}, "reach", "must be a whole number"),
    ({"reach": -3}, "reach", "must not be negative"),
    ({"job_size": 4}, "job_size", "must be one of 1, 2, 3, 5, 8, 13, 20"),
    ({"value": 11}, "value", "must be a whole number from 1 to 10"),
    ({"moscow": "maybe"}, "moscow", "must be one of must, should, could, wont"),
    ({"reech": 3}, "reech", "is not a score input"),
])
def test_a_bad_input_is_named_and_nothing_is_written(bob, feature, inputs, field, message):
    scoring.set_scores(actor=bob, item=feature, inputs=RICE, now=timezone.now())
    with pytest.raises(Invalid) as failure:
        scoring.set_scores(actor=bob, item=feature, inputs={"reach": 5, **inputs}, now=timezone.now())
    assert failure.value.fields == {field: message}
    assert Feature.objects.get(pk=feature.pk).reach == 2000


def test_ideas_are_scored_like_features(bob, idea):
    scoring.set_scores(actor=bob, item=idea, inputs={"value": 3, "effort": "0.5"}, now=timezone.now())
    idea.refresh_from_db()
    assert idea.value_effort_score == 6
    assert scoring.explain(idea)["value_effort"].quadrant == "fill-in"


def test_a_guest_may_not_score(gus, feature):
    with pytest.raises(Forbidden):
        scoring.set_scores(actor=gus, item=feature, inputs=RICE, now=timezone.now())


# ---------------------------------------------------------------- the API

def test_the_api_scores_a_feature_and_answers_the_formulas(api_as, bob, product, feature):
    url = f"/api/v1/products/{product.pk}/features/{feature.pk}/scores"
    response = api_as(bob).put(url, json={**RICE, "impact": "0.5", "value": 9, "moscow": "should"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["inputs"]["reach"] == 2000 and body["inputs"]["moscow"] == "should"
    assert body["scores"] == {"rice": 200.0, "wsjf": None, "value_effort": 2.25, "moscow": "should",
                              "quadrant": "big bet"}
    assert body["explanations"]["rice"] == "RICE = 2,000 × 0.5 × 80% ÷ 4 = 200"
    assert body["explanations"]["wsjf"] == "No WSJF score: business value is missing"


def test_the_api_scores_an_idea(api_as, bob, product, idea):
    response = api_as(bob).put(f"/api/v1/products/{product.pk}/ideas/{idea.pk}/scores", json=WSJF)
    assert response.status_code == 200, response.content
    assert response.json()["scores"]["wsjf"] == pytest.approx(3.2)
    assert response.json()["kind"] == "idea"


def test_the_api_answers_422_naming_the_field(api_as, bob, product, feature, idea):
    response = api_as(bob).put(f"/api/v1/products/{product.pk}/features/{feature.pk}/scores", json={"effort": 0})
    assert response.status_code == 422 and response.json()["errors"] == {"effort": "must be more than 0"}
    response = api_as(bob).put(f"/api/v1/products/{product.pk}/ideas/{idea.pk}/scores", json={"impact": 7})
    assert response.status_code == 422 and "impact" in response.json()["errors"]
    response = api_as(bob).put(f"/api/v1/products/{product.pk}/ideas/{idea.pk}/scores", json={"size": 7})
    assert response.status_code == 422 and "size" in response.json()["errors"]


def test_guests_read_scores_but_may_not_set_them_and_outsiders_see_nothing(api_as, bob, gus, charlie, product,
                                                                           feature, idea):
    scoring.set_scores(actor=bob, item=feature, inputs=RICE, now=timezone.now())
    body = api_as(gus).get(f"/api/v1/products/{product.pk}/features/{feature.pk}").json()
    assert body["explanations"]["rice"].endswith("= 800")
    for url in (f"/api/v1/products/{product.pk}/features/{feature.pk}/scores",
                f"/api/v1/products/{product.pk}/ideas/{idea.pk}/scores"):
        assert api_as(gus).put(url, json={"reach": 1}).status_code == 403
        assert api_as(charlie).put(url, json={"reach": 1}).status_code == 404
    assert Feature.objects.get(pk=feature.pk).reach == 2000


def test_an_idea_of_another_product_is_not_found(api_as, alice, bob, workspace, product, idea):
    from cairn.product.services import products

    other = products.create_product(actor=alice, workspace=workspace, name="Other", now=timezone.now())
    response = api_as(bob).put(f"/api/v1/products/{other.pk}/ideas/{idea.pk}/scores", json={"reach": 1})
    assert response.status_code == 404


# ---------------------------------------------------------------- the page

def _client(user, password):
    client = Client()
    assert client.login(username=user.username, password=password)
    return client


def test_the_page_edits_the_inputs_inline_and_answers_the_row(bob, password, product, feature):
    client = _client(bob, password)
    url = f"/products/{product.pk}/backlog/features/{feature.pk}/scores/"
    response = client.post(url, {**RICE, "value": "", "moscow": "could"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'title="RICE = 2,000 × 2 × 80% ÷ 4 = 800"' in html and "<html" not in html
    assert Feature.objects.get(pk=feature.pk).moscow == "could"


def test_the_page_names_a_bad_input(bob, password, product, feature):
    response = _client(bob, password).post(f"/products/{product.pk}/backlog/features/{feature.pk}/scores/",
                                           {"effort": "0"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422 and "must be more than 0" in response.content.decode()


def test_a_guest_cannot_score_on_the_page(gus, password, product, feature):
    response = _client(gus, password).post(f"/products/{product.pk}/backlog/features/{feature.pk}/scores/",
                                           {"reach": "5"})
    assert response.status_code == 403


def test_the_inline_editor_loads_its_form_with_the_current_inputs(bob, password, product, feature):
    scoring.set_scores(actor=bob, item=feature, inputs={**RICE, "impact": "0.25"}, now=timezone.now())
    response = _client(bob, password).get(f"/products/{product.pk}/backlog/features/{feature.pk}/scores/")
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith("{#") is False
    assert 'name="reach" value="2000"' in html and '<option value="0.25" selected>' in html
    assert f'hx-post="/products/{product.pk}/backlog/features/{feature.pk}/scores/?sort=rank"' in html
