"""Pages of status reports — the list with "Generate now" and the schedule, one report
(print-friendly, with its Markdown and CSV downloads) — and the portfolio."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import markup, paging
from cairn.errors import Invalid
from cairn.reporting import export, portfolio, services
from cairn.reporting.models import StatusReport
from cairn.workspaces import policy
from cairn.workspaces.models import Project

PAGE_SIZE = 25


def _context(request: HttpRequest, project: Project, **extra: Any) -> dict[str, Any]:
    return {"nav": "projects", "section": "reports", "project": project,
            "can_manage": policy.can(request.user, policy.Action.MANAGE_PROJECT, project), **extra}


@login_required
def reports_page(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "schedule":
                services.set_schedule(actor=request.user, project=project,  # type: ignore[arg-type]
                                      enabled=request.POST.get("enabled", ""), weekday=request.POST.get("weekday"))
                messages.success(request, "Schedule saved.")
                return redirect(f"/projects/{project.key}/reports/")
            report = services.generate(actor=request.user, project=project, now=timezone.now())  # type: ignore[arg-type]
            return redirect(report.url)
        except Invalid as failure:
            error = failure
    page = paging.paginate(services.reports_of(project), cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    previous_url, next_url = paging.page_urls(request.GET, page, PAGE_SIZE)
    return render(request, "reporting/reports.html", _context(
        request, project, page=page, previous_url=previous_url, next_url=next_url, error=error,
        schedule=services.schedule_of(project), weekdays=list(enumerate(services.WEEKDAYS))),
        status=422 if error else 200)


def _report(request: HttpRequest, key: str, number: int) -> StatusReport:
    return services.report_by_number(policy.access_project_by_key(request.user, key), number)


@login_required
def report_page(request: HttpRequest, key: str, number: int) -> HttpResponse:
    report = _report(request, key, number)
    error = None
    if request.method == "POST":
        try:
            services.edit_summary(actor=request.user, report=report,  # type: ignore[arg-type]
                                  summary=request.POST.get("summary", ""), now=timezone.now())
            messages.success(request, "Summary saved.")
            return redirect(report.url)
        except Invalid as failure:
            error = failure
    return render(request, "reporting/report.html", _context(
        request, report.project, report=report, f=report.figures, error=error,
        summary_html=markup.render(report.summary)), status=422 if error else 200)


def _download(body: str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def report_markdown(request: HttpRequest, key: str, number: int) -> HttpResponse:
    report = _report(request, key, number)
    return _download(export.as_markdown(report), "text/markdown; charset=utf-8",
                     f"{report.project.key}-status-{report.number}.md")


@login_required
def report_csv(request: HttpRequest, key: str, number: int) -> HttpResponse:
    report = _report(request, key, number)
    return _download(export.as_csv(report), "text/csv; charset=utf-8", f"{report.project.key}-status-{report.number}.csv")


@login_required
def portfolio_page(request: HttpRequest) -> HttpResponse:
    try:
        listing = portfolio.listing(request.user, sort=request.GET.get("sort", "key"),
                                    health=request.GET.get("health", ""), text=request.GET.get("q", ""),
                                    cursor=request.GET.get("cursor"), limit=PAGE_SIZE * 2)
    except Invalid:
        return redirect("/portfolio/")
    previous_url, next_url = paging.page_urls(request.GET, listing.page, PAGE_SIZE * 2)
    query = request.GET.copy()
    query.pop("cursor", None)
    query.pop("sort", None)
    return render(request, "reporting/portfolio.html", {
        "nav": "portfolio", "listing": listing, "page": listing.page, "previous_url": previous_url,
        "next_url": next_url, "sort": listing.sort, "health": listing.health, "q": listing.text,
        "keep": query.urlencode(), "columns": portfolio.COLUMNS})


@login_required
def portfolio_load(request: HttpRequest) -> HttpResponse:
    """The cross-project resource load, fetched by the portfolio page after it shows."""
    return render(request, "reporting/_load.html", {"load": portfolio.load_summary(request.user,
                                                                                  today=timezone.localdate())})


