"""API for releases: scope, progress and date risk, release notes, shipping, and launch
checklists from templates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn import paging
from cairn.inputs import Input
from cairn.product.models import LaunchChecklist, LaunchTask, LaunchTemplate, Release
from cairn.product.services import launches, products, release_notes, releases
from cairn.product.services.releases import Progress

router = Router(tags=["releases"])


class ReleaseScopeItemOut(Schema):
    key: str
    title: str
    type: str
    status: str
    category: str
    done: bool
    estimate_hours: float | None
    finish: dt.date | None


class ReleaseRiskOut(Schema):
    level: str
    label: str
    reason: str


class ReleaseOut(Schema):
    id: int
    name: str
    description: str
    target_date: dt.date | None
    status: str
    shipped_at: dt.datetime | None
    done: int
    total: int
    progress: float
    progress_by_estimate: float | None
    done_hours: float | None
    total_hours: float | None
    risk: ReleaseRiskOut
    features: list[int]
    notes_generated_at: dt.datetime | None
    url: str


class ReleaseDetail(ReleaseOut):
    scope: list[ReleaseScopeItemOut]
    notes: str


class ReleasePage(Schema):
    items: list[ReleaseOut]
    total: int
    next_cursor: str | None


class ReleaseIn(Input):
    name: str
    description: str = ""
    target_date: str | None = None
    status: str = "planned"


class ReleasePatch(Input):
    name: str | None = None
    description: str | None = None
    target_date: str | None = None
    status: str | None = None


class ReleaseNotesOut(Schema):
    notes: str
    notes_generated_at: dt.datetime | None
    html: str


class ReleaseNotesIn(Input):
    notes: str


class LaunchTaskOut(Schema):
    id: int
    title: str
    offset_days: int
    due_date: dt.date | None
    overdue: bool
    assignee: str | None
    done: bool
    done_at: dt.datetime | None
    done_by: str | None


class LaunchChecklistOut(Schema):
    id: int
    name: str
    category: str
    tasks: list[LaunchTaskOut]


class LaunchChecklistIn(Input):
    template: int


class LaunchTaskIn(Input):
    title: str
    offset_days: int = 0
    assignee: str | None = None


class LaunchTaskPatch(Input):
    title: str | None = None
    offset_days: int | None = None
    assignee: str | None = None
    done: bool | None = None


class LaunchTemplateItem(Schema):
    title: str
    days: int


class LaunchTemplateOut(Schema):
    id: int
    name: str
    category: str
    items: list[LaunchTemplateItem]


class LaunchTemplatePut(Input):
    name: str | None = None
    category: str | None = None
    items: list[dict[str, Any]] | None = None


class ReleaseFeatureOut(Schema):
    id: int
    release: int | None


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def release_out(release: Release, made: Progress, features: list[int]) -> dict[str, Any]:
    return {
        "id": release.pk, "name": release.name, "description": release.description,
        "target_date": release.target_date, "status": release.status, "shipped_at": release.shipped_at,
        "done": made.done, "total": made.total, "progress": round(made.share, 4),
        "progress_by_estimate": None if made.share_by_estimate is None else round(made.share_by_estimate, 4),
        "done_hours": _number(made.done_hours), "total_hours": _number(made.total_hours),
        "risk": {"level": made.risk.level.value, "label": made.risk.level.label, "reason": made.risk.reason},
        "features": features, "notes_generated_at": release.notes_generated_at,
        "url": f"/products/{release.product_id}/releases/{release.pk}/",
    }


def release_detail(request: HttpRequest, release: Release) -> dict[str, Any]:
    made = releases.progress(request.user, release, timezone.now())
    body = release_out(release, made, [f.pk for f in releases.features_of(request.user, release)])
    body["scope"] = [{"key": w.key, "title": w.title, "type": w.type, "status": w.status, "category": w.category,
                      "done": w.done, "estimate_hours": _number(w.estimate_hours), "finish": w.finish}
                     for w in made.scope]
    body["notes"] = release.notes
    return body


def _release(request: HttpRequest, product_id: int, release_id: int) -> Release:
    return releases.release_for(request.user, products.product_for(request.user, product_id), release_id)


@router.get("/products/{product_id}/releases", response=ReleasePage, summary="A product's releases with progress and risk")
def list_releases(request: HttpRequest, product_id: int, cursor: str | None = None, limit: int = 50) -> Any:
    product = products.product_for(request.user, product_id)
    page = paging.paginate(releases.releases_of(request.user, product), cursor=cursor, limit=limit)
    made = releases.progress_of(request.user, page.items, timezone.now())
    features: dict[int, list[int]] = {r.pk: [] for r in page.items}
    for release_id, feature_id in product.features.filter(release__in=page.items).values_list("release_id", "id"):
        features[release_id].append(feature_id)
    return {"items": [release_out(r, made[r.pk], features[r.pk]) for r in page.items], "total": page.total,
            "next_cursor": page.next_cursor}


@router.post("/products/{product_id}/releases", response={201: ReleaseDetail}, summary="Create a release (managers)")
def create_release(request: HttpRequest, product_id: int, payload: ReleaseIn) -> Any:
    product = products.product_for(request.user, product_id)
    release = releases.create_release(actor=request.user, product=product, now=timezone.now(),  # type: ignore[arg-type]
                                      **payload.model_dump())
    return Status(201, release_detail(request, release))


@router.get("/products/{product_id}/releases/{release_id}", response=ReleaseDetail,
            summary="A release: its scope, progress, date risk and notes")
def get_release(request: HttpRequest, product_id: int, release_id: int) -> Any:
    return release_detail(request, _release(request, product_id, release_id))


@router.patch("/products/{product_id}/releases/{release_id}", response=ReleaseDetail,
              summary="Change a release's name, description, target date or status")
def update_release(request: HttpRequest, product_id: int, release_id: int, payload: ReleasePatch) -> Any:
    release = _release(request, product_id, release_id)
    releases.update_release(actor=request.user, release=release,  # type: ignore[arg-type]
                            fields=payload.model_dump(exclude_unset=True))
    return release_detail(request, release)


@router.delete("/products/{product_id}/releases/{release_id}", response={204: None}, summary="Delete a release")
def delete_release(request: HttpRequest, product_id: int, release_id: int) -> Any:
    releases.delete_release(actor=request.user, release=_release(request, product_id, release_id))  # type: ignore[arg-type]
    return Status(204, None)


@router.put("/products/{product_id}/releases/{release_id}/issues/{issue_key}", response=ReleaseDetail,
            summary="Add an issue to a release's scope")
def add_issue(request: HttpRequest, product_id: int, release_id: int, issue_key: str) -> Any:
    release = _release(request, product_id, release_id)
    releases.add_issue(actor=request.user, release=release, key=issue_key)  # type: ignore[arg-type]
    return release_detail(request, release)


@router.delete("/products/{product_id}/releases/{release_id}/issues/{issue_key}", response={204: None},
               summary="Take an issue out of a release's scope")
def remove_issue(request: HttpRequest, product_id: int, release_id: int, issue_key: str) -> Any:
    release = _release(request, product_id, release_id)
    releases.remove_issue(actor=request.user, release=release, key=issue_key)  # type: ignore[arg-type]
    return Status(204, None)


@router.put("/products/{product_id}/releases/{release_id}/features/{feature_id}", response=ReleaseFeatureOut,
            summary="Put a feature in a release (its issue joins the scope)")
def add_feature(request: HttpRequest, product_id: int, release_id: int, feature_id: int) -> Any:
    release = _release(request, product_id, release_id)
    feature = releases.feature_for(request.user, release.product, feature_id)
    releases.set_feature_release(actor=request.user, feature=feature, release=release,  # type: ignore[arg-type]
                                 now=timezone.now())
    return {"id": feature.pk, "release": release.pk}


@router.delete("/products/{product_id}/releases/{release_id}/features/{feature_id}", response={204: None},
               summary="Take a feature out of a release")
def remove_feature(request: HttpRequest, product_id: int, release_id: int, feature_id: int) -> Any:
    release = _release(request, product_id, release_id)
    feature = releases.feature_for(request.user, release.product, feature_id)
    if feature.release_id == release.pk:
        releases.set_feature_release(actor=request.user, feature=feature, release=None,  # type: ignore[arg-type]
                                     now=timezone.now())
    return Status(204, None)


def notes_out(release: Release) -> dict[str, Any]:
    from cairn.markup import render

    return {"notes": release.notes, "notes_generated_at": release.notes_generated_at, "html": render(release.notes)}


@router.post("/products/{product_id}/releases/{release_id}/notes/generate", response=ReleaseNotesOut,
             summary="Generate the release notes from the done issues (409 when notes exist, unless ?overwrite=true)")
def generate_notes(request: HttpRequest, product_id: int, release_id: int, overwrite: bool = False) -> Any:
    release = _release(request, product_id, release_id)
    release_notes.generate_notes(actor=request.user, release=release, now=timezone.now(),  # type: ignore[arg-type]
                                 overwrite=overwrite)
    return notes_out(release)


@router.put("/products/{product_id}/releases/{release_id}/notes", response=ReleaseNotesOut,
            summary="Write the release notes (Markdown)")
def set_notes(request: HttpRequest, product_id: int, release_id: int, payload: ReleaseNotesIn) -> Any:
    release = _release(request, product_id, release_id)
    release_notes.set_notes(actor=request.user, release=release, notes=payload.notes)  # type: ignore[arg-type]
    return notes_out(release)


def download(name: str, content: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.get("/products/{product_id}/releases/{release_id}/notes.md", summary="The release notes as Markdown",
            openapi_extra={"responses": {200: {"description": "The notes as a Markdown file",
                                               "content": {"text/markdown": {"schema": {"type": "string"}}}}}})
def notes_markdown(request: HttpRequest, product_id: int, release_id: int) -> HttpResponse:
    name, content = release_notes.markdown_file(_release(request, product_id, release_id))
    return download(name, content, "text/markdown; charset=utf-8")


@router.get("/products/{product_id}/releases/{release_id}/notes.html", summary="The release notes as a web page",
            openapi_extra={"responses": {200: {"description": "The notes as a standalone HTML page",
                                               "content": {"text/html": {"schema": {"type": "string"}}}}}})
def notes_html(request: HttpRequest, product_id: int, release_id: int) -> HttpResponse:
    name, content = release_notes.html_file(_release(request, product_id, release_id))
    return download(name, content, "text/html; charset=utf-8")


@router.post("/products/{product_id}/releases/{release_id}/ship", response=ReleaseDetail,
             summary="Ship a release: it and its features are marked shipped (409 when shipped already)")
def ship(request: HttpRequest, product_id: int, release_id: int) -> Any:
    release = _release(request, product_id, release_id)
    releases.ship(actor=request.user, release=release, now=timezone.now())  # type: ignore[arg-type]
    return release_detail(request, release)


# Launch checklists

def task_out(task: LaunchTask, release: Release, today: dt.date) -> dict[str, Any]:
    return {
        "id": task.pk, "title": task.title, "offset_days": task.offset_days,
        "due_date": launches.due_date(task, release), "overdue": launches.overdue(task, release, today),
        "assignee": task.assignee.username if task.assignee else None, "done": task.done_at is not None,
        "done_at": task.done_at, "done_by": task.done_by.username if task.done_by else None,
    }


def checklist_out(checklist: LaunchChecklist, release: Release) -> dict[str, Any]:
    today = timezone.localdate()
    return {"id": checklist.pk, "name": checklist.name, "category": checklist.category,
            "tasks": [task_out(t, release, today) for t in checklist.tasks.all()]}


@router.get("/products/{product_id}/releases/{release_id}/checklists", response=list[LaunchChecklistOut],
            summary="A release's launch checklists and their tasks")
def list_checklists(request: HttpRequest, product_id: int, release_id: int) -> Any:
    release = _release(request, product_id, release_id)
    return [checklist_out(c, release) for c in launches.checklists_of(request.user, release)]


@router.post("/products/{product_id}/releases/{release_id}/checklists", response={201: LaunchChecklistOut},
             summary="Start a launch checklist on a release from a template")
def start_checklist(request: HttpRequest, product_id: int, release_id: int, payload: LaunchChecklistIn) -> Any:
    release = _release(request, product_id, release_id)
    checklist = launches.start_checklist(actor=request.user, release=release,  # type: ignore[arg-type]
                                         template_id=payload.template)
    return Status(201, checklist_out(checklist, release))


@router.post("/products/{product_id}/launch-checklists/{checklist_id}/tasks", response={201: LaunchTaskOut},
             summary="Add a task to a launch checklist")
def add_task(request: HttpRequest, product_id: int, checklist_id: int, payload: LaunchTaskIn) -> Any:
    checklist = launches.checklist_for(request.user, products.product_for(request.user, product_id), checklist_id)
    task = launches.add_task(actor=request.user, checklist=checklist, **payload.model_dump())  # type: ignore[arg-type]
    return Status(201, task_out(task, checklist.release, timezone.localdate()))


@router.patch("/products/{product_id}/launch-tasks/{task_id}", response=LaunchTaskOut,
              summary="Change, assign or tick a launch task")
def update_task(request: HttpRequest, product_id: int, task_id: int, payload: LaunchTaskPatch) -> Any:
    task = launches.task_for(request.user, products.product_for(request.user, product_id), task_id)
    launches.update_task(actor=request.user, task=task, fields=payload.model_dump(exclude_unset=True),  # type: ignore[arg-type]
                         now=timezone.now())
    return task_out(task, task.checklist.release, timezone.localdate())


@router.delete("/products/{product_id}/launch-tasks/{task_id}", response={204: None}, summary="Delete a launch task")
def delete_task(request: HttpRequest, product_id: int, task_id: int) -> Any:
    task = launches.task_for(request.user, products.product_for(request.user, product_id), task_id)
    launches.delete_task(actor=request.user, task=task)  # type: ignore[arg-type]
    return Status(204, None)


def template_out(template: LaunchTemplate) -> dict[str, Any]:
    return {"id": template.pk, "name": template.name, "category": template.category, "items": template.items}


@router.get("/products/{product_id}/launch-templates", response=list[LaunchTemplateOut],
            summary="The workspace's launch checklist templates")
def list_templates(request: HttpRequest, product_id: int) -> Any:
    product = products.product_for(request.user, product_id)
    return [template_out(t) for t in launches.templates_for(request.user, product)]


@router.get("/products/{product_id}/launch-templates/{template_id}", response=LaunchTemplateOut,
            summary="A launch checklist template")
def get_template(request: HttpRequest, product_id: int, template_id: int) -> Any:
    product = products.product_for(request.user, product_id)
    return template_out(launches.template_for(request.user, product, template_id))


@router.put("/products/{product_id}/launch-templates/{template_id}", response=LaunchTemplateOut,
            summary="Change a launch checklist template (managers)")
def update_template(request: HttpRequest, product_id: int, template_id: int, payload: LaunchTemplatePut) -> Any:
    product = products.product_for(request.user, product_id)
    template = launches.template_for(request.user, product, template_id)
    launches.update_template(actor=request.user, product=product, template=template,  # type: ignore[arg-type]
                             fields=payload.model_dump(exclude_unset=True))
    return template_out(template)
