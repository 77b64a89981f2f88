"""Attachments: stored under random names, served only to those who may read the issue,
always as a download that cannot run in our origin."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cairn.tracker.models import Attachment, Change


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(api: Any, name: str, content: bytes, content_type: str = "text/plain", key: str = "WEB-1") -> Any:
    return api.client.post(f"/api/v1/issues/{key}/attachments", headers=api.headers,
                           data={"file": SimpleUploadedFile(name, content, content_type=content_type)})


def files(root) -> list[Any]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_bob_attaches_a_file_and_anyone_who_reads_the_issue_downloads_it(api_as, bob, gus, issue, media):
    created = upload(api_as(bob), "notes.txt", b"hello notes")
    assert created.status_code == 201, created.content
    body = created.json()
    assert {k: body[k] for k in ("filename", "content_type", "size", "uploaded_by")} == {
        "filename": "notes.txt", "content_type": "text/plain", "size": 11, "uploaded_by": "bob"}
    assert body["url"] == f"/api/v1/issues/WEB-1/attachments/{body['id']}/content"
    listed = api_as(gus).get("/api/v1/issues/WEB-1/attachments").json()
    assert [a["id"] for a in listed["items"]] == [body["id"]] and listed["total"] == 1
    download = api_as(gus).get(body["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"hello notes"
    assert download["Content-Disposition"] == 'attachment; filename="notes.txt"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]
    stored = files(media)
    assert len(stored) == 1 and "notes" not in stored[0].name
    assert Change.objects.filter(issue=issue, field="attachment", new_value="notes.txt").count() == 1


def test_charlie_cannot_download_or_list_even_with_the_url(api_as, bob, charlie, issue):
    url = upload(api_as(bob), "notes.txt", b"hello").json()["url"]
    assert api_as(charlie).get(url).status_code == 404
    assert api_as(charlie).get("/api/v1/issues/WEB-1/attachments").status_code == 404
    assert api_as(None).get(url).status_code == 401


def test_a_file_of_a_private_project_is_404_to_bob(api_as, alice, bob, sec):
    from django.utils import timezone

    from cairn.tracker import services

    services.create_issue(actor=alice, project=sec, fields={"title": "Secret"}, now=timezone.now())
    url = upload(api_as(alice), "plan.txt", b"secret", key="SEC-1").json()["url"]
    assert api_as(alice).get(url).status_code == 200
    assert api_as(bob).get(url).status_code == 404


def test_an_attachment_is_only_found_under_its_own_issue(api_as, alice, web, issue):
    from django.utils import timezone

    from cairn.tracker import services

    services.create_issue(actor=alice, project=web, fields={"title": "Other"}, now=timezone.now())
    attachment = upload(api_as(alice), "a.txt", b"a").json()
    assert api_as(alice).get(f"/api/v1/issues/WEB-2/attachments/{attachment['id']}/content").status_code == 404


def test_an_uploaded_html_file_is_served_as_a_download_not_a_page(api_as, bob, issue):
    url = upload(api_as(bob), "x.html", b"<script>alert(1)</script>", content_type="text/html").json()["url"]
    response = api_as(bob).get(url)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_path_in_the_file_name_never_reaches_the_disk(api_as, bob, issue, media):
    created = upload(api_as(bob), "../../etc/passwd", b"root").json()
    assert "/" not in created["filename"]
    assert all(media in p.parents for p in files(media))


def test_removing_an_attachment_deletes_the_file_and_records_it(api_as, bob, gus, issue, media):
    api = api_as(bob)
    created = upload(api, "notes.txt", b"hello").json()
    assert api_as(gus).delete(f"/api/v1/issues/WEB-1/attachments/{created['id']}").status_code == 403
    assert api.delete(f"/api/v1/issues/WEB-1/attachments/{created['id']}").status_code == 204
    assert not Attachment.objects.exists()
    assert Change.objects.filter(field="attachment", old_value="notes.txt").count() == 1
    assert api.get(created["url"]).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_file_goes_from_disk_once_the_removal_commits(api_as, bob, issue, media):
    api = api_as(bob)
    created = upload(api, "notes.txt", b"hello").json()
    assert len(files(media)) == 1
    assert api.delete(f"/api/v1/issues/WEB-1/attachments/{created['id']}").status_code == 204
    assert files(media) == []
