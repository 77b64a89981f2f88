"""Pages of the risk register: the register with its heat map and exposure chart, one
risk with its history, and the small re-rating the heat map answers without a reload."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cairn import paging
from cairn.controls import risks
from cairn.controls.models import Category, Response, Risk, RiskStatus
from cairn.controls.views.shared import PAGE_SIZE, context, form_data
from cairn.errors import DomainError, Invalid
from cairn.workspaces import policy

FIELDS = ("title", "cause", "effect", "category", "probability", "impact", "owner", "response", "status",
          "review_date", "note")
CHOICES = {"categories": Category.choices, "responses": Response.choices, "statuses": RiskStatus.choices,
           "scale": range(1, 6)}


@login_required
def register_page(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    error = None
    if request.method == "POST":
        try:
            risk = risks.create_risk(actor=request.user, project=project,  # type: ignore[arg-type]
                                     data=form_data(request, FIELDS), now=timezone.now())
            messages.success(request, f"Risk {risk.ref} raised.")
            return redirect(f"/projects/{project.key}/risks/")
        except Invalid as failure:
            error = failure
    sort = request.GET.get("sort", "score")
    status = request.GET.get("status", "")
    try:
        listed = risks.register(project, sort=sort, status=status)
    except DomainError:
        sort, status, listed = "score", "", risks.register(project)
    page = paging.paginate(listed, cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    previous_url, next_url = paging.page_urls(request.GET, page, PAGE_SIZE)
    today = timezone.localdate()
    rows = [(r, risks.level(r).value, risks.review_overdue(r, today)) for r in page.items]
    return render(request, "controls/risks.html", context(
        request, project, "risks", page=page, rows=rows, previous_url=previous_url, next_url=next_url,
        sort=sort, status=status, cells=risks.heat_map(project), error=error,
        overdue=Risk.objects.filter(project=project, status=RiskStatus.OPEN, review_date__lt=today).count(),
        posted=request.POST if error else {}, **CHOICES,
    ), status=422 if error else 200)


@login_required
@require_POST
def rate(request: HttpRequest, key: str, number: int) -> HttpResponse:
    """Re-rates a risk from the register and answers the redrawn heat map, with the
    risk's row cells swapped out of band."""
    project = policy.access_project_by_key(request.user, key)
    risk = risks.risk_by_number(project, number)
    risks.update_risk(actor=request.user, risk=risk, now=timezone.now(),  # type: ignore[arg-type]
                      data=form_data(request, ("probability", "impact", "status")))
    response = render(request, "controls/_rated.html", {
        "project": project, "cells": risks.heat_map(project), "risk": risk, "level": risks.level(risk).value})
    response["HX-Trigger"] = "risks-changed"
    return response


@login_required
def risk_page(request: HttpRequest, key: str, number: int) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    risk = risks.risk_by_number(project, number)
    error = None
    if request.method == "POST":
        try:
            return _act(request, risk)
        except Invalid as failure:
            error = failure
    history = list(risk.history.select_related("by"))
    return render(request, "controls/risk.html", context(
        request, project, "risks", risk=risk, level=risks.level(risk).value, history=history, error=error,
        overdue=risks.review_overdue(risk, timezone.localdate()), actions=list(risk.actions.select_related(
            "status", "project")), **CHOICES,
    ), status=422 if error else 200)


def _act(request: HttpRequest, risk: Risk) -> HttpResponse:
    actor, now, post, here = request.user, timezone.now(), request.POST, f"/projects/{risk.project.key}/risks/"
    action = post.get("action")
    if action == "delete":
        risks.delete_risk(actor=actor, risk=risk)  # type: ignore[arg-type]
        messages.success(request, f"Risk {risk.ref} removed.")
        return redirect(here)
    if action == "add-action":
        issue = risks.add_action(actor=actor, risk=risk, key=post.get("key", ""),  # type: ignore[arg-type]
                                 title=post.get("title", ""), now=now)
        messages.success(request, f"{issue.key} is now an action against {risk.ref}.")
    elif action == "remove-action":
        risks.remove_action(actor=actor, risk=risk, key=post.get("key", ""))  # type: ignore[arg-type]
        messages.success(request, "Action unlinked.")
    else:
        risks.update_risk(actor=actor, risk=risk, data=form_data(request, FIELDS), now=now)  # type: ignore[arg-type]
        messages.success(request, f"Risk {risk.ref} saved.")
    return redirect(f"{here}{risk.number}/")
