"""A project's money pages: costs (budget against actual, expenses, rates) and earned
value (the figures, the S-curve, the table per WBS element)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import paging, values
from cairn.costs import budget, earned, expenses, rates, wbs
from cairn.costs.api.money import earned_value_out, receipt_response
from cairn.costs.models import BudgetLine, Category
from cairn.errors import DomainError, Invalid
from cairn.workspaces import policy
from cairn.workspaces.models import Role

PAGE = 25


def _act(request: HttpRequest, project: Any) -> str:
    post, actor = request.POST, request.user
    action = post.get("action")
    if action == "add-expense":
        expense = expenses.add_expense(actor=actor, project=project, date=post.get("date"),  # type: ignore[arg-type]
                                       category_name=post.get("category"), amount=post.get("amount"),
                                       description=post.get("description"), phase_key=post.get("phase"),
                                       receipt=request.FILES.get("receipt"), now=timezone.now())
        return f"Expense of {expense.amount} recorded."
    if action == "delete-expense":
        expenses.delete_expense(actor=actor, project=project, expense_id=_id(post))  # type: ignore[arg-type]
        return "Expense removed."
    if action == "add-line":
        budget.add_line(actor=actor, project=project, category_name=post.get("category"),  # type: ignore[arg-type]
                        amount=post.get("amount"), phase_key=post.get("phase"), note=post.get("note", ""))
        return "Budget line added."
    if action == "delete-line":
        budget.remove_line(actor=actor, project=project, line_id=_id(post))  # type: ignore[arg-type]
        return "Budget line removed."
    if action == "add-rate":
        rates.set_rate(actor=actor, project=project, person=post.get("person") or None,  # type: ignore[arg-type]
                       role=post.get("role") or None, hourly_rate=post.get("hourly_rate"),
                       effective_from=post.get("effective_from"))
        return "Rate saved."
    if action == "delete-rate":
        rates.remove_rate(actor=actor, project=project, rate_id=_id(post))  # type: ignore[arg-type]
        return "Rate removed."
    raise Invalid.field("action", "unknown action")


def _id(post: Any) -> int:
    return values.whole_number(post.get("id"), "id", minimum=1)


@login_required
def costs_page(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    error = None
    if request.method == "POST":
        try:
            messages.success(request, _act(request, project))
            return redirect(f"/projects/{project.key}/costs/")
        except DomainError as failure:
            error = failure.message
    can_manage = policy.can(request.user, policy.Action.MANAGE_PROJECT, project)
    try:
        page = paging.paginate(expenses.expenses_of(request.user, project), cursor=request.GET.get("cursor"),
                               limit=PAGE)
    except Invalid:
        page = paging.paginate(expenses.expenses_of(request.user, project), cursor=None, limit=PAGE)
    previous_url, next_url = paging.page_urls(request.GET, page, PAGE)
    people = policy.people_who_may(policy.Action.VIEW, project) if can_manage else []
    return render(request, "costs/costs.html", {
        "nav": "projects", "section": "costs", "project": project, "error": error,
        "can_manage": can_manage, "can_edit": policy.can(request.user, policy.Action.EDIT_ISSUES, project),
        "summary": budget.summary(project), "lines": BudgetLine.objects.filter(project=project).select_related(
            "phase", "phase__project"),
        "page": page, "previous_url": previous_url, "next_url": next_url,
        "rates": rates.rates_of(request.user, project) if can_manage else None,
        "people": people, "roles": Role.choices, "categories": Category.choices,
        "phases": wbs.breakdown(project).phases, "today": timezone.localdate(),
    }, status=422 if error else 200)


@login_required
def receipt_download(request: HttpRequest, key: str, expense_id: int) -> FileResponse:
    project = policy.access_project_by_key(request.user, key)
    return receipt_response(expenses.expense_in(request.user, project, expense_id))


@login_required
def earned_value_page(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    found = earned.report(project, today=timezone.localdate())
    data = earned_value_out(found, project.key).model_dump()
    return render(request, "costs/earned_value.html", {
        "nav": "projects", "section": "earned-value", "project": project, "report": found, "data": data,
        "figures": data["figures"], "curve": data["curve"],
    })
