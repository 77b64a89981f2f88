"""Generating status reports: the health from the stated rules with its reason, the
figures, snapshots that never change, the summary, the exports."""

from __future__ import annotations

import datetime as dt

import pytest

from cairn.controls import changes, risks
from cairn.errors import Forbidden, Invalid, NotFound
from cairn.reporting import export, services
from cairn.tracker import services as tracker
from cairn.tracker.models import Milestone


def test_the_worked_example_is_amber_for_its_cost_and_says_so(alice, web, worked, noon):
    report = services.generate(actor=alice, project=web, now=noon)
    assert (report.number, report.rag) == (1, "amber")
    assert report.figures["health"]["reasons"] == ["CPI 0.90 is below 0.95"]
    ev = report.figures["earned_value"]
    assert (ev["bac"], ev["pv"], ev["ev"], ev["ac"], ev["spi"], ev["cpi"], ev["eac"]) == (
        "2400.00", "2000.00", "2000.00", "2220.00", "1.00", "0.90", "2664.00")
    assert report.figures["progress"] == {"percent": 83, "basis": "schedule"}
    assert report.figures["budget"] == {"budget": "2400.00", "actual": "2220.00", "used_percent": 92, "eac": "2664.00"}
    assert report.figures["phase"] == "Initiation"


def test_a_project_without_a_plan_is_green_with_the_indices_not_measurable(alice, web, issue, now):
    report = services.generate(actor=alice, project=web, now=now)
    assert report.rag == "green"
    spi = report.figures["health"]["findings"][0]
    assert spi["rule"] == "SPI" and "not measurable yet" in spi["reason"]
    assert report.figures["progress"] == {"percent": 0, "basis": "issues", "done": 0, "total": 1}


def test_progress_without_a_plan_is_the_share_of_issues_done(alice, web, issue, now):
    tracker.create_issue(actor=alice, project=web, fields={"title": "Second"}, now=now)
    tracker.update_issue(actor=alice, issue=issue, fields={"status": "Done"}, now=now)
    assert services.generate(actor=alice, project=web, now=now).figures["progress"]["percent"] == 50


def test_an_open_critical_risk_turns_the_report_red_and_tops_the_list(alice, web, now):
    risks.create_risk(actor=alice, project=web, now=now, data={"title": "Minor", "probability": 1, "impact": 2})
    risks.create_risk(actor=alice, project=web, now=now, data={"title": "Vendor bankrupt", "probability": 5,
                                                               "impact": 5})
    report = services.generate(actor=alice, project=web, now=now)
    assert report.rag == "red"
    assert report.figures["health"]["reasons"] == ["1 open critical risk(s)"]
    assert [r["title"] for r in report.figures["risks"]["top"]] == ["Vendor bankrupt", "Minor"]


def test_a_closed_risk_does_not_count(alice, web, now):
    risk = risks.create_risk(actor=alice, project=web, now=now, data={"title": "Gone", "probability": 5, "impact": 5})
    risks.update_risk(actor=alice, risk=risk, data={"status": "closed"}, now=now)
    assert services.generate(actor=alice, project=web, now=now).rag == "green"


def test_a_tracker_milestone_missed_by_three_weeks_is_red(alice, web, noon):
    Milestone.objects.create(project=web, name="Beta", due_date=noon.date() - dt.timedelta(days=21))
    Milestone.objects.create(project=web, name="Launch", due_date=noon.date() + dt.timedelta(days=10))
    Milestone.objects.create(project=web, name="Alpha", due_date=noon.date() - dt.timedelta(days=30), closed=True)
    report = services.generate(actor=alice, project=web, now=noon)
    assert report.rag == "red"
    assert report.figures["health"]["reasons"] == ["1 milestone(s) missed (Beta); the oldest by 21 days"]
    assert report.figures["milestones"]["next"] == [{"name": "Launch", "due": "2026-11-14"}]
    assert report.figures["milestones"]["missed"] == [{"name": "Beta", "due": "2026-10-14", "days_late": 21}]


def test_an_issue_typed_milestone_past_its_due_date_and_not_done_is_missed(alice, web, noon):
    tracker.create_issue(actor=alice, project=web, now=noon, fields={
        "title": "Sign-off", "type": "Milestone", "due_date": "2026-11-01"})
    report = services.generate(actor=alice, project=web, now=noon)
    assert report.rag == "amber"
    assert report.figures["milestones"]["missed"][0]["name"] == "WEB-1 Sign-off"


