"""Closure: hand-over notes, lessons learned searched across projects, the sign-off
summary and the post-project report — services, API, pages and who may do what."""

from __future__ import annotations

import datetime as dt

import pytest

from cairn.errors import Forbidden, Invalid, NotFound
from cairn.lifecycle import closure, deliverables, lessons
from cairn.lifecycle.models import Lesson
from cairn.planning import services as planning
from cairn.tracker import services as tracker

MONDAY = dt.date(2026, 11, 2)


@pytest.fixture
def lesson(bob, web, now):
    return lessons.add_lesson(actor=bob, project=web, now=now, data={
        "title": "Sign vendor contracts early", "went_well": "Design sprint", "went_badly": "Payment vendor late",
        "recommendation": "Start legal in week 1", "tags": "Vendors, legal"})


def test_a_member_records_a_tagged_lesson(lesson, bob):
    assert (lesson.tag_list, lesson.tags, lesson.author) == (["vendors", "legal"], ",vendors,legal,", bob)


@pytest.mark.parametrize(("data", "field"), [({"title": ""}, "title"), ({"title": "X", "tags": ["a b!"]}, "tags"),
                                             ({"title": "X", "tags": [f"t{n}" for n in range(11)]}, "tags"),
                                             ({"title": "X", "mood": "sad"}, "mood")])
def test_a_bad_lesson_is_refused_by_field(bob, web, now, data, field):
    with pytest.raises(Invalid) as refused:
        lessons.add_lesson(actor=bob, project=web, now=now, data=data)
    assert field in refused.value.fields and not Lesson.objects.exists()


def test_lessons_are_searched_across_the_projects_one_may_see(alice, bob, charlie, lesson, sec, now):
    lessons.add_lesson(actor=alice, project=sec, now=now, data={"title": "Secret vendor trouble", "tags": ["vendors"]})
    assert [x.title for x in lessons.search(bob, text="vendor")] == ["Sign vendor contracts early"]
    assert len(lessons.search(alice, text="vendor")) == 2
    assert len(lessons.search(alice, tag="#Vendors")) == 2 and len(lessons.search(alice, tag="legal")) == 1
    assert len(lessons.search(alice, text="week 1")) == 1 and len(lessons.search(alice, text="SEC")) == 1
    assert not lessons.search(alice, tag="vend") and not lessons.search(charlie, text="vendor")
    assert lessons.tags_in_use(bob) == ["legal", "vendors"]


def test_only_the_author_or_a_manager_changes_a_lesson(alice, bob, gus, web, lesson, workspace, now):
    from cairn.accounts.services import create_user
    from cairn.workspaces.models import Role, WorkspaceMember
    dora = create_user(username="dora", email="dora@example.com", password="x" * 20, display_name="Dora")
    WorkspaceMember.objects.create(workspace=workspace, user=dora, role=Role.MEMBER)
    with pytest.raises(Forbidden):
        lessons.update_lesson(actor=dora, lesson=lesson, data={"title": "Mine"})
    with pytest.raises(Forbidden):
        lessons.add_lesson(actor=gus, project=web, now=now, data={"title": "X"})
    assert lessons.update_lesson(actor=bob, lesson=lesson, data={"tags": []}).tags == ""
    lessons.remove_lesson(actor=alice, lesson=lesson)
    assert not Lesson.objects.exists()


def test_a_private_projects_lessons_are_hidden(alice, bob, sec, now):
    made = lessons.add_lesson(actor=alice, project=sec, now=now, data={"title": "X"})
    with pytest.raises(NotFound):
        lessons.update_lesson(actor=bob, lesson=made, data={"title": "Y"})


@pytest.fixture
def planned(alice, web, now):
    """Two tasks A → B of two days from Monday, baselined, then B slips by a day and C is added."""
    planning.set_calendar(actor=alice, project=web, start_date=MONDAY, now=now)
    tasks = []
    for name in ("A", "B"):
        issue = tracker.create_issue(actor=alice, project=web, fields={"title": f"Task {name}"}, now=now)
        planning.add_to_schedule(actor=alice, issue=issue, duration_minutes=2 * 480, now=now)
        tasks.append(issue)
    planning.add_dependency(actor=alice, project=web, predecessor=tasks[0], successor=tasks[1], now=now)
    planning.save_baseline(actor=alice, project=web, name="Plan", now=now)
    later = now + dt.timedelta(minutes=1)
    planning.update_task(actor=alice, issue=tasks[1], changes={"duration_minutes": 3 * 480}, now=later)
    tracker.create_issue(actor=alice, project=web, fields={"title": "Task C"}, now=later)
    return tasks


