"""The demo's status reports: WEB green, MOB red, each with a few weeks of history."""

from __future__ import annotations

from cairn.reporting import portfolio, services
from cairn.reporting.models import StatusReport


def test_web_is_green_and_mob_is_red(projects):
    web = services.reports_of(projects["WEB"]).first()
    mob = services.reports_of(projects["MOB"]).first()
    assert web.rag == "green", web.figures["health"]
    assert mob.rag == "red", mob.figures["health"]
    assert mob.figures["health"]["reasons"]


def test_each_project_has_weeks_of_reports_with_a_summary(projects):
    for project in projects.values():
        reports = list(StatusReport.objects.filter(project=project).order_by("number"))
        assert len(reports) == 3 and all(r.summary for r in reports)
        assert reports[0].generated_at < reports[-1].generated_at
    assert services.schedule_of(projects["WEB"]).enabled


def test_the_portfolio_shows_both_to_maria(projects):
    from cairn.accounts.models import User

    rows = {r.key: r.health for r in portfolio.rows(User.objects.get(username="maria"))}
    assert rows["WEB"] == "green" and rows["MOB"] == "red"


def test_the_portfolio_and_the_reports_name_each_project_s_phase(projects):
    assert services.reports_of(projects["WEB"]).first().figures["phase"] == "Execution"
    assert services.reports_of(projects["MOB"]).first().figures["phase"] == "Planning"
