"""Closure pages: the close-out checklist (the Closure gate), the deliverables' sign-off
summary, the hand-over notes and the project's lessons; the post-project report; and the
lessons learned of every project the person may see."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import markup, paging, values
from cairn.errors import Invalid
from cairn.lifecycle import closure, deliverables, gates, lessons
from cairn.lifecycle.models import Lesson, Phase
from cairn.lifecycle.views.phases import lifecycle_context
from cairn.lifecycle.views.shared import PAGE_SIZE, form_data
from cairn.workspaces import policy
from cairn.workspaces.models import Project


def _action(request: HttpRequest, project: Project) -> str:
    post, actor, now = request.POST, request.user, timezone.now()
    action = post.get("action")
    if action == "handover":
        deliverables.save_record(actor=actor, project=project, now=now,  # type: ignore[arg-type]
                                 data=form_data(request, ("handover",)))
        return "Hand-over notes saved."
    if action == "lesson":
        lessons.add_lesson(actor=actor, project=project, now=now,  # type: ignore[arg-type]
                           data=form_data(request, lessons.FIELDS))
        return "Lesson recorded."
    if action == "save-lesson":
        found = lessons.lesson_by_id(project, values.whole_number(post.get("id"), "id"))
        lessons.update_lesson(actor=actor, lesson=found,  # type: ignore[arg-type]
                              data=form_data(request, lessons.FIELDS))
        return "Lesson saved."
    if action == "remove-lesson":
        found = lessons.lesson_by_id(project, values.whole_number(post.get("id"), "id"))
        lessons.remove_lesson(actor=actor, lesson=found)  # type: ignore[arg-type]
        return "Lesson removed."
    raise Invalid.field("action", "unknown action")


def shown_lesson(lesson: Lesson) -> dict[str, Any]:
    return {"l": lesson, "edit_key": f"lesson-{lesson.pk}", "well": markup.render(lesson.went_well), "badly": markup.render(lesson.went_badly),
            "next": markup.render(lesson.recommendation)}


@login_required
def closure_page(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    error = None
    if request.method == "POST":
        try:
            messages.success(request, _action(request, project))
            return redirect(f"/projects/{project.key}/closure/")
        except Invalid as failure:
            error = failure
    record = deliverables.scope(project)
    in_closure = gates.phase_of(project) == Phase.CLOSURE
    return render(request, "lifecycle/closure.html", lifecycle_context(
        request, project, section="closure", error=error, in_closure=in_closure,
        closeout=gates.gate(project, Phase.CLOSURE), sign_off=closure.sign_off_summary(project),
        handover=markup.render(record.handover) if record else "", record=record,
        lessons=[shown_lesson(x) for x in lessons.of_project(project)], editing=request.GET.get("edit"),
        posted=request.POST if error else {},
    ), status=422 if error else 200)


@login_required
def report_page(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    return render(request, "lifecycle/report.html", lifecycle_context(
        request, project, section="closure", report=closure.report(project), phase=gates.phase_of(project)))


@login_required
def lessons_page(request: HttpRequest) -> HttpResponse:
    text, tag = request.GET.get("q", ""), request.GET.get("tag", "")
    page = paging.paginate(lessons.search(request.user, text=text, tag=tag), cursor=request.GET.get("cursor"),
                           limit=PAGE_SIZE)
    previous_url, next_url = paging.page_urls(request.GET, page, PAGE_SIZE)
    return render(request, "lifecycle/lessons.html", {
        "nav": "lessons", "q": text, "tag": tag, "tags": lessons.tags_in_use(request.user), "page": page,
        "shown": [shown_lesson(x) for x in page.items], "previous_url": previous_url, "next_url": next_url,
    })
