"""Releases: Alice (admin) plans and ships them, Bob (member) and Gus (guest) follow
them, Charlie (outsider) never learns they exist; the scope, progress and notes come
from the issues each reader may see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from cairn.errors import Conflict, Invalid
from cairn.product import signals
from cairn.product.models import Feature, Release
from cairn.product.services import backlog, release_notes, releases
from cairn.tracker import services as tracker
from cairn.tracker import setup


def file(actor, project, title, kind="Task", status="To do", **fields):
    return tracker.create_issue(actor=actor, project=project, now=timezone.now(),
                                fields={"title": title, "type": kind, "status": status, **fields})


@pytest.fixture
def release(alice, product):
    return releases.create_release(actor=alice, product=product, name="2026.12", now=timezone.now(),
                                   target_date=(timezone.localdate() + dt.timedelta(weeks=3)).isoformat())


def url(product, rest=""):
    return f"/api/v1/products/{product.pk}/releases{rest}"


def test_a_manager_creates_a_release_and_scopes_issues_by_key(api_as, alice, product, web):
    first = file(alice, web, "Checkout in one page", "Feature", "Done", estimate_hours=6)
    file(alice, web, "Crash on empty cart", "Bug", estimate_hours=2)
    response = api_as(alice).post(url(product), json={"name": "2026.12", "target_date": "2026-12-22"})
    assert response.status_code == 201, response.content
    release = response.json()
    assert release["total"] == 0 and release["risk"]["level"] in ("on_track", "late")
    for key in ("WEB-1", "web-2"):
        response = api_as(alice).put(url(product, f"/{release['id']}/issues/{key}"))
        assert response.status_code == 200, response.content
    body = response.json()
    assert [i["key"] for i in body["scope"]] == ["WEB-2", "WEB-1"]  # open work first
    assert (body["done"], body["total"], body["progress"]) == (1, 2, 0.5)
    assert (body["done_hours"], body["total_hours"], body["progress_by_estimate"]) == (6.0, 8.0, 0.75)
    assert api_as(alice).delete(url(product, f"/{release['id']}/issues/WEB-1")).status_code == 204
    assert api_as(alice).get(url(product, f"/{release['id']}")).json()["total"] == 1
    assert first.pk


def test_an_unknown_or_foreign_key_is_named(api_as, alice, product, release):
    response = api_as(alice).put(url(product, f"/{release.pk}/issues/NOPE-9"))
    assert response.status_code == 422 and "no issue" in response.json()["errors"]["issue"]


def test_a_bad_date_or_status_is_a_field_error(api_as, alice, product, release):
    response = api_as(alice).post(url(product), json={"name": "x", "target_date": "next week"})
    assert response.status_code == 422 and "target_date" in response.json()["errors"]
    response = api_as(alice).patch(url(product, f"/{release.pk}"), json={"status": "shipped"})
    assert response.status_code == 422 and "ship the release" in response.json()["errors"]["status"]
    response = api_as(alice).patch(url(product, f"/{release.pk}"), json={"status": "in_progress", "name": "Winter"})
    assert response.json()["status"] == "in_progress" and response.json()["name"] == "Winter"


def test_the_features_in_a_release_bring_their_issues_into_the_scope(alice, product, release, web):
    epic = file(alice, web, "Dark mode", "Epic", "Done")
    feature = backlog.create_feature(actor=alice, product=product, title="", issue=epic.key, now=timezone.now())
    releases.set_feature_release(actor=alice, feature=feature, release=release, now=timezone.now())
    made = releases.progress(alice, release, timezone.now())
    assert [w.key for w in made.scope] == [epic.key] and made.done == 1


def test_the_risk_forecasts_from_the_scope_done_in_the_last_four_weeks(alice, product, release, web):
    for n in range(4):
        release.issues.add(file(alice, web, f"Done {n}", status="Done"))
    for n in range(6):
        release.issues.add(file(alice, web, f"Open {n}"))
    risk = releases.progress(alice, release, timezone.now()).risk
    assert risk.reason.startswith("6 open issues, 1 done a week → 6 weeks of work; 3 weeks left")
    assert risk.level.value == "late"


def test_a_schedule_decides_the_risk_when_open_issues_have_dates(alice, product, release, web):
    due = release.target_date - dt.timedelta(days=2)
    release.issues.add(file(alice, web, "Planned", start_date=timezone.localdate().isoformat(),
                            due_date=due.isoformat()))
    risk = releases.progress(alice, release, timezone.now()).risk
    assert risk.level.value == "on_track" and "2 days before the target" in risk.reason


def test_notes_group_done_issues_by_type_with_the_release_note_field(api_as, alice, product, release, web):
    setup.add_custom_field(actor=alice, project=web, name="Release note", kind="text")
    release.issues.add(
        file(alice, web, "Refactor cart", "Feature", "Done",
             custom_fields={"Release note": "You can now pay in one step."}),
        file(alice, web, "Fix the crash", "Bug", "Done"),
        file(alice, web, "Still open", "Feature"),
        file(alice, web, "Add search", "Feature", "Done"),
    )
    response = api_as(alice).post(url(product, f"/{release.pk}/notes/generate"))
    assert response.status_code == 200, response.content
    notes = response.json()["notes"]
    assert notes.index("## Features") < notes.index("## Bugs")
    assert "- You can now pay in one step. (WEB-1)\n- Add search (WEB-4)" in notes
    assert "- Fix the crash (WEB-2)" in notes and "Still open" not in notes and "Refactor cart" not in notes
    assert response.json()["notes_generated_at"]


def test_generating_again_asks_before_overwriting_hand_edits(api_as, alice, product, release, web):
    release.issues.add(file(alice, web, "Add search", "Feature", "Done"))
    api = api_as(alice)
    api.post(url(product, f"/{release.pk}/notes/generate"))
    edited = api.put(url(product, f"/{release.pk}/notes"), json={"notes": "# Our words"}).json()
    assert edited["notes"] == "# Our words" and "<h1>Our words</h1>" in edited["html"]
    assert api.post(url(product, f"/{release.pk}/notes/generate")).status_code == 409
    again = api.post(url(product, f"/{release.pk}/notes/generate?overwrite=true"))
    assert "Add search (WEB-1)" in again.json()["notes"]


def test_the_notes_export_as_markdown_and_as_a_sanitised_web_page(api_as, alice, product, release):
    release_notes.set_notes(actor=alice, release=release, notes="# 2026.12\n\n- **Fast** <script>alert(1)</script>")
    markdown = api_as(alice).get(url(product, f"/{release.pk}/notes.md"))
    assert markdown.status_code == 200 and markdown["Content-Type"].startswith("text/markdown")
    assert "attachment" in markdown["Content-Disposition"] and ".md" in markdown["Content-Disposition"]
    assert markdown.content.decode().startswith("# 2026.12")
    html = api_as(alice).get(url(product, f"/{release.pk}/notes.html"))
    page = html.content.decode()
    assert html["Content-Type"].startswith("text/html") and page.startswith("<!DOCTYPE html>")
    assert "<strong>Fast</strong>" in page and "<script>" not in page
    assert "<title>Cairn Cloud 2026.12 release notes</title>" in page


def test_shipping_marks_the_features_and_tells_the_other_parts_once(
        api_as, alice, product, release, web, django_capture_on_commit_callbacks):
    in_release = backlog.create_feature(actor=alice, product=product, title="Dark mode", now=timezone.now())
    releases.set_feature_release(actor=alice, feature=in_release, release=release, now=timezone.now())
    epic = file(alice, web, "Search", "Epic", "Done")
    by_issue = backlog.create_feature(actor=alice, product=product, title="", issue=epic.key, now=timezone.now())
    elsewhere = backlog.create_feature(actor=alice, product=product, title="Later", now=timezone.now())
    release.issues.add(epic)
    heard = []

    def listen(sender, **kw):
        heard.append(kw)

    signals.features_shipped.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = api_as(alice).post(url(product, f"/{release.pk}/ship"))
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "shipped" and response.json()["risk"]["level"] == "shipped"
        with django_capture_on_commit_callbacks(execute=True):
            assert api_as(alice).post(url(product, f"/{release.pk}/ship")).status_code == 409
    finally:
        signals.features_shipped.disconnect(listen)
    assert len(heard) == 1
    assert {f.pk for f in heard[0]["features"]} == {in_release.pk, by_issue.pk}
    assert heard[0]["product"] == product and heard[0]["release"].pk == release.pk and heard[0]["now"]
    shipped = dict(Feature.objects.values_list("pk", "shipped_at"))
    assert shipped[in_release.pk] and shipped[by_issue.pk] and shipped[elsewhere.pk] is None
    release.refresh_from_db()
    assert release.shipped_at and release.status == "shipped"
    with pytest.raises(Invalid):
        releases.update_release(actor=alice, release=release, fields={"status": "planned"})


def test_a_second_ship_through_the_service_is_a_conflict(alice, release):
    releases.ship(actor=alice, release=release, now=timezone.now())
    with pytest.raises(Conflict):
        releases.ship(actor=alice, release=Release.objects.get(pk=release.pk), now=timezone.now())


def test_guests_read_members_may_not_run_releases_and_outsiders_get_not_found(
        api_as, bob, gus, charlie, product, release):
    for person in (bob, gus):
        assert api_as(person).get(url(product)).json()["total"] == 1
        assert api_as(person).get(url(product, f"/{release.pk}")).status_code == 200
        assert api_as(person).get(url(product, f"/{release.pk}/notes.md")).status_code == 200
    for person in (bob, gus):
        assert api_as(person).post(url(product, f"/{release.pk}/ship")).status_code == 403
        assert api_as(person).put(url(product, f"/{release.pk}/issues/WEB-1")).status_code == 403
        assert api_as(person).post(url(product), json={"name": "Mine"}).status_code == 403
        assert api_as(person).put(url(product, f"/{release.pk}/notes"), json={"notes": "x"}).status_code == 403
    for path in ("", f"/{release.pk}", f"/{release.pk}/notes.html"):
        assert api_as(charlie).get(url(product, path)).status_code == 404
    assert api_as(charlie).post(url(product, f"/{release.pk}/ship")).status_code == 404


def test_private_issues_are_never_listed_to_people_outside_their_project(api_as, alice, bob, product, release,
                                                                          web, sec):
    release.issues.add(file(alice, web, "Public work", "Feature", "Done"),
                       file(alice, sec, "Secret work", "Feature", "Done"))
    assert releases.progress(alice, release, timezone.now()).total == 2
    body = api_as(bob).get(url(product, f"/{release.pk}")).json()
    assert [i["title"] for i in body["scope"]] == ["Public work"] and body["total"] == 1
    assert "Secret" not in release_notes.draft_notes(bob, release)
    response = api_as(bob).get(url(product))
    assert response.json()["items"][0]["total"] == 1


def test_a_release_is_deleted_by_a_manager(api_as, alice, product, release):
    assert api_as(alice).delete(url(product, f"/{release.pk}")).status_code == 204
    assert api_as(alice).get(url(product, f"/{release.pk}")).status_code == 404


# Pages

def _logged_in(user, password):
    client = Client()
    assert client.login(username=user.username, password=password)
    return client


def test_the_releases_page_shows_progress_and_the_risk_reason(alice, gus, password, product, release, web):
    release.issues.add(file(alice, web, "Open one"))
    page = _logged_in(alice, password).get(f"/products/{product.pk}/releases/").content.decode()
    assert "2026.12" in page and "1 open issue and none done in recent weeks" in page
    assert 'class="progress"' in page
    guest = _logged_in(gus, password).get(f"/products/{product.pk}/releases/").content.decode()
    assert "New release" not in guest


def test_the_release_page_adds_issues_generates_notes_and_ships(alice, password, product, release, web,
                                                               django_capture_on_commit_callbacks):
    file(alice, web, "Add search", "Feature", "Done")
    client = _logged_in(alice, password)
    base = f"/products/{product.pk}/releases/{release.pk}/"
    response = client.post(base + "scope/", {"key": "WEB-1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Add search" in response.content.decode()
    response = client.post(base + "scope/", {"key": "NOPE-1"}, headers={"HX-Request": "true"})
    assert response.status_code == 422 and "no issue" in response.content.decode()
    assert client.post(base, {"action": "generate"}).status_code == 302
    assert "- Add search (WEB-1)" in client.get(base).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(base, {"action": "ship"}).status_code == 302
    assert "Shipped" in client.get(base).content.decode()
    response = client.post(base, {"action": "ship"})
    assert response.status_code == 409 and "shipped already" in response.content.decode()
    download = client.get(base + "notes.md")
    assert download["Content-Type"].startswith("text/markdown") and b"Add search" in download.content


def test_an_outsider_gets_not_found_on_the_pages(charlie, password, product, release):
    client = _logged_in(charlie, password)
    assert client.get(f"/products/{product.pk}/releases/").status_code == 404
    assert client.get(f"/products/{product.pk}/releases/{release.pk}/").status_code == 404


def test_progress_of_many_releases_costs_a_fixed_number_of_queries(alice, product, web,
                                                                   django_assert_max_num_queries):
    made = [releases.create_release(actor=alice, product=product, name=f"R{n}", now=timezone.now())
            for n in range(5)]
    for n, release in enumerate(made):
        for m in range(n + 1):
            release.issues.add(file(alice, web, f"Issue {n}.{m}", status="Done" if m % 2 else "To do"))
    with django_assert_max_num_queries(6):
        found = releases.progress_of(alice, made, timezone.now())
    assert [found[r.pk].total for r in made] == [1, 2, 3, 4, 5]
    assert found[made[0].pk].risk.level.value == "no_target"


def test_features_join_and_leave_a_release_through_the_api(api_as, alice, bob, product, release, web):
    epic = file(alice, web, "Offline sync", "Epic")
    feature = backlog.create_feature(actor=alice, product=product, title="Offline", issue=epic.key,
                                     now=timezone.now())
    path = url(product, f"/{release.pk}/features/{feature.pk}")
    assert api_as(bob).put(path).status_code == 403
    assert api_as(alice).put(path).json() == {"id": feature.pk, "release": release.pk}
    body = api_as(alice).get(url(product, f"/{release.pk}")).json()
    assert body["features"] == [feature.pk] and [i["key"] for i in body["scope"]] == [epic.key]
    assert api_as(alice).delete(path).status_code == 204
    assert api_as(alice).get(url(product, f"/{release.pk}")).json()["total"] == 0
    assert api_as(alice).put(url(product, f"/{release.pk}/features/999999")).status_code == 404


def test_a_release_of_another_product_cannot_take_a_feature(alice, product, release, workspace):
    from cairn.product.services import products

    other = products.create_product(actor=alice, workspace=workspace, name="Other", now=timezone.now())
    feature = backlog.create_feature(actor=alice, product=other, title="Elsewhere", now=timezone.now())
    with pytest.raises(Invalid):
        releases.set_feature_release(actor=alice, feature=feature, release=release, now=timezone.now())


def test_notes_of_a_release_with_nothing_done_say_so(alice, release):
    notes = release_notes.draft_notes(alice, release)
    assert notes.startswith("# 2026.12\n\n_") and "Nothing is done in this release yet." in notes


def test_the_page_edits_previews_and_deletes_a_release(alice, password, product, release):
    client = _logged_in(alice, password)
    base = f"/products/{product.pk}/releases/{release.pk}/"
    response = client.post(base, {"action": "edit", "name": "Winter", "target_date": "not a date",
                                  "status": "planned", "description": ""})
    assert response.status_code == 422 and "is not a date" in response.content.decode()
    response = client.post(base, {"action": "edit", "name": "Winter", "target_date": "2030-01-05",
                                  "status": "in_progress", "description": "**Cold**"})
    assert response.status_code == 302
    page = client.get(base).content.decode()
    assert "Winter" in page and "<strong>Cold</strong>" in page and "2030-01-05" in page
    preview = client.post(base + "notes/preview/", {"notes": "## Hi <script>x</script>"}).content.decode()
    assert "<h2>Hi" in preview and "<script>" not in preview
    assert client.post(base, {"action": "delete"})["Location"] == f"/products/{product.pk}/releases/"
    assert not Release.objects.exists()


def test_a_member_sees_the_release_page_without_the_managers_controls(bob, password, product, release):
    page = _logged_in(bob, password).get(f"/products/{product.pk}/releases/{release.pk}/").content.decode()
    assert "Add to the release" not in page and "Ship now" not in page and "Save notes" not in page
    response = _logged_in(bob, password).post(f"/products/{product.pk}/releases/{release.pk}/", {"action": "ship"})
    assert response.status_code == 403


def test_notes_name_the_feature_an_issue_delivers(alice, product, release, web):
    epic = file(alice, web, "EPIC-cart-rewrite", "Epic", "Done")
    feature = backlog.create_feature(actor=alice, product=product, title="One-page checkout", issue=epic.key,
                                     now=timezone.now())
    feature.release = release
    feature.save(update_fields=["release"])
    notes = release_notes.generate_notes(actor=alice, release=release, now=timezone.now()).notes
    assert f"- One-page checkout ({epic.key})" in notes and "EPIC-cart-rewrite" not in notes


def test_work_of_private_projects_never_enters_the_notes_guests_read(alice, password, gus, product, release, web, sec):
    release.issues.add(file(alice, web, "Faster search", "Feature", "Done"),
                       file(alice, sec, "Acquire a competitor", "Feature", "Done"))
    notes = release_notes.generate_notes(actor=alice, release=release, now=timezone.now()).notes
    assert "Faster search" in notes and "Acquire a competitor" not in notes
    assert release_notes.private_work_left_out(release) == 1
    client = Client()
    client.force_login(alice)
    page = client.get(f"/products/{product.pk}/releases/{release.pk}/").content.decode()
    assert "1 issue of private projects is left out of generated notes" in page