def test_the_report_compares_baseline_and_schedule_and_counts_scope(alice, web, planned, now):
    made = deliverables.add_deliverable(actor=alice, project=web, now=now, data={"name": "Shop"})
    deliverables.add_deliverable(actor=alice, project=web, now=now, data={"name": "App"})
    deliverables.sign_off(actor=alice, deliverable=made, now=now)
    found = closure.report(web)
    assert (found.overall.planned_start, found.overall.planned_finish) == (MONDAY, MONDAY + dt.timedelta(days=3))
    assert (found.overall.actual_finish, found.overall.slip_days) == (MONDAY + dt.timedelta(days=4), 1)
    assert [e.label for e in found.elements] == ["1 Task A", "2 Task B"]
    assert (found.sign_off.total, [d.name for d in found.sign_off.signed]) == (2, ["Shop"])
    assert (found.added_after_baseline, [i.title for i in found.added_listed]) == (1, ["Task C"])


def test_a_report_without_a_plan_says_nothing_about_dates(web):
    found = closure.report(web)
    assert (found.baseline, found.overall.planned_start, found.elements, found.added_after_baseline) == (None, None, [], 0)


# The API


def test_the_api_records_and_searches_lessons(api_as, alice, bob, charlie, web, sec):
    made = api_as(bob).post("/api/v1/projects/WEB/lessons", json={"title": "Estimate with ranges", "tags": ["estimates"]})
    assert made.status_code == 201 and made.json()["tags"] == ["estimates"] and made.json()["author"] == "bob"
    api_as(alice).post("/api/v1/projects/SEC/lessons", json={"title": "Estimate the secret", "tags": ["estimates"]})
    assert api_as(bob).get("/api/v1/lessons?q=estimate").json()["total"] == 1
    assert api_as(alice).get("/api/v1/lessons?tag=estimates").json()["total"] == 2
    assert api_as(charlie).get("/api/v1/lessons").json()["total"] == 0
    lesson_id = made.json()["id"]
    patched = api_as(bob).patch(f"/api/v1/projects/WEB/lessons/{lesson_id}", json={"went_badly": "Too rosy"})
    assert patched.json()["went_badly"] == "Too rosy"
    assert api_as(bob).post("/api/v1/projects/WEB/lessons", json={"title": "X", "tags": ["no way"]}).status_code == 422


def test_the_api_keeps_hand_over_notes_and_gives_the_report(api_as, alice, web, planned):
    assert api_as(alice).put("/api/v1/projects/WEB/handover", json={"handover": "Ops owns it"}).json()["handover"] == "Ops owns it"
    found = api_as(alice).get("/api/v1/projects/WEB/post-project-report").json()
    assert (found["dates"]["slip_days"], found["scope"]["added_issues"], found["baseline"]) == (1, ["WEB-3"], "Plan")


READ, MEMBER, MANAGER = "read", "member", "manager"
ROUTES = [
    ("get", "/api/v1/projects/{key}/handover", None, READ, 200),
    ("put", "/api/v1/projects/{key}/handover", {"handover": "H"}, MANAGER, 200),
    ("get", "/api/v1/projects/{key}/lessons", None, READ, 200),
    ("post", "/api/v1/projects/{key}/lessons", {"title": "T"}, MEMBER, 201),
    ("patch", "/api/v1/projects/{key}/lessons/{lesson}", {"title": "T2"}, MANAGER, 200),
    ("delete", "/api/v1/projects/{key}/lessons/{lesson}", None, MANAGER, 204),
    ("get", "/api/v1/projects/{key}/post-project-report", None, READ, 200),
]


