"""Optimistic concurrency: every read gives an ETag, a write sends it back in If-Match,
and a write based on a stale read is refused with the current state — never merged."""

from __future__ import annotations

from cairn.tracker.models import Change, Issue


def test_a_read_gives_the_version_as_an_etag(api_as, alice, issue):
    response = api_as(alice).get("/api/v1/issues/WEB-1")
    assert response.status_code == 200
    assert response["ETag"] == f'"{issue.pk}.1"'
    assert response.json()["version"] == 1


def test_a_write_with_the_current_etag_succeeds_and_gives_the_next_one(api_as, alice, issue):
    api = api_as(alice)
    etag = api.get("/api/v1/issues/WEB-1")["ETag"]
    response = api.patch("/api/v1/issues/WEB-1", {"title": "Renamed"}, headers={"If-Match": etag})
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Renamed" and response.json()["version"] == 2
    assert response["ETag"] == f'"{issue.pk}.2"' != etag
    assert api.get("/api/v1/issues/WEB-1")["ETag"] == response["ETag"]


def test_a_write_with_a_stale_etag_is_refused_with_the_current_state_and_writes_nothing(api_as, alice, bob, issue):
    alices, bobs = api_as(alice), api_as(bob)
    stale = bobs.get("/api/v1/issues/WEB-1")["ETag"]
    assert alices.patch("/api/v1/issues/WEB-1", {"title": "Alice's title"}, headers={"If-Match": stale}).status_code == 200
    history = list(Change.objects.values_list("pk", flat=True))

    refused = bobs.patch("/api/v1/issues/WEB-1", {"title": "Bob's title", "priority": "Low"}, headers={"If-Match": stale})

    assert refused.status_code == 412
    body = refused.json()
    assert "changed since you read it" in body["message"]
    assert body["current"]["title"] == "Alice's title" and body["current"]["version"] == 2
    assert refused["ETag"] == f'"{issue.pk}.2"'
    assert list(Change.objects.values_list("pk", flat=True)) == history
    current = Issue.objects.get(pk=issue.pk)
    assert (current.title, current.priority.name, current.version) == ("Alice's title", "Medium", 2)


def test_the_refused_writer_succeeds_with_the_etag_it_was_given(api_as, alice, bob, issue):
    bobs = api_as(bob)
    stale = bobs.get("/api/v1/issues/WEB-1")["ETag"]
    api_as(alice).patch("/api/v1/issues/WEB-1", {"title": "Alice's title"})
    fresh = bobs.patch("/api/v1/issues/WEB-1", {"priority": "Low"}, headers={"If-Match": stale})["ETag"]
    retried = bobs.patch("/api/v1/issues/WEB-1", {"priority": "Low"}, headers={"If-Match": fresh})
    assert retried.status_code == 200
    assert (retried.json()["title"], retried.json()["priority"]) == ("Alice's title", "Low")


def test_an_etag_of_another_issue_or_garbage_never_matches(api_as, alice, issue):
    from django.utils import timezone

    from cairn.tracker import services

    other = services.create_issue(actor=alice, project=issue.project, fields={"title": "Other"}, now=timezone.now())
    api = api_as(alice)
    for header in (other.etag, '"garbage"', f'"{issue.pk}."', f'"{issue.pk}.x"', ""):
        response = api.patch("/api/v1/issues/WEB-1", {"title": "Nope"}, headers={"If-Match": header})
        assert response.status_code == 412, header
        assert response.json()["message"] == "If-Match does not name a version of WEB-1"
        assert response.json()["current"]["title"] == "First issue" and response["ETag"] == issue.etag
    assert Issue.objects.get(pk=issue.pk).title == "First issue"


def test_a_weak_etag_or_a_star_is_accepted(api_as, alice, issue):
    api = api_as(alice)
    assert api.patch("/api/v1/issues/WEB-1", {"title": "One"}, headers={"If-Match": f'W/"{issue.pk}.1"'}).status_code == 200
    assert api.patch("/api/v1/issues/WEB-1", {"title": "Two"}, headers={"If-Match": "*"}).status_code == 200
    assert Issue.objects.get(pk=issue.pk).version == 3


def test_a_write_that_changes_nothing_keeps_the_version(api_as, alice, issue):
    api = api_as(alice)
    etag = api.get("/api/v1/issues/WEB-1")["ETag"]
    response = api.patch("/api/v1/issues/WEB-1", {"title": "First issue"}, headers={"If-Match": etag})
    assert response.status_code == 200 and response["ETag"] == etag
    assert Change.objects.filter(issue=issue).count() == 1  # only "created"


def test_creating_an_issue_answers_its_etag_and_location(api_as, alice, web):
    response = api_as(alice).post("/api/v1/projects/WEB/issues", {"title": "New"})
    assert response.status_code == 201
    issue = Issue.objects.get(project=web, number=1)
    assert response["ETag"] == issue.etag
    assert response["Location"] == "/api/v1/issues/WEB-1"


def test_a_write_without_if_match_is_not_checked(api_as, alice, bob, issue):
    api_as(bob).patch("/api/v1/issues/WEB-1", {"title": "Bob's title"})
    response = api_as(alice).patch("/api/v1/issues/WEB-1", {"priority": "Low"})
    assert response.status_code == 200 and response["ETag"] == f'"{issue.pk}.3"'


def test_a_write_that_is_refused_for_its_input_answers_422_not_412(api_as, alice, issue):
    etag = api_as(alice).get("/api/v1/issues/WEB-1")["ETag"]
    response = api_as(alice).patch("/api/v1/issues/WEB-1", {"status": "Nope"}, headers={"If-Match": etag})
    assert response.status_code == 422 and "status" in response.json()["errors"]
