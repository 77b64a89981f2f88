"""Planning and quality: the scope statement, deliverables with acceptance criteria,
review checklists and sign-off, WBS codes beside linked issues, and the RACI matrix —
services, API, pages and who may do what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cairn.errors import Conflict, Forbidden, Invalid, NotFound
from cairn.lifecycle import deliverables, raci
from cairn.lifecycle.models import Deliverable
from cairn.planning import services as planning
from cairn.tracker import services as tracker


@pytest.fixture
def checkout(alice, web, issue, now):
    return deliverables.add_deliverable(actor=alice, project=web, now=now, data={
        "name": "Checkout", "acceptance_criteria": "- pays by **card**", "issues": [issue.key],
        "review": ["Tested on mobile", "Security review"]})


def test_a_deliverable_has_criteria_issues_and_a_review_checklist(checkout, issue):
    assert (checkout.ref, checkout.done) == ("DL-1", False)
    assert [i.key for i in checkout.issues.all()] == [issue.key]
    assert [r.text for r in checkout.review.all()] == ["Tested on mobile", "Security review"]


def test_sign_off_is_refused_while_review_items_are_open(alice, bob, checkout, now):
    first, second = checkout.review.all()
    deliverables.mark_review_item(actor=bob, deliverable=checkout, item_id=first.pk, done=True, now=now)
    with pytest.raises(Invalid) as refused:
        deliverables.sign_off(actor=alice, deliverable=checkout, now=now)
    assert refused.value.fields == {"review": "still open: Security review"}
    deliverables.mark_review_item(actor=bob, deliverable=checkout, item_id=second.pk, done=True, now=now)
    signed = deliverables.sign_off(actor=alice, deliverable=checkout, now=now)
    assert (signed.done, signed.signed_off_by, signed.signed_off_at) == (True, alice, now)
    with pytest.raises(Conflict):
        deliverables.mark_review_item(actor=bob, deliverable=checkout, item_id=first.pk, done=False, now=now)
    with pytest.raises(Conflict):
        deliverables.sign_off(actor=alice, deliverable=checkout, now=now)
    assert not deliverables.reopen(actor=alice, deliverable=checkout).done


def test_editing_the_review_keeps_the_ticks_of_items_kept(alice, bob, checkout, now):
    first = checkout.review.first()
    deliverables.mark_review_item(actor=bob, deliverable=checkout, item_id=first.pk, done=True, now=now)
    deliverables.update_deliverable(actor=alice, deliverable=checkout, data={"review": ["Accessibility", "Tested on mobile"]})
    assert [(r.text, r.done_by) for r in checkout.review.all()] == [("Accessibility", None), ("Tested on mobile", bob)]


@pytest.mark.parametrize(("data", "field"), [({"name": ""}, "name"), ({"name": "X", "issues": ["WEB-77"]}, "issues"),
                                             ({"name": "X", "issues": ["SEC-1"]}, "issues"), ({"title": "X"}, "title")])
def test_a_bad_deliverable_is_refused_by_field(alice, web, now, data, field):
    with pytest.raises(Invalid) as refused:
        deliverables.add_deliverable(actor=alice, project=web, now=now, data=data)
    assert field in refused.value.fields and not Deliverable.objects.exists()


def test_members_review_managers_define_and_sign_off(bob, gus, checkout, web, now):
    item = checkout.review.first()
    with pytest.raises(Forbidden):
        deliverables.add_deliverable(actor=bob, project=web, now=now, data={"name": "X"})
    with pytest.raises(Forbidden):
        deliverables.sign_off(actor=bob, deliverable=checkout, now=now)
    with pytest.raises(Forbidden):
        deliverables.mark_review_item(actor=gus, deliverable=checkout, item_id=item.pk, done=True, now=now)
    with pytest.raises(NotFound):
        deliverables.mark_review_item(actor=bob, deliverable=checkout, item_id=999999, done=True, now=now)


def test_the_scope_statement_is_kept(alice, bob, web, now):
    record = deliverables.save_record(actor=alice, project=web, now=now, data={"in_scope": "Shop", "out_of_scope": "App"})
    assert (record.in_scope, record.out_of_scope) == ("Shop", "App")
    with pytest.raises(Forbidden):
        deliverables.save_record(actor=bob, project=web, now=now, data={"in_scope": "x"})


def test_linked_issues_show_their_wbs_codes(alice, web, checkout, issue, now):
    planning.set_calendar(actor=alice, project=web, start_date=dt.date(2026, 11, 2), now=now)
    child = tracker.create_issue(actor=alice, project=web, fields={"title": "Card form", "parent": issue.key}, now=now)
    for task in (issue, child):
        planning.add_to_schedule(actor=alice, issue=task, duration_minutes=480, now=now)
    deliverables.update_deliverable(actor=alice, deliverable=checkout, data={"issues": [child.key]})
    assert deliverables.wbs_codes(web)[child.pk] == "1.1"


def test_a_project_without_a_plan_has_no_wbs_codes_and_gets_no_plan(web):
    from cairn.planning.models import ProjectPlan
    assert deliverables.wbs_codes(web) == {} and not ProjectPlan.objects.filter(project=web).exists()


# The RACI matrix


@pytest.fixture
def search(alice, web, now):
    return deliverables.add_deliverable(actor=alice, project=web, now=now, data={"name": "Search"})


def test_the_raci_matrix_keeps_one_accountable_per_row(alice, checkout, search, web):
    grid = raci.set_matrix(actor=alice, project=web, rows={1: {"alice": "A", "bob": "R", "gus": "I"}, 2: {}})
    assert grid == {1: {"alice": "A", "bob": "R", "gus": "I"}}
    with pytest.raises(Invalid) as refused:
        raci.set_matrix(actor=alice, project=web, rows={"2": {"alice": "R"}, "1": {"alice": "A", "bob": "A"}})
    assert refused.value.fields == {"raci.DL-2": "DL-2 Search needs exactly one Accountable; it has none"}
    with pytest.raises(Invalid) as refused:
        raci.set_matrix(actor=alice, project=web, rows={"1": {"alice": "A", "bob": "A"}})
    assert "it has 2 (alice, bob)" in refused.value.fields["raci.DL-1"]
    assert raci.matrix(web) == grid


@pytest.mark.parametrize(("rows", "field"), [({"1": {"charlie": "A"}}, "raci.DL-1"), ({"1": {"bob": "X"}}, "raci.DL-1"),
                                             ({"9": {"bob": "A"}}, "rows"), ({"x": {}}, "rows")])
def test_a_bad_raci_row_is_refused(alice, checkout, web, rows, field):
    with pytest.raises(Invalid) as refused:
        raci.set_matrix(actor=alice, project=web, rows=rows)
    assert field in refused.value.fields


def test_only_managers_edit_the_raci(bob, checkout, web):
    with pytest.raises(Forbidden):
        raci.set_matrix(actor=bob, project=web, rows={"1": {"bob": "A"}})


# The API


def test_the_api_defines_reviews_and_signs_off_a_deliverable(api_as, alice, bob, web, issue):
    made = api_as(alice).post("/api/v1/projects/WEB/deliverables", json={
        "name": "Checkout", "issues": [issue.key], "review": ["Tested"]})
    assert made.status_code == 201 and made.json()["ref"] == "DL-1"
    assert made.json()["issues"] == [{"key": issue.key, "title": issue.title, "wbs": None}]
    item = made.json()["review"][0]["id"]
    refused = api_as(alice).post("/api/v1/projects/WEB/deliverables/1/sign-off")
    assert refused.status_code == 422 and refused.json()["errors"]["review"] == "still open: Tested"
    ticked = api_as(bob).put(f"/api/v1/projects/WEB/deliverables/1/review/{item}", json={"done": True})
    assert ticked.json()["review"][0]["done_by"] == "bob"
    signed = api_as(alice).post("/api/v1/projects/WEB/deliverables/1/sign-off").json()
    assert (signed["done"], signed["signed_off_by"]) == (True, "alice")
    assert api_as(alice).delete("/api/v1/projects/WEB/deliverables/1/sign-off").json()["done"] is False
    patched = api_as(alice).patch("/api/v1/projects/WEB/deliverables/1", json={"acceptance_criteria": "Works"})
    assert patched.json()["acceptance_criteria"] == "Works"
    assert api_as(bob).get("/api/v1/projects/WEB/deliverables").json()["total"] == 1


def test_the_api_refuses_a_second_accountable_naming_the_row(api_as, alice, web, checkout):
    refused = api_as(alice).put("/api/v1/projects/WEB/raci", json={"rows": {"DL-1": {"alice": "A", "bob": "A"}}})
    assert refused.status_code == 422
    assert refused.json()["errors"] == {"raci.DL-1": "DL-1 Checkout needs exactly one Accountable; it has 2 (alice, bob)"}
    saved = api_as(alice).put("/api/v1/projects/WEB/raci", json={"rows": {"DL-1": {"alice": "A", "bob": "R", "gus": None}}})
    assert saved.status_code == 200 and saved.json()["rows"] == {"DL-1": {"alice": "A", "bob": "R"}}
    assert api_as(alice).get("/api/v1/projects/WEB/deliverables/1").json()["raci"] == {"alice": "A", "bob": "R"}


def test_the_api_keeps_the_scope_statement(api_as, alice, web):
    assert api_as(alice).put("/api/v1/projects/WEB/scope", json={"in_scope": "Shop"}).json()["in_scope"] == "Shop"
    assert api_as(alice).get("/api/v1/projects/WEB/scope").json()["out_of_scope"] == ""


READ, MEMBER, MANAGER = "read", "member", "manager"
ROUTES = [
    ("get", "/api/v1/projects/{key}/scope", None, READ, 200),
    ("put", "/api/v1/projects/{key}/scope", {"in_scope": "S"}, MANAGER, 200),
    ("get", "/api/v1/projects/{key}/deliverables", None, READ, 200),
    ("post", "/api/v1/projects/{key}/deliverables", {"name": "N"}, MANAGER, 201),
    ("get", "/api/v1/projects/{key}/deliverables/1", None, READ, 200),
    ("patch", "/api/v1/projects/{key}/deliverables/1", {"name": "N2"}, MANAGER, 200),
    ("delete", "/api/v1/projects/{key}/deliverables/1", None, MANAGER, 204),
    ("put", "/api/v1/projects/{key}/deliverables/1/review/{item}", {"done": True}, MEMBER, 200),
    ("post", "/api/v1/projects/{key}/deliverables/1/sign-off", None, MANAGER, 200),
    ("delete", "/api/v1/projects/{key}/deliverables/1/sign-off", None, MANAGER, 200),
    ("get", "/api/v1/projects/{key}/raci", None, READ, 200),
    ("put", "/api/v1/projects/{key}/raci", {"rows": {"DL-1": {"alice": "A"}}}, MANAGER, 200),
]


@pytest.mark.parametrize(("method", "path", "body", "needs", "ok"), ROUTES)
def test_every_deliverable_route_answers_each_persona_by_their_role(api_as, alice, bob, gus, charlie, web, sec,
                                                                    method, path, body, needs, ok):
    items = {}
    for project in (web, sec):
        made = deliverables.add_deliverable(actor=alice, project=project, now=timezone.now(),
                                            data={"name": "D", "review": ["R"]})
        items[project.key] = made.review.first().pk
        if path.endswith("sign-off") and method == "post":
            deliverables.mark_review_item(actor=alice, deliverable=made, item_id=items[project.key], done=True,
                                          now=timezone.now())

    def call(user, key):
        client = api_as(user)
        url = path.format(key=key, item=items[key])
        return getattr(client, method)(url, json=body) if body is not None else getattr(client, method)(url)

    assert call(charlie, "WEB").status_code == 404
    assert call(bob, "SEC").status_code == 404
    assert call(gus, "WEB").status_code == (ok if needs == READ else 403)
    assert call(bob, "WEB").status_code == (403 if needs == MANAGER else ok)
    assert call(alice, "SEC").status_code == ok


# The pages


def test_the_page_shows_criteria_review_sign_off_and_the_grid(page_as, alice, gus, web, checkout, now):
    raci.set_matrix(actor=alice, project=web, rows={1: {"alice": "A"}})
    html = page_as(gus).get("/projects/WEB/deliverables/").content.decode()
    assert "<strong>card</strong>" in html and "Security review" in html and "2 review items open" in html
    assert 'data-row="DL-1"' in html and "Sign off" not in html and "Add a deliverable" not in html


def test_a_manager_works_the_page(page_as, alice, bob, web, issue):
    browser = page_as(alice)
    assert browser.post("/projects/WEB/deliverables/", {"action": "scope", "in_scope": "Shop",
                                                        "out_of_scope": "App"}).status_code == 302
    assert browser.post("/projects/WEB/deliverables/", {"action": "add", "name": "Checkout", "review": "Tested\r\n",
                                                        "issues": issue.key}).status_code == 302
    item = Deliverable.objects.get().review.get()
    assert page_as(bob).post("/projects/WEB/deliverables/", {"action": "review", "number": "1", "item": str(item.pk),
                                                             "done": "1"}).status_code == 302
    assert browser.post("/projects/WEB/deliverables/", {"action": "sign-off", "number": "1"}).status_code == 302
    assert browser.post("/projects/WEB/deliverables/", {"action": "raci", "raci-1-alice": "A",
                                                        "raci-1-bob": "R", "raci-1-gus": ""}).status_code == 302
    assert raci.matrix(web) == {1: {"alice": "A", "bob": "R"}}
    assert "signed off by Alice" in browser.get("/projects/WEB/deliverables/").content.decode()


def test_the_page_refuses_a_second_accountable_and_marks_the_row(page_as, alice, web, checkout):
    refused = page_as(alice).post("/projects/WEB/deliverables/", {"action": "raci", "raci-1-alice": "A",
                                                                  "raci-1-bob": "A"})
    html = refused.content.decode()
    assert refused.status_code == 422 and "needs exactly one Accountable" in html
    assert 'data-row="DL-1" class="refused"' in html


@pytest.mark.parametrize(("method", "data"), [("get", None), ("post", {"action": "add", "name": "X"})])
def test_the_deliverables_page_hides_private_projects_and_refuses_by_role(page_as, alice, bob, gus, charlie, web, sec,
                                                                          method, data):
    def call(user, key):
        return getattr(page_as(user), method)(f"/projects/{key}/deliverables/", data or {})
    assert call(charlie, "WEB").status_code == 404
    assert call(bob, "SEC").status_code == 404
    assert call(gus, "WEB").status_code == (200 if method == "get" else 403)
    assert call(bob, "WEB").status_code == (200 if method == "get" else 403)


def test_a_manager_edits_a_deliverable_from_the_page(page_as, alice, bob, web, checkout, issue, now):
    kept = checkout.review.get(text="Security review")
    deliverables.mark_review_item(actor=bob, deliverable=checkout, item_id=kept.pk, done=True, now=now)
    form = page_as(alice).get("/projects/WEB/deliverables/?edit=DL-1").content.decode()
    assert "Save DL-1" in form and "Tested on mobile\nSecurity review" in form
    answer = page_as(alice).post("/projects/WEB/deliverables/", {
        "action": "save", "number": "1", "name": "Checkout v2", "acceptance_criteria": "Pays", "description": "",
        "review": "Security review\r\nLoad test", "issues": ""})
    assert answer.status_code == 302
    checkout.refresh_from_db()
    assert (checkout.name, checkout.issues.count()) == ("Checkout v2", 0)
    assert [(r.text, r.done_by) for r in checkout.review.all()] == [("Security review", bob), ("Load test", None)]
    assert "Save DL-1" not in page_as(bob).get("/projects/WEB/deliverables/?edit=DL-1").content.decode()
