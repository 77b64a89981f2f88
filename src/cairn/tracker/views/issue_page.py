"""The issue page: inline field edits, comments, attachments, sub-tasks, history and
watching, each a small htmx request answered with the fragment that changed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cairn import markup
from cairn.errors import Forbidden, Invalid, NotFound, PreconditionFailed
from cairn.tracker import attachments, comments, history, queries, services, versions
from cairn.tracker.api import attachment_response
from cairn.tracker.models import CustomField, FieldKind
from cairn.tracker.views import issue_links, widgets
from cairn.workspaces import policy


def _history(issue: Any) -> list[Any]:
    changes = list(issue.changes.select_related("actor").order_by("-at", "-id")[:200])
    user_fields = set(CustomField.objects.filter(project_id=issue.project_id, kind=FieldKind.USER)
                      .values_list("name", flat=True))
    return history.shown_with_names(changes, user_fields)


def _page_context(request: HttpRequest, issue: Any) -> dict[str, Any]:
    project = issue.project
    return {
        "nav": "projects",
        "section": "issues",
        "project": project,
        "issue": issue,
        "description_html": markup.render(issue.description),
        "fields": widgets.all_widgets(issue),
        "title_widget": widgets.widget(issue, "title"),
        "description_widget": widgets.widget(issue, "description"),
        "comments": issue.comments.select_related("author").all(),
        "attachments": issue.attachments.select_related("uploaded_by").all(),
        "children": issue.children.select_related("project", "status", "assignee", "type").order_by("number"),
        "history": _history(issue),
        "watching": issue.watchers.filter(pk=request.user.pk).exists(),
        "watchers": issue.watchers.all(),
        "can_edit": policy.can(request.user, policy.Action.EDIT_ISSUES, project),
        "can_comment": policy.can(request.user, policy.Action.COMMENT, project),
        "can_delete": policy.can(request.user, policy.Action.MANAGE_PROJECT, project),
        "progress": queries.progress_of(issue),
        **issue_links.links_context(request, issue),
    }


@login_required
def issue_detail(request: HttpRequest, issue_key: str) -> HttpResponse:
    issue = queries.issue_by_key(request.user, issue_key)
    if issue.key != issue_key.upper():  # moved to another project since the link was made
        return redirect(f"/issues/{issue.key}/", permanent=True)
    return render(request, "tracker/issue_detail.html", _page_context(request, issue))


@login_required
def field_edit(request: HttpRequest, issue_key: str, name: str) -> HttpResponse:
    issue = queries.issue_by_key(request.user, issue_key)
    policy.require(request.user, policy.Action.EDIT_ISSUES, issue.project)
    w = widgets.widget_by_form_name(issue, name)
    if w is None:
        raise NotFound(f"No field {name}")
    return render(request, "tracker/field_edit.html", {"issue": issue, "w": w, "note": widgets.scheduled_note(issue, w)})


@login_required
def field(request: HttpRequest, issue_key: str, name: str) -> HttpResponse:
    if request.method == "POST":
        return field_save(request, issue_key, name)
    issue = queries.issue_by_key(request.user, issue_key)
    w = widgets.widget_by_form_name(issue, name)
    if w is None:
        raise NotFound(f"No field {name}")
    return render(request, "tracker/field_show.html", _field_context(request, issue, w))


def _field_context(request: HttpRequest, issue: Any, w: widgets.Widget) -> dict[str, Any]:
    return {
        "issue": issue, "w": w, "can_edit": policy.can(request.user, policy.Action.EDIT_ISSUES, issue.project),
        "description_html": markup.render(issue.description) if w.name == "description" else "",
    }


def field_save(request: HttpRequest, issue_key: str, name: str) -> HttpResponse:
    issue = queries.issue_by_key(request.user, issue_key)
    w = widgets.widget_by_form_name(issue, name)
    if w is None:
        raise NotFound(f"No field {name}")
    try:
        services.update_issue(
            actor=request.user, issue=issue, fields=widgets.as_fields(w, widgets.submitted_value(w, request.POST)),
            now=timezone.now(), expected_version=versions.from_form(request.POST.get("version", "")),
        )
    except PreconditionFailed as stale:
        return versions.page_refusal(issue, stale)
    except Invalid as error:
        context = {"issue": issue, "w": w, "error": error.fields and next(iter(error.fields.values())) or error.message,
                   "note": widgets.scheduled_note(issue, w)}
        return render(request, "tracker/field_edit.html", context, status=422)
    issue = queries.issue_by_key(request.user, issue_key)
    w = widgets.widget_by_form_name(issue, name)
    context = {**_field_context(request, issue, w), "history": _history(issue), "oob": True,  # type: ignore[arg-type]
               "also": widgets.moved_with(issue, w)}  # type: ignore[arg-type]
    return render(request, "tracker/field_show.html", context)


@login_required
@require_POST
def comment_add(request: HttpRequest, issue_key: str) -> HttpResponse:
    issue = queries.issue_by_key(request.user, issue_key)
    try:
        comment = comments.add_comment(actor=request.user, issue=issue, body=request.POST.get("body", ""), now=timezone.now())
    except Invalid as error:
        return render(request, "tracker/comment_form.html", {"issue": issue, "error": error.message,
                                                            "body": request.POST.get("body", "")}, status=422)
    return render(request, "tracker/comment_added.html", {"issue": issue, "comment": comment,
                                                          "comment_count": issue.comments.count()})


@login_required
def comment_edit(request: HttpRequest, issue_key: str, comment_id: int) -> HttpResponse:
    """GET: the author's edit form (or, with ?show=1, the comment again); POST: save."""
    issue = queries.issue_by_key(request.user, issue_key)
    comment = comments.get_comment(actor=request.user, issue=issue, comment_id=comment_id)
    if request.method == "POST":
        try:
            comment = comments.edit_comment(actor=request.user, comment=comment, body=request.POST.get("body", ""),
                                            now=timezone.now())
        except Invalid as invalid:
            context = {"issue": issue, "comment": comment, "body": request.POST.get("body", ""), "error": invalid.message}
            return render(request, "tracker/comment_edit.html", context, status=422)
    elif not request.GET.get("show"):
        if comment.author_id != request.user.pk:
            raise Forbidden("Only the author may edit a comment")
        return render(request, "tracker/comment_edit.html", {"issue": issue, "comment": comment, "body": comment.body})
    return render(request, "tracker/comment.html", {"issue": issue, "comment": comment})


