"""Pages for time: your weekly timesheet, the approvals of the weeks you manage, and the
time panel the issue page loads (timer and a quick entry)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cairn.costs import services, timer, timesheets
from cairn.costs.models import TimeEntry
from cairn.errors import DomainError, Invalid, NotFound
from cairn.tracker.models import Issue, StatusCategory
from cairn.tracker.queries import issue_by_key
from cairn.workspaces import policy

CELL = "h-"


def _week(request: HttpRequest) -> dt.date:
    raw = request.GET.get("week") or request.POST.get("week")
    try:
        return timesheets.parse_week(raw) if raw else services.week_of(timezone.localdate())
    except Invalid:
        return services.week_of(timezone.localdate())


def _suggested(request: HttpRequest) -> list[Issue]:
    """Rows to fill: the person's open issues in projects where they may log time."""
    projects = policy.projects_where(request.user, policy.Action.EDIT_ISSUES)
    return list(Issue.objects.filter(assignee=request.user, project__in=projects)  # type: ignore[misc]
                .exclude(status__category=StatusCategory.DONE).select_related("project")
                .order_by("project__key", "number")[:15])


def _cells(request: HttpRequest, week: dt.date) -> dict[tuple[Issue, dt.date], str]:
    """The grid's inputs, named h-<issue key>-<day number>."""
    cells: dict[tuple[Issue, dt.date], str] = {}
    issues: dict[str, Issue] = {}
    for name, raw in request.POST.items():
        if not name.startswith(CELL):
            continue
        key, _, number = name[len(CELL):].rpartition("-")
        if not number.isdigit() or int(number) > 6:
            raise Invalid.field(name, "is not a cell of the week")
        if key not in issues:
            try:
                issues[key] = issue_by_key(request.user, key)
            except NotFound:
                raise Invalid.field("issue", f"no issue {key}") from None
        cells[(issues[key], week + dt.timedelta(days=int(number)))] = raw
    return cells


def _save(request: HttpRequest, week: dt.date) -> str:
    now = timezone.now()
    if request.POST.get("action") == "submit":
        timesheets.save_grid(actor=request.user, week=week, cells=_cells(request, week), now=now)  # type: ignore[arg-type]
        timesheets.submit(actor=request.user, week=week, now=now)  # type: ignore[arg-type]
        return f"The week of {week:%-d %B} is submitted for approval."
    changed = timesheets.save_grid(actor=request.user, week=week, cells=_cells(request, week), now=now)  # type: ignore[arg-type]
    return f"Saved: {changed} day{'s' if changed != 1 else ''} changed." if changed else "Nothing changed."


@login_required
def timesheet_page(request: HttpRequest) -> HttpResponse:
    week = _week(request)
    error = None
    if request.method == "POST":
        try:
            messages.success(request, _save(request, week))
            return redirect(f"/timesheet/?week={week.isoformat()}")
        except DomainError as failure:
            error = failure.message
    extra = []
    if request.GET.get("add"):
        try:
            extra.append(issue_by_key(request.user, request.GET["add"].strip()))
        except NotFound:
            error = f"No issue {request.GET['add'][:30]}"
    grid = timesheets.week_grid(request.user, request.user, week, extra=extra)  # type: ignore[arg-type]
    if not grid.locked and not grid.rows:
        grid = timesheets.week_grid(request.user, request.user, week, extra=extra + _suggested(request))  # type: ignore[arg-type]
    return render(request, "costs/timesheet.html", {
        "nav": "timesheet", "grid": grid, "error": error, "today": timezone.localdate(),
        "awaiting": len(timesheets.awaiting(request.user)),
        "running": timer.running(request.user),
    }, status=422 if error else 200)


@login_required
def approvals_page(request: HttpRequest) -> HttpResponse:
    error = None
    if request.method == "POST":
        try:
            sheet = timesheets.sheet_to_decide(request.user, int(request.POST.get("timesheet") or 0))
            approve = request.POST.get("action") == "approve"
            timesheets.decide(actor=request.user, sheet=sheet, approve=approve,  # type: ignore[arg-type]
                              note=request.POST.get("note", ""), now=timezone.now())
            verb = "approved" if approve else "rejected"
            messages.success(request, f"{sheet.person.name}'s week of {sheet.week:%-d %B} is {verb}.")
            return redirect("/timesheet/approvals/")
        except DomainError as failure:
            error = failure.message
    sheets = [timesheets.week_grid(request.user, s.person, s.week) for s in timesheets.awaiting(request.user)]
    return render(request, "costs/approvals.html", {"nav": "timesheet", "sheets": sheets, "error": error},
                  status=422 if error else 200)


def _panel(request: HttpRequest, issue: Issue, error: str | None = None, status: int = 200) -> HttpResponse:
    mine = TimeEntry.objects.filter(issue=issue).select_related("person").order_by("-date", "-id")
    current = timer.running(request.user)
    total = sum(e.minutes for e in mine)
    return render(request, "costs/issue_time.html", {
        "issue": issue, "entries": list(mine[:5]), "total": services.hours_of(total), "count": mine.count(),
        "timer": current, "elapsed": timer.elapsed_minutes(current, timezone.now()) if current else 0,
        "can_log": policy.can(request.user, policy.Action.EDIT_ISSUES, issue.project),
        "today": timezone.localdate(), "error": error,
    }, status=status)


@login_required
def issue_time(request: HttpRequest, issue_key: str) -> HttpResponse:
    return _panel(request, issue_by_key(request.user, issue_key))


@login_required
@require_POST
def issue_time_action(request: HttpRequest, issue_key: str, action: str) -> HttpResponse:
    issue = issue_by_key(request.user, issue_key)
    now, actor = timezone.now(), request.user
    try:
        if action == "start":
            timer.start(actor=actor, issue=issue, now=now)  # type: ignore[arg-type]
        elif action == "stop":
            timer.stop(actor=actor, now=now)  # type: ignore[arg-type]
        elif action == "log":
            services.log_time(actor=actor, issue=issue, date=request.POST.get("date"),  # type: ignore[arg-type]
                              hours=request.POST.get("hours"), note=request.POST.get("note", ""), now=now)
        else:
            raise NotFound(f"No action {action}")
    except (Invalid, DomainError) as failure:
        if isinstance(failure, NotFound):
            raise
        return _panel(request, issue, failure.message, 422)
    return _panel(request, issue)

