"""The time API: entries, your timesheet, approvals and the timer — and who may use them."""

from __future__ import annotations

import datetime as dt

import pytest

from cairn.costs import services, timesheets

MONDAY = "2026-11-02"


def test_bob_logs_lists_changes_and_deletes_an_entry(api_as, bob, issue):
    client = api_as(bob)
    created = client.post("/api/v1/time-entries", json={"issue": issue.key, "date": MONDAY, "hours": "1.5",
                                                         "note": "Copy"})
    assert created.status_code == 201, created.content
    entry = created.json()
    assert (entry["hours"], entry["minutes"], entry["person"], entry["locked"]) == ("1.50", 90, "bob", False)
    listed = client.get(f"/api/v1/time-entries?issue={issue.key}&week=2026-W45").json()
    assert listed["total"] == 1
    assert client.get("/api/v1/time-entries?person=bob&week=2026-11-09").json()["total"] == 0
    patched = client.patch(f"/api/v1/time-entries/{entry['id']}", json={"hours": "2"})
    assert patched.json()["minutes"] == 120
    assert client.get(f"/api/v1/issues/{issue.key}").json()["spent_hours"] == 2.0
    assert client.delete(f"/api/v1/time-entries/{entry['id']}").status_code == 204


def test_bad_input_names_the_field(api_as, bob, issue):
    answer = api_as(bob).post("/api/v1/time-entries", json={"issue": issue.key, "date": MONDAY, "hours": "lots"})
    assert answer.status_code == 422
    assert "hours" in answer.json()["errors"]
    answer = api_as(bob).post("/api/v1/time-entries", json={"issue": "WEB-999", "date": MONDAY, "hours": "1"})
    assert answer.json()["errors"] == {"issue": "no issue WEB-999"}
    answer = api_as(bob).get("/api/v1/time-entries?person=nobody")
    assert answer.status_code == 422


def test_gus_reads_but_may_not_log_and_alice_may_not_change_bobs_entry(api_as, alice, bob, gus, issue, now):
    entry = services.log_time(actor=bob, issue=issue, date=dt.date(2026, 11, 2), hours="1", now=now)
    assert api_as(gus).get("/api/v1/time-entries").json()["total"] == 1
    assert api_as(gus).post("/api/v1/time-entries", json={"issue": issue.key, "date": MONDAY,
                                                          "hours": "1"}).status_code == 403
    assert api_as(alice).patch(f"/api/v1/time-entries/{entry.pk}", json={"hours": "3"}).status_code == 403
    assert api_as(alice).delete(f"/api/v1/time-entries/{entry.pk}").status_code == 403


def test_charlie_sees_no_entry_of_a_private_project(api_as, alice, charlie, secret_issue, now):
    entry = services.log_time(actor=alice, issue=secret_issue, date=dt.date(2026, 11, 2), hours="1", now=now)
    assert api_as(charlie).get("/api/v1/time-entries").json()["total"] == 0
    assert api_as(charlie).patch(f"/api/v1/time-entries/{entry.pk}", json={"hours": "3"}).status_code == 404
    assert api_as(charlie).delete(f"/api/v1/time-entries/{entry.pk}").status_code == 404
    assert api_as(charlie).post("/api/v1/time-entries", json={"issue": secret_issue.key, "date": MONDAY,
                                                              "hours": "1"}).status_code == 422
    assert api_as(charlie).post("/api/v1/timer", json={"issue": secret_issue.key}).status_code == 422


def test_a_timesheet_is_submitted_and_approved_through_the_api(api_as, alice, bob, issue, now):
    services.log_time(actor=bob, issue=issue, date=dt.date(2026, 11, 3), hours="7.5", now=now)
    mine = api_as(bob).get("/api/v1/timesheets/2026-W45").json()
    assert (mine["week"], mine["state"], mine["rows"][0]["minutes"][1], mine["total_hours"]) == (
        MONDAY, "open", 450, "7.50")
    submitted = api_as(bob).post(f"/api/v1/timesheets/{MONDAY}/submit")
    assert submitted.json()["state"] == "submitted"
    assert api_as(bob).get("/api/v1/timesheet-approvals").json()["total"] == 0
    waiting = api_as(alice).get("/api/v1/timesheet-approvals").json()
    assert [s["person"] for s in waiting["items"]] == ["bob"]
    sheet_id = waiting["items"][0]["id"]
    assert api_as(bob).post(f"/api/v1/timesheet-approvals/{sheet_id}/approve", json={}).status_code == 404
    assert api_as(alice).post(f"/api/v1/timesheet-approvals/{sheet_id}/reject", json={}).status_code == 422
    approved = api_as(alice).post(f"/api/v1/timesheet-approvals/{sheet_id}/approve", json={"note": "ok"})
    assert (approved.json()["state"], approved.json()["decided_by"]) == ("approved", "alice")
    entries = api_as(bob).get("/api/v1/time-entries").json()["items"]
    assert entries[0]["locked"] is True


@pytest.mark.parametrize("who", ["gus", "charlie"])
def test_nobody_else_decides_a_week(api_as, request, alice, bob, issue, now, who):
    services.log_time(actor=bob, issue=issue, date=dt.date(2026, 11, 3), hours="1", now=now)
    sheet = timesheets.submit(actor=bob, week=dt.date(2026, 11, 2), now=now)
    client = api_as(request.getfixturevalue(who))
    assert client.post(f"/api/v1/timesheet-approvals/{sheet.pk}/approve", json={}).status_code == 404
    assert client.post(f"/api/v1/timesheet-approvals/{sheet.pk}/reject", json={"note": "x"}).status_code == 404
    assert client.get("/api/v1/timesheet-approvals").json()["total"] == 0


def test_the_timer_starts_and_stops(api_as, bob, gus, issue):
    client = api_as(bob)
    assert client.get("/api/v1/timer").json()["running"] is False
    started = client.post("/api/v1/timer", json={"issue": issue.key})
    assert started.status_code == 201 and started.json()["issue"] == issue.key
    assert client.post("/api/v1/timer", json={"issue": issue.key}).status_code == 409
    assert client.post("/api/v1/timer/stop").json() == {"entry": None}  # stopped within seconds
    assert client.post("/api/v1/timer/stop").status_code == 409
    client.post("/api/v1/timer", json={"issue": issue.key})
    assert client.delete("/api/v1/timer").status_code == 204
    assert api_as(gus).post("/api/v1/timer", json={"issue": issue.key}).status_code == 403


def test_the_api_needs_a_token(api_as):
    assert api_as(None).get("/api/v1/time-entries").status_code == 401
    assert api_as(None).get("/api/v1/timer").status_code == 401