def _attachments_fragment(request: HttpRequest, issue: Any, error: str | None) -> HttpResponse:
    context = {"issue": issue, "attachments": issue.attachments.select_related("uploaded_by").all(),
               "error": error, "can_edit": True, "history": _history(issue), "oob": True}
    return render(request, "tracker/attachments.html", context, status=422 if error else 200)


@login_required
@require_POST
def attachment_add(request: HttpRequest, issue_key: str) -> HttpResponse:
    issue = queries.issue_by_key(request.user, issue_key)
    error = None
    try:
        attachments.add_attachment(actor=request.user, issue=issue, upload=request.FILES.get("file"), now=timezone.now())
    except Invalid as invalid:
        error = invalid.message
    return _attachments_fragment(request, issue, error)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, issue_key: str, attachment_id: int) -> HttpResponse:
    issue = queries.issue_by_key(request.user, issue_key)
    attachments.delete_attachment(actor=request.user, issue=issue, attachment_id=attachment_id, now=timezone.now())
    return _attachments_fragment(request, issue, None)


@login_required
def attachment_download(request: HttpRequest, issue_key: str, attachment_id: int) -> FileResponse:
    issue = queries.issue_by_key(request.user, issue_key)
    return attachment_response(attachments.get_attachment(actor=request.user, issue=issue, attachment_id=attachment_id))


@login_required
@require_POST
def watch_toggle(request: HttpRequest, issue_key: str) -> HttpResponse:
    issue = queries.issue_by_key(request.user, issue_key)
    watching = request.POST.get("watch") == "1"
    services.set_watching(actor=request.user, issue=issue, watching=watching)
    return render(request, "tracker/watch_button.html", {"issue": issue, "watching": watching,
                                                         "watchers": issue.watchers.all()})


