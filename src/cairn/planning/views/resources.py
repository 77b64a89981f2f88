"""Pages: people's workload across projects, and a project's schedule tools
(calendar, baselines and their variance, resource levelling with a preview)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import values
from cairn.accounts.models import User
from cairn.errors import DomainError, Invalid
from cairn.planning import capacity, levelling, pins, plans, services, time_off, workload
from cairn.planning.models import Baseline, TimeOff
from cairn.workspaces import policy

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@login_required
def workload_page(request: HttpRequest) -> HttpResponse:
    error = None
    if request.method == "POST":
        action = _capacity_action if request.POST.get("action") == "set-capacity" else _time_off_action
        try:
            messages.success(request, action(request))
            return redirect(request.get_full_path())
        except DomainError as failure:
            error = failure.message
    weeks = request.GET.get("weeks") or 12
    view = workload.weekly(request.user, start=request.GET.get("start") or timezone.localdate(), weeks=weeks)
    weeks = len(view.weeks)
    first = view.weeks[0]
    people = time_off.manageable_people(request.user)  # type: ignore[arg-type]
    periods = TimeOff.objects.filter(user__in=people, end_date__gte=timezone.localdate()).select_related("user")
    units = capacity.units_of(people)
    return render(request, "planning/workload.html", {
        "nav": "workload", "view": view, "weeks": weeks, "error": error,
        "previous": (first - dt.timedelta(weeks=weeks)).isoformat(),
        "next": (first + dt.timedelta(weeks=weeks)).isoformat(),
        "people": people, "time_off": periods, "capacity": [(p, units[p.pk]) for p in people], "capacity_most": capacity.MOST,
    }, status=422 if error else 200)


def _capacity_action(request: HttpRequest) -> str:
    person = User.objects.filter(username=request.POST.get("username", "")).first()
    if person is None:
        raise Invalid.field("username", "choose a person")
    saved = capacity.set_units(actor=request.user, person=person, units=request.POST.get("units", ""))  # type: ignore[arg-type]
    return f"{person.name} now works {saved.units}% of full time."


def _time_off_action(request: HttpRequest) -> str:
    post = request.POST
    person = time_off.person_named(request.user, post.get("username", request.user.username))  # type: ignore[arg-type, union-attr]
    if post.get("action") == "remove-time-off":
        period_id = values.whole_number(post.get("id"), "id")
        time_off.remove(actor=request.user, person=person, time_off_id=period_id)  # type: ignore[arg-type]
        return "Time off removed."
    period = time_off.add(actor=request.user, person=person, start=post.get("start_date", ""),  # type: ignore[arg-type]
                          end=post.get("end_date") or None, reason=post.get("reason", ""))
    return f"Time off for {person.name}: {period.start_date} to {period.end_date}."


def _handle(request: HttpRequest, project: Any) -> str:
    post, actor, now = request.POST, request.user, timezone.now()
    action = post.get("action")
    if action == "calendar":
        week = [[r.strip() for r in post.get(f"day{n}", "").split(",") if r.strip()] for n in range(7)]
        holidays = []
        for line in post.get("holidays", "").splitlines():
            day, _, name = line.strip().partition(" ")
            if day:
                holidays.append({"date": day, "name": name.strip()})
        services.set_calendar(actor=actor, project=project, start_date=post.get("start_date") or None,
                              working_week=week, holidays=holidays, now=now)
        return "Calendar saved; the schedule was recomputed."
    if action == "baseline":
        baseline = services.save_baseline(actor=actor, project=project, name=post.get("name", ""), now=now)
        return f"Baseline “{baseline.name}” saved."
    if action == "level":
        outcome = levelling.apply(actor=actor, project=project, now=now)
        return f"Levelled: {len(outcome.moves)} tasks moved; the plan now takes {outcome.makespan_days_after} working days."
    if action == "undo-levelling":
        return pins.undo_last(actor=actor, project=project, now=now).sentence("Levelling undone:")
    if action == "clear-levelling-pins":
        return pins.clear(actor=actor, project=project, now=now).sentence("Levelling pins cleared:")
    raise Invalid.field("action", "unknown action")


@login_required
def schedule_tools(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    can_manage = policy.can(request.user, policy.Action.MANAGE_PROJECT, project)
    error = None
    if request.method == "POST":
        try:
            messages.success(request, _handle(request, project))
            return redirect(f"/projects/{project.key}/schedule/")
        except DomainError as failure:
            error = failure.message
    plan = plans.plan_of(project)
    baselines = list(Baseline.objects.filter(project=project))
    chosen = next((b for b in baselines if str(b.pk) == request.GET.get("baseline")), baselines[0] if baselines else None)
    now = timezone.now()
    preview = levelling.preview(project, now=now) if request.GET.get("preview") else None
    return render(request, "planning/schedule_tools.html", {
        "nav": "projects", "section": "schedule", "project": project, "can_manage": can_manage, "error": error,
        "plan": plan, "days": list(zip(WEEKDAYS, [", ".join(d) for d in plan.working_week], strict=True)),
        "holidays": "\n".join(f"{h.date} {h.name}".strip() for h in plan.holidays.all()),
        "baselines": baselines, "chosen": chosen,
        "variance": levelling.variance_rows(project, chosen, now=now) if chosen else [],
        "preview": preview, "pins": pins.summary(project),
    }, status=422 if error else 200)
