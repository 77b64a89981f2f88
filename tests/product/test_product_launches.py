"""Launch checklists: the workspace gets four templates on first use, Alice (admin) edits
them and starts checklists on a release, Bob (member) ticks and assigns the tasks, Gus
(guest) only reads, and Charlie (outsider) sees nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from cairn.errors import Forbidden, Invalid
from cairn.product.models import LaunchTask, LaunchTemplate
from cairn.product.services import launches, releases

TARGET = dt.date(2030, 6, 15)


@pytest.fixture
def release(alice, product):
    return releases.create_release(actor=alice, product=product, name="2030.06", now=timezone.now(),
                                   target_date=TARGET.isoformat())


def templates(api, product):
    return api.get(f"/api/v1/products/{product.pk}/launch-templates").json()


def by_category(api, product, category):
    return next(t for t in templates(api, product) if t["category"] == category)


def test_a_workspace_gets_four_default_templates_once(api_as, gus, product):
    first = templates(api_as(gus), product)
    assert sorted(t["category"] for t in first) == ["engineering", "marketing", "sales", "support"]
    engineering = next(t for t in first if t["category"] == "engineering")
    assert {"title": "Code freeze", "days": -7} in engineering["items"]
    assert {"title": "Retro", "days": 7} in engineering["items"]
    marketing = next(t for t in first if t["category"] == "marketing")
    assert {"title": "Press release", "days": 0} in marketing["items"]
    assert len(templates(api_as(gus), product)) == 4 and LaunchTemplate.objects.count() == 4


def test_a_manager_edits_a_template_and_bad_items_are_named(api_as, alice, bob, product):
    api = api_as(alice)
    sales = by_category(api, product, "sales")
    path = f"/api/v1/products/{product.pk}/launch-templates/{sales['id']}"
    response = api.put(path, json={"name": "Sales enablement", "items": [{"title": "Demo script", "days": -4}]})
    assert response.status_code == 200, response.content
    assert response.json()["items"] == [{"title": "Demo script", "days": -4}]
    response = api.put(path, json={"items": [{"title": "", "days": 2}]})
    assert response.status_code == 422 and "items.1.title" in response.json()["errors"]
    response = api.put(path, json={"items": [{"title": "Too far", "days": 5000}]})
    assert response.status_code == 422 and "items.1.days" in response.json()["errors"]
    assert api_as(bob).put(path, json={"name": "Mine"}).status_code == 403
    assert api.get(path).json()["name"] == "Sales enablement"


def test_a_checklist_copies_the_template_and_dates_tasks_from_the_launch(api_as, alice, product, release):
    api = api_as(alice)
    marketing = by_category(api, product, "marketing")
    response = api.post(f"/api/v1/products/{product.pk}/releases/{release.pk}/checklists",
                        json={"template": marketing["id"]})
    assert response.status_code == 201, response.content
    checklist = response.json()
    assert checklist["name"] == "Marketing launch" and len(checklist["tasks"]) == len(marketing["items"])
    press = next(t for t in checklist["tasks"] if t["title"] == "Press release")
    assert press["due_date"] == "2030-06-15" and press["offset_days"] == 0 and not press["done"]
    messaging = next(t for t in checklist["tasks"] if t["title"] == "Launch messaging agreed")
    assert messaging["due_date"] == "2030-06-01"
    assert [t["offset_days"] for t in checklist["tasks"]] == sorted(t["offset_days"] for t in checklist["tasks"])


def test_a_member_ticks_assigns_and_adds_tasks_with_who_and_when(api_as, alice, bob, product, release):
    template = launches.templates_for(alice, product)[0]
    checklist = launches.start_checklist(actor=alice, release=release, template_id=template.pk)
    task = checklist.tasks.first()
    path = f"/api/v1/products/{product.pk}/launch-tasks/{task.pk}"
    response = api_as(bob).patch(path, json={"done": True, "assignee": "bob"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["done"] and body["done_by"] == "bob" and body["assignee"] == "bob" and body["done_at"]
    assert api_as(bob).patch(path, json={"done": False}).json()["done_by"] is None
    response = api_as(bob).patch(path, json={"assignee": "charlie"})
    assert response.status_code == 422 and "not in this workspace" in response.json()["errors"]["assignee"]
    response = api_as(bob).post(f"/api/v1/products/{product.pk}/launch-checklists/{checklist.pk}/tasks",
                                json={"title": "Update the status page", "offset_days": 1})
    assert response.status_code == 201 and response.json()["due_date"] == "2030-06-16"


def test_guests_read_checklists_but_do_not_change_them(api_as, alice, gus, product, release):
    template = launches.templates_for(alice, product)[0]
    checklist = launches.start_checklist(actor=alice, release=release, template_id=template.pk)
    task = checklist.tasks.first()
    listed = api_as(gus).get(f"/api/v1/products/{product.pk}/releases/{release.pk}/checklists").json()
    assert listed[0]["id"] == checklist.pk
    response = api_as(gus).patch(f"/api/v1/products/{product.pk}/launch-tasks/{task.pk}", json={"done": True})
    assert response.status_code == 403
    response = api_as(gus).post(f"/api/v1/products/{product.pk}/releases/{release.pk}/checklists",
                                json={"template": template.pk})
    assert response.status_code == 403


def test_members_may_not_start_checklists_and_outsiders_get_not_found(api_as, alice, bob, charlie, product, release):
    template = launches.templates_for(alice, product)[0]
    with pytest.raises(Forbidden):
        launches.start_checklist(actor=bob, release=release, template_id=template.pk)
    checklist = launches.start_checklist(actor=alice, release=release, template_id=template.pk)
    task = checklist.tasks.first()
    assert api_as(charlie).patch(f"/api/v1/products/{product.pk}/launch-tasks/{task.pk}",
                                 json={"done": True}).status_code == 404
    assert api_as(charlie).get(f"/api/v1/products/{product.pk}/launch-templates").status_code == 404


def test_an_unknown_template_is_not_found(api_as, alice, product, release):
    response = api_as(alice).post(f"/api/v1/products/{product.pk}/releases/{release.pk}/checklists",
                                  json={"template": 999999})
    assert response.status_code == 404


def test_overdue_is_an_open_task_past_its_due_date(alice, product, release):
    template = launches.templates_for(alice, product)[0]
    task = launches.start_checklist(actor=alice, release=release, template_id=template.pk).tasks.first()
    due = launches.due_date(task, release)
    assert launches.overdue(task, release, due + dt.timedelta(days=1))
    assert not launches.overdue(task, release, due)
    launches.update_task(actor=alice, task=task, fields={"done": True}, now=timezone.now())
    assert not launches.overdue(task, release, due + dt.timedelta(days=1))
    release.target_date = None
    assert launches.due_date(task, release) is None and not launches.overdue(task, release, due)


def test_template_lines_read_days_then_title():
    assert launches.parse_lines("-7 Code freeze\n+7 Retro\n\nPress release\n0 Launch") == [
        {"title": "Code freeze", "days": -7}, {"title": "Retro", "days": 7},
        {"title": "Press release", "days": 0}, {"title": "Launch", "days": 0}]
    with pytest.raises(Invalid):
        launches.template_items([{"title": "x", "days": 1, "owner": "bob"}])


# Pages

def _logged_in(user, password):
    client = Client()
    assert client.login(username=user.username, password=password)
    return client


def test_the_page_starts_a_checklist_and_a_member_ticks_a_task_in_place(alice, bob, password, product, release):
    template = launches.templates_for(alice, product)[0]
    base = f"/products/{product.pk}/releases/{release.pk}/"
    assert _logged_in(alice, password).post(base, {"action": "checklist", "template": template.pk}).status_code == 302
    task = LaunchTask.objects.first()
    client = _logged_in(bob, password)
    page = client.get(base).content.decode()
    assert task.title in page and "Start checklist" not in page
    response = client.post(f"/products/{product.pk}/launch-tasks/{task.pk}/", {"tick": "1", "done": "on",
                                                                              "assignee": "bob"})
    assert response.status_code == 200 and "done by Bob" in response.content.decode()
    task.refresh_from_db()
    assert task.done_by == bob and task.assignee == bob
    response = client.post(f"/products/{product.pk}/launch-tasks/{task.pk}/", {"offset_days": "x"})
    assert response.status_code == 422 and "whole number" in response.content.decode()


def test_overdue_tasks_are_highlighted(alice, bob, password, product):
    past = releases.create_release(actor=alice, product=product, name="Old", now=timezone.now(),
                                   target_date=(timezone.localdate() - dt.timedelta(days=30)).isoformat())
    template = launches.templates_for(alice, product)[0]
    launches.start_checklist(actor=alice, release=past, template_id=template.pk)
    page = _logged_in(bob, password).get(f"/products/{product.pk}/releases/{past.pk}/").content.decode()
    assert "due overdue" in page and "· overdue" in page


def test_the_templates_page_lets_managers_edit_and_shows_guests_the_items(alice, gus, password, product):
    client = _logged_in(alice, password)
    page = client.get(f"/products/{product.pk}/launch-templates/").content.decode()
    assert "-7 Code freeze" in page
    template = LaunchTemplate.objects.get(category="support")
    response = client.post(f"/products/{product.pk}/launch-templates/",
                           {"template": template.pk, "name": "Support", "category": "support",
                            "items": "-3 Support macros ready\n+1 Office hours"})
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.items == [{"title": "Support macros ready", "days": -3}, {"title": "Office hours", "days": 1}]
    response = client.post(f"/products/{product.pk}/launch-templates/",
                           {"template": template.pk, "name": "", "category": "support", "items": ""})
    assert response.status_code == 422 and "is required" in response.content.decode()
    guest = _logged_in(gus, password).get(f"/products/{product.pk}/launch-templates/").content.decode()
    assert "Save template" not in guest and "Office hours" in guest


def test_a_task_is_edited_and_deleted_in_place(alice, bob, password, product, release):
    template = launches.templates_for(alice, product)[0]
    checklist = launches.start_checklist(actor=alice, release=release, template_id=template.pk)
    task = checklist.tasks.first()
    client = _logged_in(bob, password)
    path = f"/products/{product.pk}/launch-tasks/{task.pk}/"
    response = client.post(path, {"title": "Freeze the code", "offset_days": "-8"})
    assert response.status_code == 200 and "2030-06-07" in response.content.decode()
    task.refresh_from_db()
    assert (task.title, task.offset_days) == ("Freeze the code", -8)
    assert client.post(path, {"delete": "1"}).content == b""
    assert not LaunchTask.objects.filter(pk=task.pk).exists()


def test_a_member_adds_a_task_from_the_page(alice, bob, password, product, release):
    template = launches.templates_for(alice, product)[0]
    checklist = launches.start_checklist(actor=alice, release=release, template_id=template.pk)
    client = _logged_in(bob, password)
    base = f"/products/{product.pk}/releases/{release.pk}/"
    response = client.post(base, {"action": "task", "checklist": checklist.pk, "title": "Status page",
                                  "offset_days": "2", "assignee": "gus"})
    assert response.status_code == 302
    added = checklist.tasks.get(title="Status page")
    assert added.offset_days == 2 and added.assignee.username == "gus"
    response = client.post(base, {"action": "task", "checklist": checklist.pk, "title": ""})
    assert response.status_code == 422 and "is required" in response.content.decode()


def test_a_checklist_is_deleted_by_a_manager_only(alice, bob, product, release):
    template = launches.templates_for(alice, product)[0]
    checklist = launches.start_checklist(actor=alice, release=release, template_id=template.pk)
    with pytest.raises(Forbidden):
        launches.delete_checklist(actor=bob, checklist=checklist)
    launches.delete_checklist(actor=alice, checklist=checklist)
    assert not LaunchTask.objects.exists()
