"""The reports' and the portfolio's API, and who may call each route."""

from __future__ import annotations

import pytest

from cairn.controls import risks
from cairn.reporting import services
from cairn.reporting.models import StatusReport


@pytest.fixture
def report(alice, web, now):
    return services.generate(actor=alice, project=web, now=now)


def test_maria_generates_a_report_through_the_api(api_as, maria, web, worked):
    response = api_as(maria).post("/api/v1/projects/WEB/reports")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["number"], body["generated_by"], body["url"]) == (1, "maria", "/projects/WEB/reports/1/")
    assert body["figures"]["health"]["findings"][0]["rule"] == "SPI"
    assert body["rag"] in ("green", "amber", "red") and body["reasons"]


def test_gus_lists_and_reads_reports(api_as, gus, report):
    listing = api_as(gus).get("/api/v1/projects/WEB/reports").json()
    assert listing["total"] == 1 and listing["items"][0]["number"] == 1 and listing["next_cursor"] is None
    detail = api_as(gus).get("/api/v1/projects/WEB/reports/1")
    assert detail.status_code == 200 and detail.json()["figures"]["on"] == report.figures["on"]


def test_gus_and_bob_may_not_generate_edit_or_schedule(api_as, gus, bob, report):
    for person in (gus, bob):
        client = api_as(person)
        assert client.post("/api/v1/projects/WEB/reports").status_code == 403
        assert client.patch("/api/v1/projects/WEB/reports/1", json={"summary": "x"}).status_code == 403
        assert client.put("/api/v1/projects/WEB/reports/schedule", json={"enabled": True, "weekday": 1}).status_code == 403
    assert StatusReport.objects.count() == 1


def test_maria_edits_the_summary_and_sets_the_schedule(api_as, maria, report):
    patched = api_as(maria).patch("/api/v1/projects/WEB/reports/1", json={"summary": "Steady."})
    assert patched.status_code == 200 and patched.json()["summary"] == "Steady."
    put = api_as(maria).put("/api/v1/projects/WEB/reports/schedule", json={"enabled": True, "weekday": 4})
    assert put.json() == {"enabled": True, "weekday": 4, "last_run": None}
    assert api_as(maria).get("/api/v1/projects/WEB/reports/schedule").json()["weekday"] == 4


def test_a_bad_weekday_is_422_naming_the_field(api_as, maria, web):
    response = api_as(maria).put("/api/v1/projects/WEB/reports/schedule", json={"enabled": True, "weekday": 8})
    assert response.status_code == 422 and "weekday" in response.json()["errors"]


def test_a_missing_report_is_404(api_as, alice, web):
    assert api_as(alice).get("/api/v1/projects/WEB/reports/5").status_code == 404


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/api/v1/projects/SEC/reports"), ("post", "/api/v1/projects/SEC/reports"),
    ("get", "/api/v1/projects/SEC/reports/1"), ("patch", "/api/v1/projects/SEC/reports/1"),
    ("get", "/api/v1/projects/SEC/reports/schedule"), ("put", "/api/v1/projects/SEC/reports/schedule"),
])
def test_a_private_projects_reports_never_leak(api_as, alice, charlie, gus, sec, now, method, path):
    services.generate(actor=alice, project=sec, now=now)
    body = {"patch": {"summary": "x"}, "put": {"enabled": True, "weekday": 1}}.get(method)
    for person in (charlie, gus):
        client = api_as(person)
        response = getattr(client, method)(path, json=body) if body else getattr(client, method)(path)
        assert response.status_code == 404


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/api/v1/projects/WEB/reports"), ("post", "/api/v1/projects/WEB/reports"),
    ("get", "/api/v1/projects/WEB/reports/1"), ("get", "/api/v1/portfolio"),
])
def test_an_anonymous_caller_is_refused(api_as, report, method, path):
    assert getattr(api_as(None), method)(path).status_code in (401, 404)


def test_the_portfolio_lists_what_gus_may_see_with_the_latest_report(api_as, alice, gus, web, sec, now):
    services.generate(actor=alice, project=web, now=now)
    risks.create_risk(actor=alice, project=web, now=now, data={"title": "Fire", "probability": 5, "impact": 5})
    services.generate(actor=alice, project=web, now=now)
    services.generate(actor=alice, project=sec, now=now)
    body = api_as(gus).get("/api/v1/portfolio").json()
    assert [r["key"] for r in body["items"]] == ["WEB"]
    [row] = body["items"]
    assert (row["report"], row["health"], row["reasons"]) == (2, "red", ["1 open critical risk(s)"])
    assert row["top_risk"]["title"] == "Fire" and row["phase"] == "Initiation"
    assert [r["key"] for r in api_as(alice).get("/api/v1/portfolio?sort=-key").json()["items"]] == ["WEB", "SEC"]


def test_the_portfolio_refuses_an_unknown_sort(api_as, alice, web):
    response = api_as(alice).get("/api/v1/portfolio?sort=colour")
    assert response.status_code == 422 and "sort" in response.json()["errors"]
