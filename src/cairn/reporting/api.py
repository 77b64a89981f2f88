"""API of status reports and the portfolio."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn import paging
from cairn.inputs import Input
from cairn.reporting import portfolio, services
from cairn.reporting.models import StatusReport
from cairn.workspaces import policy

router = Router(tags=["reports"])


class ReportOut(Schema):
    number: int
    on: dt.date
    rag: str
    reasons: list[str]
    generated_at: dt.datetime
    generated_by: str | None
    summary: str
    mailed_to: list[str]
    url: str


class ReportMilestone(Schema):
    name: str
    due: dt.date


class ReportTopRisk(Schema):
    ref: str
    title: str
    score: int
    level: str
    owner: str | None


class ReportFinding(Schema):
    rule: str
    rag: str
    reason: str


class ReportHealth(Schema):
    rag: str
    reasons: list[str]
    findings: list[ReportFinding]


class ReportProgress(Schema):
    percent: int
    basis: str
    done: int | None = None
    total: int | None = None


class ReportEarnedValue(Schema):
    baseline: str | None
    bac: Decimal | None
    pv: Decimal | None
    ev: Decimal | None
    ac: Decimal | None
    spi: Decimal | None
    cpi: Decimal | None
    spi_why_not: str
    cpi_why_not: str
    eac: Decimal | None
    eac_why_not: str


class ReportMissedMilestone(Schema):
    name: str
    due: dt.date
    days_late: int


class ReportMilestones(Schema):
    next: list[ReportMilestone]
    missed: list[ReportMissedMilestone]


class ReportRisks(Schema):
    open: int
    top: list[ReportTopRisk]


class ReportChange(Schema):
    ref: str
    title: str
    cost_impact: Decimal | None
    finish_delta_days: float | None


class ReportChanges(Schema):
    open: int
    items: list[ReportChange]


class ReportBudget(Schema):
    budget: Decimal | None
    actual: Decimal | None
    used_percent: int | None
    eac: Decimal | None


class ReportFigures(Schema):
    on: dt.date
    phase: str | None
    health: ReportHealth
    progress: ReportProgress
    earned_value: ReportEarnedValue
    milestones: ReportMilestones
    risks: ReportRisks
    changes: ReportChanges
    budget: ReportBudget


class ReportDetail(ReportOut):
    figures: ReportFigures


class ReportPage(Schema):
    items: list[ReportOut]
    total: int
    next_cursor: str | None


class ReportSummaryIn(Input):
    summary: str


class ReportScheduleIn(Input):
    enabled: bool
    weekday: int


class ReportScheduleOut(Schema):
    enabled: bool
    weekday: int
    last_run: dt.date | None


class PortfolioProject(Schema):
    key: str
    name: str
    private: bool
    phase: str | None
    report: int | None
    reported_on: dt.date | None
    health: str | None
    reasons: list[str]
    percent_complete: int | None
    spi: Decimal | None
    cpi: Decimal | None
    next_milestone: ReportMilestone | None
    budget_used_percent: int | None
    top_risk: ReportTopRisk | None
    url: str
    report_url: str | None


class PortfolioPage(Schema):
    items: list[PortfolioProject]
    total: int
    next_cursor: str | None


def _out(report: StatusReport) -> dict[str, Any]:
    return {"number": report.number, "on": report.figures["on"], "rag": report.rag,
            "reasons": report.figures["health"]["reasons"], "generated_at": report.generated_at,
            "generated_by": report.generated_by.username if report.generated_by else None,
            "summary": report.summary, "mailed_to": report.mailed_to, "url": report.url}


def _detail(report: StatusReport) -> dict[str, Any]:
    return {**_out(report), "figures": report.figures}


@router.get("/projects/{key}/reports", response=ReportPage, summary="The project's status reports, newest first")
def list_reports(request: HttpRequest, key: str, cursor: str | None = None, limit: int = 50) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    page = paging.paginate(services.reports_of(project), cursor=cursor, limit=limit)
    return {"items": [_out(r) for r in page.items], "total": page.total, "next_cursor": page.next_cursor}


@router.post("/projects/{key}/reports", response={201: ReportDetail}, summary="Generate a status report now (managers)")
def generate_report(request: HttpRequest, key: str):
    project = policy.access_project_by_key(request.user, key)
    report = services.generate(actor=request.user, project=project, now=timezone.now())  # type: ignore[arg-type]
    return Status(201, _detail(report))


@router.get("/projects/{key}/reports/schedule", response=ReportScheduleOut, summary="When reports are generated and mailed")
def get_schedule(request: HttpRequest, key: str) -> dict[str, Any]:
    schedule = services.schedule_of(policy.access_project_by_key(request.user, key))
    return {"enabled": schedule.enabled, "weekday": schedule.weekday, "last_run": schedule.last_run}


@router.put("/projects/{key}/reports/schedule", response=ReportScheduleOut,
            summary="Turn the weekly report on or off and choose its weekday (managers)")
def put_schedule(request: HttpRequest, key: str, payload: ReportScheduleIn) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    schedule = services.set_schedule(actor=request.user, project=project,  # type: ignore[arg-type]
                                     enabled=payload.enabled, weekday=payload.weekday)
    return {"enabled": schedule.enabled, "weekday": schedule.weekday, "last_run": schedule.last_run}


@router.get("/projects/{key}/reports/{number}", response=ReportDetail,
            summary="A status report with the figures it was generated with")
def get_report(request: HttpRequest, key: str, number: int) -> dict[str, Any]:
    return _detail(services.report_by_number(policy.access_project_by_key(request.user, key), number))


@router.patch("/projects/{key}/reports/{number}", response=ReportDetail, summary="Edit a report's summary (managers)")
def patch_report(request: HttpRequest, key: str, number: int, payload: ReportSummaryIn) -> dict[str, Any]:
    report = services.report_by_number(policy.access_project_by_key(request.user, key), number)
    services.edit_summary(actor=request.user, report=report, summary=payload.summary,  # type: ignore[arg-type]
                          now=timezone.now())
    return _detail(report)


@router.get("/portfolio", response=PortfolioPage, tags=["portfolio"],
            summary="Every project you may see, as its latest status report states it")
def get_portfolio(request: HttpRequest, sort: str = "key", health: str = "", q: str = "", cursor: str | None = None,
                  limit: int = 50) -> dict[str, Any]:
    listing = portfolio.listing(request.user, sort=sort, health=health, text=q, cursor=cursor, limit=limit)
    return {"items": [r.as_dict() for r in listing.page.items], "total": listing.page.total,
            "next_cursor": listing.page.next_cursor}
