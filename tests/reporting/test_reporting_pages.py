"""The status report pages and the portfolio page, and who may do what on them."""

from __future__ import annotations

import pytest

from cairn.controls import risks
from cairn.reporting import services
from cairn.reporting.models import StatusReport


@pytest.fixture
def report(alice, web, now):
    return services.generate(actor=alice, project=web, now=now)


def test_maria_generates_a_report_from_the_list_and_lands_on_it(page_as, maria, web):
    response = page_as(maria).post("/projects/WEB/reports/")
    assert response.status_code == 302 and response["Location"] == "/projects/WEB/reports/1/"
    page = page_as(maria).get("/projects/WEB/reports/1/")
    assert page.status_code == 200
    assert b'id="health-reason"' in page.content and b"no open high or critical risk" in page.content
    assert b"Generate now" in page_as(maria).get("/projects/WEB/reports/").content


def test_the_report_shows_its_health_reason(page_as, alice, web, now):
    risks.create_risk(actor=alice, project=web, now=now, data={"title": "Fire", "probability": 5, "impact": 5})
    services.generate(actor=alice, project=web, now=now)
    page = page_as(alice).get("/projects/WEB/reports/1/").content.decode()
    assert "1 open critical risk(s)" in page and 'class="rag rag-red"' in page
    assert "@media print" not in page and "reporting/reporting.css" in page


def test_gus_reads_reports_but_is_not_offered_generate(page_as, gus, report):
    listing = page_as(gus).get("/projects/WEB/reports/")
    assert listing.status_code == 200 and b"Generate now" not in listing.content
    assert page_as(gus).get("/projects/WEB/reports/1/").status_code == 200
    assert page_as(gus).post("/projects/WEB/reports/").status_code == 403
    assert StatusReport.objects.count() == 1


def test_bob_may_not_edit_the_summary(page_as, bob, report):
    assert page_as(bob).post("/projects/WEB/reports/1/", {"summary": "mine"}).status_code == 403


def test_maria_writes_a_summary_that_is_rendered_sanitised(page_as, maria, report):
    response = page_as(maria).post("/projects/WEB/reports/1/", {"summary": "**Fine** <script>alert(1)</script>"})
    assert response.status_code == 302
    page = page_as(maria).get("/projects/WEB/reports/1/").content.decode()
    assert "<strong>Fine</strong>" in page and "<script>alert(1)" not in page


def test_maria_sets_the_weekly_schedule_on_the_page(page_as, maria, web):
    response = page_as(maria).post("/projects/WEB/reports/", {"action": "schedule", "enabled": "on", "weekday": "2"})
    assert response.status_code == 302
    schedule = services.schedule_of(web)
    assert (schedule.enabled, schedule.weekday) == (True, 2)


def test_a_bad_weekday_is_a_form_error(page_as, maria, web):
    response = page_as(maria).post("/projects/WEB/reports/", {"action": "schedule", "weekday": "9"})
    assert response.status_code == 422 and b"weekday" in response.content


def test_the_exports_download_markdown_and_csv(page_as, gus, report):
    markdown = page_as(gus).get("/projects/WEB/reports/1/report.md")
    assert markdown.status_code == 200 and markdown["Content-Type"].startswith("text/markdown")
    assert "attachment" in markdown["Content-Disposition"] and markdown.content.startswith(b"# WEB status report 1")
    csv = page_as(gus).get("/projects/WEB/reports/1/report.csv")
    assert csv["Content-Type"].startswith("text/csv") and csv.content.startswith(b"section,item,value")


@pytest.mark.parametrize("path", ["/projects/SEC/reports/", "/projects/SEC/reports/1/",
                                  "/projects/SEC/reports/1/report.md", "/projects/SEC/reports/1/report.csv"])
def test_charlie_and_gus_never_see_a_private_projects_reports(page_as, alice, charlie, gus, sec, now, path):
    services.generate(actor=alice, project=sec, now=now)
    for person in (charlie, gus):
        assert page_as(person).get(path).status_code == 404
        assert page_as(person).post(path).status_code == 404


@pytest.mark.parametrize("path", ["/projects/WEB/reports/", "/projects/WEB/reports/1/", "/portfolio/",
                                  "/portfolio/load", "/projects/WEB/reports/1/report.md"])
def test_a_visitor_is_sent_to_log_in(page_as, report, path):
    response = page_as(None).get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_missing_report_is_404(page_as, alice, web):
    assert page_as(alice).get("/projects/WEB/reports/7/").status_code == 404


def test_the_project_nav_links_to_reports_and_the_top_nav_to_the_portfolio(page_as, gus, web):
    page = page_as(gus).get("/projects/WEB/reports/").content.decode()
    assert 'href="/projects/WEB/reports/" aria-current="page"' in page and 'href="/portfolio/"' in page