@pytest.mark.parametrize(("method", "path", "body", "needs", "ok"), ROUTES)
def test_every_closure_route_answers_each_persona_by_their_role(api_as, alice, bob, gus, charlie, web, sec, now,
                                                                method, path, body, needs, ok):
    ids = {p.key: lessons.add_lesson(actor=alice, project=p, now=now, data={"title": "L"}).pk for p in (web, sec)}

    def call(user, key):
        client = api_as(user)
        url = path.format(key=key, lesson=ids[key])
        return getattr(client, method)(url, json=body) if body is not None else getattr(client, method)(url)

    assert call(charlie, "WEB").status_code == 404
    assert call(bob, "SEC").status_code == 404
    assert call(gus, "WEB").status_code == (ok if needs == READ else 403)
    # Bob is not the lessons' author, so editing Alice's lesson takes a manager.
    assert call(bob, "WEB").status_code == (403 if needs == MANAGER else ok)
    assert call(alice, "SEC").status_code == ok


def test_the_lesson_search_route_needs_a_login(api_as, web):
    assert api_as(None).get("/api/v1/lessons").status_code == 401


# The pages


def test_the_closure_page_shows_sign_off_hand_over_and_lessons(page_as, alice, gus, web, lesson, now):
    made = deliverables.add_deliverable(actor=alice, project=web, now=now, data={"name": "Shop"})
    deliverables.sign_off(actor=alice, deliverable=made, now=now)
    deliverables.save_record(actor=alice, project=web, now=now, data={"handover": "**Ops** runs it"})
    html = page_as(gus).get("/projects/WEB/closure/").content.decode()
    assert "<strong>Ops</strong> runs it" in html and "Sign vendor contracts early" in html
    assert "Hand-over done" in html and "signed off" in html and "Record a lesson" not in html


def test_a_member_records_a_lesson_from_the_page(page_as, bob, web):
    browser = page_as(bob)
    answer = browser.post("/projects/WEB/closure/", {"action": "lesson", "title": "Pair on reviews",
                                                     "went_well": "Fewer bugs", "tags": "quality"})
    assert answer.status_code == 302 and Lesson.objects.get().tag_list == ["quality"]
    assert browser.post("/projects/WEB/closure/", {"action": "lesson", "title": ""}).status_code == 422
    assert browser.post("/projects/WEB/closure/", {"action": "handover", "handover": "x"}).status_code == 403


def test_the_lessons_page_searches_and_filters_by_tag(page_as, alice, bob, charlie, sec, lesson, now):
    lessons.add_lesson(actor=alice, project=sec, now=now, data={"title": "Hidden lesson", "tags": ["legal"]})
    html = page_as(bob).get("/lessons/?q=vendor").content.decode()
    assert "Sign vendor contracts early" in html and "Hidden lesson" not in html
    assert "Hidden lesson" in page_as(alice).get("/lessons/?tag=legal").content.decode()
    assert "No lesson matches" in page_as(alice).get("/lessons/?q=zebra").content.decode()
    assert "Sign vendor" not in page_as(charlie).get("/lessons/").content.decode()


def test_the_report_page_shows_dates_scope_and_the_cost_box(page_as, gus, web, planned):
    html = page_as(gus).get("/projects/WEB/closure/report/").content.decode()
    assert "Dates: planned against actual" in html and 'data-ev-url="/api/v1/projects/WEB/earned-value"' in html
    assert "issue added after the baseline" in html and "WEB-3" in html


@pytest.mark.parametrize("url", ["/projects/{key}/closure/", "/projects/{key}/closure/report/"])
def test_closure_pages_hide_private_projects(page_as, alice, bob, gus, charlie, web, sec, url):
    assert page_as(charlie).get(url.format(key="WEB")).status_code == 404
    assert page_as(bob).get(url.format(key="SEC")).status_code == 404
    assert page_as(gus).get(url.format(key="WEB")).status_code == 200
    assert page_as(alice).get(url.format(key="SEC")).status_code == 200
    assert page_as(None).get("/lessons/").status_code == 302


def test_the_author_edits_a_lesson_from_the_page(page_as, bob, web, lesson):
    form = page_as(bob).get(f"/projects/WEB/closure/?edit=lesson-{lesson.pk}").content.decode()
    assert "Save lesson" in form and 'value="vendors legal"' in form
    answer = page_as(bob).post("/projects/WEB/closure/", {"action": "save-lesson", "id": str(lesson.pk),
                                                          "title": "Sign contracts in week 1", "tags": "legal"})
    assert answer.status_code == 302
    lesson.refresh_from_db()
    assert (lesson.title, lesson.tag_list) == ("Sign contracts in week 1", ["legal"])
