"""API for closure: hand-over notes, lessons learned (per project and searched across
projects) and the post-project report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn import paging
from cairn.inputs import Input
from cairn.lifecycle import closure, deliverables, gates, lessons
from cairn.lifecycle.models import Lesson
from cairn.workspaces import policy

router = Router(tags=["lifecycle"])


class HandoverOut(Schema):
    handover: str
    updated_by: str | None
    updated_at: dt.datetime | None


class HandoverIn(Input):
    handover: str


class LessonOut(Schema):
    id: int
    project: str
    title: str
    went_well: str
    went_badly: str
    recommendation: str
    tags: list[str]
    author: str | None
    created_at: dt.datetime
    url: str


class LessonPage(Schema):
    items: list[LessonOut]
    total: int
    next_cursor: str | None


class LessonIn(Input):
    title: str
    went_well: str = ""
    went_badly: str = ""
    recommendation: str = ""
    tags: list[str] = []


class LessonPatch(Input):
    title: str | None = None
    went_well: str | None = None
    went_badly: str | None = None
    recommendation: str | None = None
    tags: list[str] | None = None


class DatesOut(Schema):
    label: str
    planned_start: dt.date | None
    planned_finish: dt.date | None
    actual_start: dt.date | None
    actual_finish: dt.date | None
    slip_days: int | None


class ScopeFiguresOut(Schema):
    deliverables: int
    signed_off: list[str]
    not_signed_off: list[str]
    issues_added_after_baseline: int
    added_issues: list[str]


class ReportOut(Schema):
    project: str
    phase: str
    closed_at: dt.datetime | None
    baseline: str | None
    dates: DatesOut
    elements: list[DatesOut]
    scope: ScopeFiguresOut
    charter_budget: Decimal | None
    lessons: int
    cost_url: str
    url: str


def lesson_out(lesson: Lesson) -> dict[str, Any]:
    return {"id": lesson.pk, "project": lesson.project.key, "title": lesson.title, "went_well": lesson.went_well,
            "went_badly": lesson.went_badly, "recommendation": lesson.recommendation, "tags": lesson.tag_list,
            "author": lesson.author.username if lesson.author else None, "created_at": lesson.created_at,
            "url": f"/projects/{lesson.project.key}/closure/#lesson-{lesson.pk}"}


def _dates_out(d: closure.Dates) -> dict[str, Any]:
    return {"label": d.label, "planned_start": d.planned_start, "planned_finish": d.planned_finish,
            "actual_start": d.actual_start, "actual_finish": d.actual_finish, "slip_days": d.slip_days}


@router.get("/projects/{key}/handover", response=HandoverOut, summary="The hand-over notes")
def get_handover(request: HttpRequest, key: str) -> dict[str, Any]:
    found = deliverables.scope(policy.access_project_by_key(request.user, key))
    return {"handover": found.handover if found else "", "updated_at": found.updated_at if found else None,
            "updated_by": found.updated_by.username if found and found.updated_by else None}


@router.put("/projects/{key}/handover", response=HandoverOut, summary="Write the hand-over notes (managers)")
def put_handover(request: HttpRequest, key: str, payload: HandoverIn) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    deliverables.save_record(actor=request.user, project=project,  # type: ignore[arg-type]
                             data={"handover": payload.handover}, now=timezone.now())
    return get_handover(request, key)


@router.get("/lessons", response=LessonPage, summary="Lessons learned across every project you can see")
def search_lessons(request: HttpRequest, q: str = "", tag: str = "", cursor: str | None = None,
                   limit: int = 50) -> dict[str, Any]:
    page = paging.paginate(lessons.search(request.user, text=q, tag=tag), cursor=cursor, limit=limit)
    return {"items": [lesson_out(x) for x in page.items], "total": page.total, "next_cursor": page.next_cursor}


@router.get("/projects/{key}/lessons", response=LessonPage, summary="A project's lessons learned")
def list_lessons(request: HttpRequest, key: str, cursor: str | None = None, limit: int = 50) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    page = paging.paginate(lessons.of_project(project), cursor=cursor, limit=limit)
    return {"items": [lesson_out(x) for x in page.items], "total": page.total, "next_cursor": page.next_cursor}


@router.post("/projects/{key}/lessons", response={201: LessonOut}, summary="Record a lesson learned (members)")
def add_lesson(request: HttpRequest, key: str, payload: LessonIn):
    project = policy.access_project_by_key(request.user, key)
    made = lessons.add_lesson(actor=request.user, project=project, data=payload.model_dump(),  # type: ignore[arg-type]
                              now=timezone.now())
    return Status(201, lesson_out(made))


@router.patch("/projects/{key}/lessons/{lesson_id}", response=LessonOut,
              summary="Edit a lesson (its author or a manager)")
def patch_lesson(request: HttpRequest, key: str, lesson_id: int, payload: LessonPatch) -> dict[str, Any]:
    found = lessons.lesson_by_id(policy.access_project_by_key(request.user, key), lesson_id)
    data = {k: ("" if v is None else v) for k, v in payload.model_dump(exclude_unset=True).items()}
    return lesson_out(lessons.update_lesson(actor=request.user, lesson=found, data=data))  # type: ignore[arg-type]


@router.delete("/projects/{key}/lessons/{lesson_id}", response={204: None},
               summary="Remove a lesson (its author or a manager)")
def delete_lesson(request: HttpRequest, key: str, lesson_id: int):
    found = lessons.lesson_by_id(policy.access_project_by_key(request.user, key), lesson_id)
    lessons.remove_lesson(actor=request.user, lesson=found)  # type: ignore[arg-type]
    return Status(204, None)


@router.get("/projects/{key}/post-project-report", response=ReportOut,
            summary="Planned against actual dates and scope; cost is at the budget and earned-value routes")
def get_report(request: HttpRequest, key: str) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    found = closure.report(project)
    return {"project": project.key, "phase": gates.phase_of(project).value, "closed_at": found.closed_at,
            "baseline": found.baseline.name if found.baseline else None, "dates": _dates_out(found.overall),
            "elements": [_dates_out(d) for d in found.elements],
            "scope": {"deliverables": found.sign_off.total, "signed_off": [d.ref for d in found.sign_off.signed],
                      "not_signed_off": [d.ref for d in found.sign_off.open],
                      "issues_added_after_baseline": found.added_after_baseline,
                      "added_issues": [i.key for i in found.added_listed]},
            "charter_budget": found.budget, "lessons": found.lessons,
            "cost_url": f"/api/v1/projects/{project.key}/earned-value",
            "url": f"/projects/{project.key}/closure/report/"}