def test_a_done_milestone_issue_is_not_missed(alice, web, noon):
    done = tracker.create_issue(actor=alice, project=web, now=noon, fields={
        "title": "Sign-off", "type": "Milestone", "due_date": "2026-11-01"})
    tracker.update_issue(actor=alice, issue=done, fields={"status": "Done"}, now=noon)
    assert services.generate(actor=alice, project=web, now=noon).figures["milestones"]["missed"] == []


def test_open_change_requests_are_listed(alice, web, now):
    changes.raise_change(actor=alice, project=web, now=now, data={"title": "Add a blog", "cost_impact": "500"})
    report = services.generate(actor=alice, project=web, now=now)
    assert report.figures["changes"]["open"] == 1
    assert report.figures["changes"]["items"][0]["title"] == "Add a blog"


def test_an_old_report_keeps_its_figures_when_the_project_changes(alice, web, now):
    first = services.generate(actor=alice, project=web, now=now)
    risks.create_risk(actor=alice, project=web, now=now, data={"title": "Fire", "probability": 5, "impact": 5})
    second = services.generate(actor=alice, project=web, now=now)
    first.refresh_from_db()
    assert (first.number, first.rag, first.figures["risks"]["open"]) == (1, "green", 0)
    assert (second.number, second.rag, second.figures["risks"]["open"]) == (2, "red", 1)
    assert "Fire" not in export.as_markdown(first)


def test_a_new_report_starts_from_the_last_summary(alice, web, now):
    first = services.generate(actor=alice, project=web, now=now)
    services.edit_summary(actor=alice, report=first, summary="On track.", now=now)
    assert services.generate(actor=alice, project=web, now=now).summary == "On track."


def test_maria_edits_the_summary_and_bob_may_not(maria, bob, web, now):
    report = services.generate(actor=maria, project=web, now=now)
    services.edit_summary(actor=maria, report=report, summary="**Good** week", now=now)
    assert (report.summary, report.summary_by) == ("**Good** week", maria)
    with pytest.raises(Forbidden):
        services.edit_summary(actor=bob, report=report, summary="x", now=now)


def test_a_summary_too_long_names_its_field(alice, web, now):
    report = services.generate(actor=alice, project=web, now=now)
    with pytest.raises(Invalid) as failure:
        services.edit_summary(actor=alice, report=report, summary="x" * 20_001, now=now)
    assert "summary" in failure.value.fields


def test_bob_and_gus_may_not_generate_and_charlie_does_not_find_sec(bob, gus, charlie, web, sec, now):
    for person in (bob, gus):
        with pytest.raises(Forbidden):
            services.generate(actor=person, project=web, now=now)
    with pytest.raises(NotFound):
        services.generate(actor=charlie, project=sec, now=now)


def test_the_schedule_is_off_until_a_manager_sets_it(maria, bob, web):
    assert services.schedule_of(web).enabled is False
    services.set_schedule(actor=maria, project=web, enabled="on", weekday="4")
    schedule = services.schedule_of(web)
    assert (schedule.enabled, schedule.weekday) == (True, 4)
    with pytest.raises(Invalid):
        services.set_schedule(actor=maria, project=web, enabled=True, weekday=7)
    with pytest.raises(Forbidden):
        services.set_schedule(actor=bob, project=web, enabled=False, weekday=0)


def test_the_csv_export_quotes_what_a_spreadsheet_would_run(alice, web, now):
    changes.raise_change(actor=alice, project=web, now=now, data={"title": "=HYPERLINK(\"x\")"})
    csv = export.as_csv(services.generate(actor=alice, project=web, now=now))
    assert csv.splitlines()[0] == "section,item,value"
    assert "'CR-1" not in csv and "CR-1 =HYPERLINK" in csv.replace('""', '"')
    assert "health,rag,green" in csv


def test_the_markdown_export_has_the_health_reason_and_the_summary(alice, web, worked, noon):
    report = services.generate(actor=alice, project=web, now=noon)
    services.edit_summary(actor=alice, report=report, summary="Costs run high.", now=noon)
    text = export.as_markdown(report)
    assert "**Health: Amber** — CPI 0.90 is below 0.95" in text
    assert "## Summary\n\nCosts run high." in text


def test_a_tracker_milestone_whose_issues_are_all_done_is_reached(alice, web, issue, noon):
    beta = Milestone.objects.create(project=web, name="Beta", due_date=noon.date() - dt.timedelta(days=3))
    tracker.update_issue(actor=alice, issue=issue, fields={"milestone": "Beta"}, now=noon)
    assert services.generate(actor=alice, project=web, now=noon).figures["milestones"]["missed"] != []
    tracker.update_issue(actor=alice, issue=issue, fields={"status": "Done"}, now=noon)
    assert services.generate(actor=alice, project=web, now=noon).figures["milestones"]["missed"] == []
    assert beta.closed is False
