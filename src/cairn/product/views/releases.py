"""Pages: a product's releases, a release (scope, notes, shipping, launch checklists), and
the workspace's launch templates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import paging
from cairn.errors import DomainError
from cairn.markup import render as markdown
from cairn.product.api.releases import download
from cairn.product.models import LaunchCategory, LaunchTask, Release, ReleaseStatus
from cairn.product.services import launches, products, release_notes, releases
from cairn.product.views.shared import form_errors, product_page
from cairn.workspaces import policy
from cairn.workspaces.models import Role

PAGE_SIZE = 50


@login_required
def release_list(request: HttpRequest, product_id: int) -> HttpResponse:
    context = product_page(request, product_id, "releases")
    product, errors = context["product"], {}
    if request.method == "POST":
        try:
            release = releases.create_release(
                actor=request.user, product=product, name=request.POST.get("name", ""),  # type: ignore[arg-type]
                description=request.POST.get("description", ""), target_date=request.POST.get("target_date"),
                now=timezone.now())
            messages.success(request, f"Release {release.name} created.")
            return redirect(f"/products/{product.pk}/releases/{release.pk}/")
        except DomainError as failure:
            errors = form_errors(failure)
    page = paging.paginate(releases.releases_of(request.user, product), cursor=request.GET.get("cursor"),
                           limit=PAGE_SIZE)
    previous_url, next_url = paging.page_urls(request.GET, page, PAGE_SIZE)
    made = releases.progress_of(request.user, page.items, timezone.now())
    return render(request, "product/release_list.html", {
        **context, "rows": [(r, made[r.pk]) for r in page.items], "page": page, "previous_url": previous_url,
        "next_url": next_url, "errors": errors, "values": request.POST,
    }, status=422 if errors else 200)


@login_required
def release_detail(request: HttpRequest, product_id: int, release_id: int) -> HttpResponse:
    context = product_page(request, product_id, "releases")
    release = releases.release_for(request.user, context["product"], release_id)
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        try:
            answer = _act(request, release)
            if answer is not None:
                return answer
            return redirect(f"/products/{release.product_id}/releases/{release.pk}/")
        except DomainError as failure:
            errors, status = form_errors(failure), failure.status
            release = releases.release_for(request.user, context["product"], release_id)
    return render(request, "product/release_detail.html", {**context, **_release_context(request, release),
                                                           "errors": errors, "values": request.POST}, status=status)


def _act(request: HttpRequest, release: Release) -> HttpResponse | None:
    actor, post, now = request.user, request.POST, timezone.now()
    action = post.get("action")
    if action == "edit":
        releases.update_release(actor=actor, release=release, fields={  # type: ignore[arg-type]
            "name": post.get("name", ""), "description": post.get("description", ""),
            "target_date": post.get("target_date"), "status": post.get("status", release.status)})
        messages.success(request, "Saved.")
    elif action == "delete":
        releases.delete_release(actor=actor, release=release)  # type: ignore[arg-type]
        messages.success(request, f"Release {release.name} deleted.")
        return redirect(f"/products/{release.product_id}/releases/")
    elif action == "generate":
        release_notes.generate_notes(actor=actor, release=release, now=now,  # type: ignore[arg-type]
                                     overwrite=post.get("overwrite") == "on")
        messages.success(request, "Release notes generated.")
    elif action == "notes":
        release_notes.set_notes(actor=actor, release=release, notes=post.get("notes", ""))  # type: ignore[arg-type]
        messages.success(request, "Release notes saved.")
    elif action == "ship":
        shipped = releases.ship(actor=actor, release=release, now=now)  # type: ignore[arg-type]
        messages.success(request, f"{release.name} shipped with {len(shipped)} feature(s).")
    elif action == "checklist":
        launches.start_checklist(actor=actor, release=release, template_id=post.get("template"))  # type: ignore[arg-type]
    elif action == "task":
        checklist = launches.checklist_for(actor, release.product, post.get("checklist"))
        launches.add_task(actor=actor, checklist=checklist, title=post.get("title", ""),  # type: ignore[arg-type]
                          offset_days=post.get("offset_days") or 0, assignee=post.get("assignee"))
    elif action in ("feature", "unfeature"):
        feature = releases.feature_for(actor, release.product, post.get("feature"))
        releases.set_feature_release(actor=actor, feature=feature,  # type: ignore[arg-type]
                                     release=release if action == "feature" else None, now=now)
    return None


def _release_context(request: HttpRequest, release: Release) -> dict[str, Any]:
    product, today = release.product, timezone.localdate()
    checklists = launches.checklists_of(request.user, release)
    for checklist in checklists:
        for task in checklist.tasks.all():
            _mark(task, release, today)
    features = releases.features_of(request.user, release)
    return {
        "release": release, "progress": releases.progress(request.user, release, timezone.now()),
        "features": features, "checklists": checklists,
        "other_features": product.features.exclude(release=release).order_by("rank", "id")[:200],
        "templates": launches.templates_for(request.user, product), "statuses": ReleaseStatus.choices,
        "people": policy.workspace_people(product.workspace, Role.MEMBER), "notes_html": markdown(release.notes),
        "description_html": markdown(release.description),
        "private_left_out": release_notes.private_work_left_out(release),
    }


def _mark(task: LaunchTask, release: Release, today: Any) -> LaunchTask:
    task.due = launches.due_date(task, release)  # type: ignore[attr-defined]
    task.is_overdue = launches.overdue(task, release, today)  # type: ignore[attr-defined]
    return task


@login_required
def release_scope(request: HttpRequest, product_id: int, release_id: int) -> HttpResponse:
    """Adds (or with `remove`, takes out) an issue by key and answers the scope list, for
    htmx to swap in without reloading the page."""
    context = product_page(request, product_id, "releases")
    release = releases.release_for(request.user, context["product"], release_id)
    error, status = "", 200
    if request.method == "POST":
        try:
            if request.POST.get("remove"):
                releases.remove_issue(actor=request.user, release=release,  # type: ignore[arg-type]
                                      key=request.POST["remove"])
            else:
                releases.add_issue(actor=request.user, release=release,  # type: ignore[arg-type]
                                   key=request.POST.get("key", ""))
        except DomainError as failure:
            error, status = next(iter(failure.fields.values()), failure.message), failure.status
    return render(request, "product/release_scope.html", {
        **context, "release": release, "progress": releases.progress(request.user, release, timezone.now()),
        "scope_error": error, "scope_key": request.POST.get("key", "") if error else "",
    }, status=status)


@login_required
def notes_preview(request: HttpRequest, product_id: int, release_id: int) -> HttpResponse:
    context = product_page(request, product_id, "releases")
    releases.release_for(request.user, context["product"], release_id)
    return HttpResponse(f'<div class="markdown">{markdown(request.POST.get("notes", ""))}</div>')


@login_required
def notes_file(request: HttpRequest, product_id: int, release_id: int, kind: str) -> HttpResponse:
    context = product_page(request, product_id, "releases")
    release = releases.release_for(request.user, context["product"], release_id)
    if kind == "md":
        return download(*release_notes.markdown_file(release), "text/markdown; charset=utf-8")
    return download(*release_notes.html_file(release), "text/html; charset=utf-8")


@login_required
def launch_task(request: HttpRequest, product_id: int, task_id: int) -> HttpResponse:
    """Ticks, assigns or edits a task and answers its row, for htmx to swap in."""
    context = product_page(request, product_id, "releases")
    task = launches.task_for(request.user, context["product"], task_id)
    error, status = "", 200
    if request.method == "POST":
        post = request.POST
        fields: dict[str, Any] = {name: post[name] for name in ("title", "offset_days", "assignee") if name in post}
        if "tick" in post:
            fields["done"] = post.get("done") == "on"
        try:
            if post.get("delete"):
                launches.delete_task(actor=request.user, task=task)  # type: ignore[arg-type]
                return HttpResponse("")
            launches.update_task(actor=request.user, task=task, fields=fields, now=timezone.now())  # type: ignore[arg-type]
        except DomainError as failure:
            error, status = next(iter(failure.fields.values()), failure.message), failure.status
            task = launches.task_for(request.user, context["product"], task_id)
    release = task.checklist.release
    return render(request, "product/launch_task.html", {
        **context, "task": _mark(task, release, timezone.localdate()), "release": release,
        "people": policy.workspace_people(context["product"].workspace, Role.MEMBER), "task_error": error,
    }, status=status)


@login_required
def launch_templates(request: HttpRequest, product_id: int) -> HttpResponse:
    context = product_page(request, product_id, "releases")
    product, errors, failed = context["product"], {}, None
    if request.method == "POST":
        try:
            template = launches.template_for(request.user, product, request.POST.get("template"))
            failed = template.pk
            launches.update_template(actor=request.user, product=product, template=template,  # type: ignore[arg-type]
                                     fields={"name": request.POST.get("name", ""),
                                             "category": request.POST.get("category", template.category),
                                             "items": launches.parse_lines(request.POST.get("items", ""))})
            messages.success(request, f"Template {template.name} saved.")
            return redirect(f"/products/{product.pk}/launch-templates/")
        except DomainError as failure:
            errors = form_errors(failure)
    templates = launches.templates_for(request.user, product)
    return render(request, "product/launch_templates.html", {
        **context, "templates": [(t, "\n".join(f"{i['days']:+d} {i['title']}" for i in t.items)) for t in templates],
        "categories": LaunchCategory.choices, "errors": errors, "failed": failed, "values": request.POST,
        "may_edit": products.may(request.user, policy.Action.MANAGE_PROJECT, product),
    }, status=422 if errors else 200)
