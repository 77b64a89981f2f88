"""Objectives and key results: managers define them and link the work, members report
current values, guests read; progress rolls up from key results and linked work with its
arithmetic, and a private issue neither shows nor counts for those outside its project."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from cairn.errors import Forbidden, Invalid, NotFound
from cairn.product.models import KeyResult, Objective
from cairn.product.services import backlog, strategy
from cairn.tracker import services as tracker

Q4 = {"period": "2026 Q4", "starts_on": "2026-10-01", "ends_on": "2026-12-31"}


@pytest.fixture
def objective(alice, product):
    return strategy.create_objective(actor=alice, product=product, title="Win teams leaving Jira", **Q4)


def _issue(actor, project, title, status="To do", parent=None):
    fields = {"title": title, "status": status}
    if parent is not None:
        fields["parent"] = f"{parent.project.key}-{parent.number}"
    return tracker.create_issue(actor=actor, project=project, fields=fields, now=timezone.now())


def _figures(actor, objective, today=dt.date(2026, 11, 15)):
    fresh = strategy.objective_for(actor, objective.product, objective.pk)
    return strategy.progress_of(actor, [fresh], today)[fresh.pk]


def _client(user, password):
    client = Client()
    assert client.login(username=user.username, password=password)
    return client


# Services ------------------------------------------------------------------------------

def test_an_objective_rolls_up_key_results_and_linked_work(alice, product, objective, web):
    strategy.create_key_result(actor=alice, objective=objective, title="Teams migrated", start_value="20",
                               target_value="60", current_value="45")
    strategy.create_key_result(actor=alice, objective=objective, title="Import time (min)", start_value=40,
                               target_value=10, current_value=40)
    epic = _issue(alice, web, "Importer")
    for n in range(4):
        _issue(alice, web, f"Story {n}", "Done" if n < 3 else "To do", parent=epic)
    strategy.link_issue(actor=alice, objective=objective, key=f"WEB-{epic.number}")
    loose = _issue(alice, web, "Landing page", "Done")
    feature = backlog.create_feature(actor=alice, product=product, title="Jira import", now=timezone.now(),
                                     issue=f"WEB-{loose.number}")
    strategy.link_feature(actor=alice, objective=objective, feature_id=feature.pk, now=timezone.now())
    figures = _figures(alice, objective)
    assert [r.progress.arithmetic for r in figures.key_results] == [
        "(45 − 20) ÷ (60 − 20) = 62.5 %", "(40 − 40) ÷ (10 − 40) = 0 %"]
    assert figures.by_key_results.arithmetic == "(62.5 % + 0 %) ÷ 2 = 31.3 %"
    assert figures.by_work.share == 0.8 and figures.by_work.arithmetic.startswith("4 of 5 linked issues done")
    assert figures.combined.percent == 55.6 and figures.features == [feature]
    assert figures.elapsed.arithmetic == "46 of 92 days = 50 %" and not figures.behind
    assert [w.title for w in figures.work] == ["Importer", "Landing page"]


def test_an_issue_linked_twice_counts_once_and_unlinking_removes_it(alice, product, objective, web):
    done = _issue(alice, web, "Shipped", "Done")
    feature = backlog.create_feature(actor=alice, product=product, title="F", now=timezone.now(),
                                     issue=f"WEB-{done.number}")
    strategy.link_issue(actor=alice, objective=objective, key=f"web-{done.number}")
    strategy.link_feature(actor=alice, objective=objective, feature_id=feature.pk, now=timezone.now())
    assert _figures(alice, objective).by_work.arithmetic.startswith("1 of 1 ")
    strategy.unlink_feature(actor=alice, objective=objective, feature_id=feature.pk, now=timezone.now())
    strategy.unlink_issue(actor=alice, objective=objective, key=f"WEB-{done.number}")
    figures = _figures(alice, objective)
    assert figures.by_work.share is None and figures.combined.arithmetic.startswith("Nothing to measure")


def test_a_private_issue_neither_shows_nor_counts_for_outsiders_of_its_project(alice, bob, objective, sec, web):
    strategy.link_issue(actor=alice, objective=objective, key=f"SEC-{_issue(alice, sec, 'Secret', 'Done').number}")
    strategy.link_issue(actor=alice, objective=objective, key=f"WEB-{_issue(alice, web, 'Open').number}")
    assert _figures(alice, objective).by_work.share == 0.5
    seen_by_bob = _figures(bob, objective)
    assert [w.title for w in seen_by_bob.work] == ["Open"] and seen_by_bob.by_work.share == 0


def test_progress_behind_the_calendar_is_flagged(alice, objective):
    strategy.create_key_result(actor=alice, objective=objective, title="NPS", start_value=0, target_value=50,
                               current_value=5)
    assert _figures(alice, objective, dt.date(2026, 12, 1)).behind
    assert not _figures(alice, objective, dt.date(2026, 10, 5)).behind


def test_a_target_equal_to_the_start_is_explained_not_divided(alice, objective):
    strategy.create_key_result(actor=alice, objective=objective, title="Flat", start_value=5, target_value=5)
    figures = _figures(alice, objective)
    assert figures.key_results[0].progress.share is None
    assert "target equals the start" in figures.key_results[0].progress.arithmetic


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": " "}, "title"), ({"ends_on": "2026-09-30"}, "ends_on"), ({"starts_on": "soon"}, "starts_on"),
    ({"color": "blue"}, "color"), ({"owner": "charlie"}, "owner"), ({"period": ""}, "period"),
    ({"colour": "#ffffff"}, "colour"),
])
def test_bad_objective_fields_are_named(alice, objective, fields, field):
    with pytest.raises(Invalid) as refused:
        strategy.update_objective(actor=alice, objective=objective, fields=fields)
    assert field in refused.value.fields


@pytest.mark.parametrize(("fields", "field"), [
    ({"start_value": "ten"}, "start_value"), ({"target_value": None}, "target_value"),
    ({"current_value": "1e20"}, "current_value"), ({"title": ""}, "title"), ({"unit": "x" * 21}, "unit"),
])
def test_bad_key_result_fields_are_named(alice, objective, fields, field):
    made = strategy.create_key_result(actor=alice, objective=objective, title="KR", start_value=0, target_value=1)
    with pytest.raises(Invalid) as refused:
        strategy.update_key_result(actor=alice, key_result=made, fields=fields)
    assert field in refused.value.fields


def test_members_report_current_values_but_only_managers_define(alice, bob, gus, objective):
    made = strategy.create_key_result(actor=alice, objective=objective, title="KR", start_value=0, target_value=10)
    assert made.current_value == 0
    strategy.update_key_result(actor=bob, key_result=made, fields={"current_value": "7.5"})
    assert KeyResult.objects.get().current_value == 7.5
    with pytest.raises(Forbidden):
        strategy.update_key_result(actor=bob, key_result=made, fields={"target_value": 5})
    with pytest.raises(Forbidden):
        strategy.update_key_result(actor=gus, key_result=made, fields={"current_value": 1})
    with pytest.raises(Forbidden):
        strategy.create_objective(actor=bob, product=objective.product, title="Mine", **Q4)
    with pytest.raises(Forbidden):
        strategy.link_issue(actor=bob, objective=objective, key="WEB-1")


def test_linking_refuses_unknown_issues_and_foreign_features(alice, objective, workspace):
    with pytest.raises(Invalid) as refused:
        strategy.link_issue(actor=alice, objective=objective, key="WEB-999")
    assert "issue" in refused.value.fields
    with pytest.raises(Invalid):
        strategy.link_feature(actor=alice, objective=objective, feature_id=999, now=timezone.now())


def test_periods_are_listed_latest_first(alice, product, objective):
    strategy.create_objective(actor=alice, product=product, title="Earlier", period="2026 Q3",
                              starts_on="2026-07-01", ends_on="2026-09-30")
    assert strategy.periods(product) == ["2026 Q4", "2026 Q3"]
    assert [o.title for o in strategy.objectives_of(alice, product, "2026 Q3")] == ["Earlier"]


# API -----------------------------------------------------------------------------------

def test_the_api_defines_objectives_and_answers_progress_with_arithmetic(api_as, alice, product, issue):
    base = f"/api/v1/products/{product.pk}/objectives"
    response = api_as(alice).post(base, json={"title": "Grow", **Q4, "owner": "bob", "color": "#AA0000"})
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["owner"] == "bob" and made["color"] == "#aa0000" and made["progress"]["combined"]["percent"] is None
    response = api_as(alice).post(f"{base}/{made['id']}/key-results",
                                  json={"title": "Signups", "start_value": 20, "target_value": 60,
                                        "current_value": 45, "unit": "k"})
    assert response.status_code == 201 and response.json()["progress"] == {
        "percent": 62.5, "arithmetic": "(45 − 20) ÷ (60 − 20) = 62.5 %"}
    response = api_as(alice).put(f"{base}/{made['id']}/issues/WEB-{issue.number}")
    assert response.status_code == 200
    body = response.json()
    assert body["issues"][0]["key"] == f"WEB-{issue.number}"
    assert body["progress"]["work"]["percent"] == 0
    assert body["progress"]["combined"]["arithmetic"] == "(62.5 % by key results + 0 % by linked work) ÷ 2 = 31.3 %"
    listed = api_as(alice).get(f"{base}?period=2026%20Q4").json()
    assert listed["total"] == 1 and listed["items"][0]["key_results"][0]["current_value"] == 45
    assert api_as(alice).delete(f"{base}/{made['id']}/issues/WEB-{issue.number}").status_code == 204
    assert api_as(alice).get(f"{base}/{made['id']}").json()["issues"] == []


def test_the_api_lets_members_update_current_values_only(api_as, alice, bob, gus, objective):
    made = strategy.create_key_result(actor=alice, objective=objective, title="KR", start_value=0, target_value=10)
    url = f"/api/v1/products/{objective.product_id}/objectives/{objective.pk}/key-results/{made.pk}"
    response = api_as(bob).patch(url, json={"current_value": 4})
    assert response.status_code == 200 and response.json()["progress"]["percent"] == 40
    assert api_as(bob).patch(url, json={"target_value": 4}).status_code == 403
    assert api_as(gus).patch(url, json={"current_value": 4}).status_code == 403
    assert api_as(gus).get(f"/api/v1/products/{objective.product_id}/objectives").json()["total"] == 1
    assert api_as(bob).delete(url).status_code == 403
    assert api_as(alice).delete(url).status_code == 204 and not KeyResult.objects.exists()


def test_the_api_names_bad_input_and_hides_products_from_outsiders(api_as, alice, charlie, objective):
    base = f"/api/v1/products/{objective.product_id}/objectives"
    response = api_as(alice).post(base, json={"title": "X", **Q4, "ends_on": "2026-01-01"})
    assert response.status_code == 422 and "ends_on" in response.json()["errors"]
    response = api_as(alice).patch(f"{base}/{objective.pk}", json={"titel": "typo"})
    assert response.status_code == 422
    assert api_as(charlie).get(base).status_code == 404
    assert api_as(charlie).get(f"{base}/{objective.pk}").status_code == 404
    assert api_as(alice).get(f"{base}/999999").status_code == 404
    assert api_as(alice).delete(f"{base}/{objective.pk}").status_code == 204
    assert not Objective.objects.exists()


def test_an_objective_of_another_product_is_not_found_through_this_one(alice, product, objective, workspace):
    from cairn.product.services import products

    other = products.create_product(actor=alice, workspace=workspace, name="Other", now=timezone.now())
    with pytest.raises(NotFound):
        strategy.objective_for(alice, other, objective.pk)


# Pages ---------------------------------------------------------------------------------

def test_the_okr_page_shows_objectives_by_period_with_the_arithmetic(alice, gus, charlie, password, product,
                                                                      objective):
    strategy.create_objective(actor=alice, product=product, title="Earlier goal", period="2026 Q3",
                              starts_on="2026-07-01", ends_on="2026-09-30")
    strategy.create_key_result(actor=alice, objective=objective, title="Teams migrated", start_value=20,
                               target_value=60, current_value=45)
    page = _client(alice, password).get(f"/products/{product.pk}/okrs/").content.decode()
    assert page.index("2026 Q4") < page.index("2026 Q3") and "Earlier goal" in page
    assert "(45 − 20) ÷ (60 − 20) = 62.5 %" in page and "How this is computed" in page
    assert 'name="current_value"' in page and "New objective" in page and "Link issue" in page
    guest = _client(gus, password).get(f"/products/{product.pk}/okrs/").content.decode()
    assert "62.5 %" in guest and 'name="current_value"' not in guest and "New objective" not in guest
    assert _client(charlie, password).get(f"/products/{product.pk}/okrs/").status_code == 404


def test_a_member_edits_a_current_value_in_place(alice, bob, gus, password, product, objective):
    made = strategy.create_key_result(actor=alice, objective=objective, title="KR", start_value=0, target_value=8)
    url = f"/products/{product.pk}/okrs/key-results/{made.pk}/"
    response = _client(bob, password).post(url, {"current_value": "2"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<article class="card objective" id="objective-{objective.pk}"')
    assert "(2 − 0) ÷ (8 − 0) = 25 %" in body
    response = _client(bob, password).post(url, {"current_value": "lots"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422 and "not a number" in response.content.decode()
    assert _client(gus, password).post(url, {"current_value": "3"}, HTTP_HX_REQUEST="true").status_code == 403
    assert KeyResult.objects.get().current_value == 2


def test_a_manager_runs_objectives_from_the_page(alice, password, product, issue):
    client = _client(alice, password)
    url = f"/products/{product.pk}/okrs/"
    response = client.post(url, {"action": "objective", "title": "Grow", **Q4, "color": "#16a34a", "owner": "bob"})
    assert response.status_code == 302
    made = Objective.objects.get()
    assert made.owner.username == "bob" and response["Location"].endswith(f"#objective-{made.pk}")
    client.post(url, {"action": "key-result", "objective": made.pk, "title": "Signups", "start_value": "10",
                      "target_value": "20", "current_value": ""})
    assert made.key_results.get().current_value == 10
    client.post(url, {"action": "link-issue", "objective": made.pk, "issue": f"WEB-{issue.number}"})
    assert list(made.issues.all()) == [issue]
    response = client.post(url, {"action": "link-issue", "objective": made.pk, "issue": "WEB-999"})
    assert response.status_code == 422 and "no issue" in response.content.decode()
    response = client.post(url, {"action": "edit-objective", "objective": made.pk, "ends_on": "2020-01-01"})
    assert response.status_code == 422
    client.post(url, {"action": "unlink-issue", "objective": made.pk, "issue": f"WEB-{issue.number}"})
    assert not made.issues.exists()
    client.post(url, {"action": "delete-objective", "objective": made.pk})
    assert not Objective.objects.exists()


def test_the_page_asks_the_database_the_same_number_of_times_for_more_objectives(alice, password, product, web):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(alice, password)

    def add_objectives(count):
        for n in range(count):
            made = strategy.create_objective(actor=alice, product=product, title=f"Goal {n}", **Q4)
            strategy.create_key_result(actor=alice, objective=made, title="KR", start_value=0, target_value=4)
            strategy.link_issue(actor=alice, objective=made, key=f"WEB-{_issue(alice, web, f'Work {n}').number}")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/products/{product.pk}/okrs/").status_code == 200
        return len(captured)

    add_objectives(2)
    few = queries()
    add_objectives(5)
    assert queries() == few


def test_the_page_opens_on_the_two_latest_periods_and_links_the_others(alice, password, product):
    for label, starts, ends in (("2026 Q2", "2026-04-01", "2026-06-30"),
                                ("2026 Q3", "2026-07-01", "2026-09-30"),
                                ("2026 Q4", "2026-10-01", "2026-12-31")):
        strategy.create_objective(actor=alice, product=product, title=f"Goal of {label}", period=label,
                                  starts_on=starts, ends_on=ends)
    client = _client(alice, password)
    page = client.get(f"/products/{product.pk}/okrs/").content.decode()
    assert "Goal of 2026 Q4" in page and "Goal of 2026 Q3" in page and "Goal of 2026 Q2" not in page
    assert "?period=2026%20Q2" in page
    page = client.get(f"/products/{product.pk}/okrs/?period=2026 Q2").content.decode()
    assert "Goal of 2026 Q2" in page and "Goal of 2026 Q4" not in page
