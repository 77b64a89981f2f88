"""The portfolio: every visible project as its latest report states it, sorted, filtered
and paged, in a fixed number of queries."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cairn.controls import risks
from cairn.reporting import portfolio, services
from cairn.tracker.setup import create_project
from cairn.workspaces.models import Visibility


def _projects(alice, workspace, now, count):
    made = []
    for n in range(count):
        project = create_project(actor=alice, workspace=workspace, key=f"P{n:02d}", name=f"Project {n}", now=now)
        if n % 3 == 0:
            risks.create_risk(actor=alice, project=project, now=now, data={"title": "Fire", "probability": 5,
                                                                           "impact": 5})
        if n % 3 != 2:
            services.generate(actor=alice, project=project, now=now)
        made.append(project)
    return made


def test_each_row_says_what_the_latest_report_said(alice, web, now):
    services.generate(actor=alice, project=web, now=now)
    risks.create_risk(actor=alice, project=web, now=now, data={"title": "Fire", "probability": 4, "impact": 4})
    services.generate(actor=alice, project=web, now=now)
    [row] = portfolio.rows(alice)
    assert (row.key, row.report, row.health, row.reasons) == ("WEB", 2, "amber", ["1 open high risk(s)"])
    assert row.top_risk is not None and row.top_risk["score"] == 16
    assert row.percent == 0 and row.phase == "Initiation" and row.report_url == "/projects/WEB/reports/2/"


def test_a_project_without_a_report_says_so(alice, web):
    [row] = portfolio.rows(alice)
    assert (row.health, row.report, row.reasons) == (None, None, [])


def test_the_portfolio_costs_the_same_queries_for_three_projects_as_for_twelve(alice, workspace, now):
    _projects(alice, workspace, now, 3)
    with CaptureQueriesContext(connection) as few:
        portfolio.listing(alice)
    _projects_more = [create_project(actor=alice, workspace=workspace, key=f"Q{n:02d}", name=f"More {n}", now=now)
                      for n in range(9)]
    for project in _projects_more:
        services.generate(actor=alice, project=project, now=now)
    alice = type(alice).objects.get(pk=alice.pk)  # a new request: no roles remembered
    with CaptureQueriesContext(connection) as many:
        listing = portfolio.listing(alice)
    assert listing.page.total == 12
    assert len(many.captured_queries) == len(few.captured_queries) <= 4


def test_health_sorts_worst_first_and_reversed_best_first_with_no_report_last(alice, workspace, now):
    _projects(alice, workspace, now, 6)
    worst = [r.health for r in portfolio.listing(alice, sort="health").page.items]
    assert worst == ["red", "red", "green", "green", None, None]
    best = [r.health for r in portfolio.listing(alice, sort="-health").page.items]
    assert best == ["green", "green", "red", "red", None, None]


def test_filters_by_health_and_text(alice, workspace, now):
    _projects(alice, workspace, now, 6)
    assert [r.key for r in portfolio.listing(alice, health="red").page.items] == ["P00", "P03"]
    assert [r.key for r in portfolio.listing(alice, health="none").page.items] == ["P02", "P05"]
    assert [r.key for r in portfolio.listing(alice, text="project 4").page.items] == ["P04"]
    assert portfolio.listing(alice).counts == {"red": 2, "amber": 0, "green": 2, "none": 2}


def test_pages_through_the_projects(alice, workspace, now):
    _projects(alice, workspace, now, 5)
    first = portfolio.listing(alice, limit=2)
    second = portfolio.listing(alice, limit=2, cursor=first.page.next_cursor)
    assert [r.key for r in first.page.items] == ["P00", "P01"]
    assert [r.key for r in second.page.items] == ["P02", "P03"] and second.page.total == 5


def test_a_private_project_is_listed_only_for_its_members(alice, bob, charlie, workspace, web, now):
    create_project(actor=alice, workspace=workspace, key="HID", name="Hidden", visibility=Visibility.PRIVATE, now=now)
    assert [r.key for r in portfolio.rows(alice)] == ["HID", "WEB"]
    assert [r.key for r in portfolio.rows(bob)] == ["WEB"]
    assert portfolio.rows(charlie) == []


def test_the_page_sorts_filters_and_links_each_report(page_as, alice, workspace, now):
    _projects(alice, workspace, now, 4)
    page = page_as(alice).get("/portfolio/?sort=health").content.decode()
    assert page.index('data-key="P00"') < page.index('data-key="P01"') < page.index('data-key="P02"')
    assert 'href="/projects/P00/reports/1/"' in page and 'aria-sort="ascending"' in page
    assert 'href="?sort=-health"' in page
    filtered = page_as(alice).get("/portfolio/?health=red&q=P0").content.decode()
    assert 'data-key="P00"' in filtered and 'data-key="P01"' not in filtered


def test_an_unknown_sort_on_the_page_starts_over(page_as, alice, web):
    response = page_as(alice).get("/portfolio/?sort=colour")
    assert response.status_code == 302 and response["Location"] == "/portfolio/"


def test_the_resource_load_fragment_links_to_the_workload(page_as, gus, web):
    response = page_as(gus).get("/portfolio/load")
    assert response.status_code == 200 and b'href="/workload/"' in response.content
