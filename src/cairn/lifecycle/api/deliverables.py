"""API for the scope statement, the deliverables with their review and sign-off, and the
RACI matrix."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn import paging
from cairn.inputs import Input
from cairn.lifecycle import deliverables, raci
from cairn.lifecycle.models import Deliverable
from cairn.workspaces import policy
from cairn.workspaces.models import Project

router = Router(tags=["lifecycle"])


class ScopeOut(Schema):
    in_scope: str
    out_of_scope: str
    updated_by: str | None
    updated_at: dt.datetime | None


class ScopeIn(Input):
    in_scope: str | None = None
    out_of_scope: str | None = None


class LinkedIssueOut(Schema):
    key: str
    title: str
    wbs: str | None


class ReviewItemOut(Schema):
    id: int
    text: str
    done: bool
    done_by: str | None
    done_at: dt.datetime | None


class DeliverableOut(Schema):
    id: int
    ref: str
    name: str
    description: str
    acceptance_criteria: str
    issues: list[LinkedIssueOut]
    review: list[ReviewItemOut]
    done: bool
    signed_off_by: str | None
    signed_off_at: dt.datetime | None
    raci: dict[str, str]
    url: str


class DeliverablePage(Schema):
    items: list[DeliverableOut]
    total: int
    next_cursor: str | None


class DeliverableIn(Input):
    name: str
    description: str = ""
    acceptance_criteria: str = ""
    issues: list[str] = []
    review: list[str] = []


class DeliverablePatch(Input):
    name: str | None = None
    description: str | None = None
    acceptance_criteria: str | None = None
    issues: list[str] | None = None
    review: list[str] | None = None


class ReviewIn(Input):
    done: bool = True


class RaciOut(Schema):
    rows: dict[str, dict[str, str]]


class RaciIn(Input):
    rows: dict[str, dict[str, str | None]]


def deliverable_out(d: Deliverable, wbs: dict[int, str]) -> dict[str, Any]:
    return {"id": d.number, "ref": d.ref, "name": d.name, "description": d.description,
            "acceptance_criteria": d.acceptance_criteria,
            "issues": [{"key": i.key, "title": i.title, "wbs": wbs.get(i.pk)} for i in d.issues.all()],
            "review": [{"id": r.pk, "text": r.text, "done": r.done_at is not None,
                        "done_by": r.done_by.username if r.done_by else None, "done_at": r.done_at}
                       for r in d.review.all()],
            "done": d.done, "signed_off_by": d.signed_off_by.username if d.signed_off_by else None,
            "signed_off_at": d.signed_off_at, "raci": {c.user.username: c.role for c in d.raci.all()},
            "url": f"/projects/{d.project.key}/deliverables/#DL-{d.number}"}


def _fresh(project: Project, number: int) -> dict[str, Any]:
    found = deliverables.register(project).get(number=number)
    return deliverable_out(found, deliverables.wbs_codes(project))


def _deliverable(request: HttpRequest, key: str, deliverable_id: int) -> Deliverable:
    return deliverables.deliverable_by_number(policy.access_project_by_key(request.user, key), deliverable_id)


def _scope_out(project: Project) -> dict[str, Any]:
    found = deliverables.scope(project)
    return {"in_scope": found.in_scope if found else "", "out_of_scope": found.out_of_scope if found else "",
            "updated_by": found.updated_by.username if found and found.updated_by else None,
            "updated_at": found.updated_at if found else None}


@router.get("/projects/{key}/scope", response=ScopeOut, summary="The scope statement")
def get_scope(request: HttpRequest, key: str) -> dict[str, Any]:
    return _scope_out(policy.access_project_by_key(request.user, key))


@router.put("/projects/{key}/scope", response=ScopeOut, summary="Write the scope statement (managers)")
def put_scope(request: HttpRequest, key: str, payload: ScopeIn) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    data = {k: v or "" for k, v in payload.model_dump(exclude_unset=True).items()}
    deliverables.save_record(actor=request.user, project=project, data=data, now=timezone.now())  # type: ignore[arg-type]
    return _scope_out(project)


@router.get("/projects/{key}/deliverables", response=DeliverablePage, summary="The deliverables")
def list_deliverables(request: HttpRequest, key: str, cursor: str | None = None, limit: int = 50) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    page = paging.paginate(deliverables.register(project), cursor=cursor, limit=limit)
    wbs = deliverables.wbs_codes(project)
    return {"items": [deliverable_out(d, wbs) for d in page.items], "total": page.total,
            "next_cursor": page.next_cursor}


@router.post("/projects/{key}/deliverables", response={201: DeliverableOut}, summary="Add a deliverable (managers)")
def add_deliverable(request: HttpRequest, key: str, payload: DeliverableIn):
    project = policy.access_project_by_key(request.user, key)
    made = deliverables.add_deliverable(actor=request.user, project=project,  # type: ignore[arg-type]
                                        data=payload.model_dump(), now=timezone.now())
    return Status(201, _fresh(project, made.number))


@router.get("/projects/{key}/deliverables/{deliverable_id}", response=DeliverableOut, summary="A deliverable")
def get_deliverable(request: HttpRequest, key: str, deliverable_id: int) -> dict[str, Any]:
    found = _deliverable(request, key, deliverable_id)
    return _fresh(found.project, found.number)


@router.patch("/projects/{key}/deliverables/{deliverable_id}", response=DeliverableOut,
              summary="Edit a deliverable (managers)")
def patch_deliverable(request: HttpRequest, key: str, deliverable_id: int, payload: DeliverablePatch) -> dict[str, Any]:
    found = _deliverable(request, key, deliverable_id)
    data = {k: ("" if v is None else v) for k, v in payload.model_dump(exclude_unset=True).items()}
    deliverables.update_deliverable(actor=request.user, deliverable=found, data=data)  # type: ignore[arg-type]
    return _fresh(found.project, found.number)


@router.delete("/projects/{key}/deliverables/{deliverable_id}", response={204: None},
               summary="Remove a deliverable (managers)")
def delete_deliverable(request: HttpRequest, key: str, deliverable_id: int):
    deliverables.remove_deliverable(actor=request.user, deliverable=_deliverable(request, key, deliverable_id))  # type: ignore[arg-type]
    return Status(204, None)


@router.put("/projects/{key}/deliverables/{deliverable_id}/review/{item_id}", response=DeliverableOut,
            summary="Tick or untick a review item (members)")
def mark_review(request: HttpRequest, key: str, deliverable_id: int, item_id: int, payload: ReviewIn) -> dict[str, Any]:
    found = _deliverable(request, key, deliverable_id)
    deliverables.mark_review_item(actor=request.user, deliverable=found, item_id=item_id,  # type: ignore[arg-type]
                                  done=payload.done, now=timezone.now())
    return _fresh(found.project, found.number)


@router.post("/projects/{key}/deliverables/{deliverable_id}/sign-off", response=DeliverableOut,
             summary="Sign a deliverable off (managers; refused while review items are open)")
def sign_off(request: HttpRequest, key: str, deliverable_id: int) -> dict[str, Any]:
    found = _deliverable(request, key, deliverable_id)
    deliverables.sign_off(actor=request.user, deliverable=found, now=timezone.now())  # type: ignore[arg-type]
    return _fresh(found.project, found.number)


@router.delete("/projects/{key}/deliverables/{deliverable_id}/sign-off", response=DeliverableOut,
               summary="Withdraw a deliverable's sign-off (managers)")
def reopen(request: HttpRequest, key: str, deliverable_id: int) -> dict[str, Any]:
    found = _deliverable(request, key, deliverable_id)
    deliverables.reopen(actor=request.user, deliverable=found)  # type: ignore[arg-type]
    return _fresh(found.project, found.number)


def _raci_out(rows: dict[int, dict[str, str]]) -> dict[str, Any]:
    return {"rows": {f"DL-{number}": cells for number, cells in sorted(rows.items())}}


@router.get("/projects/{key}/raci", response=RaciOut, summary="The RACI matrix: deliverable → person → letter")
def get_raci(request: HttpRequest, key: str) -> dict[str, Any]:
    return _raci_out(raci.matrix(policy.access_project_by_key(request.user, key)))


@router.put("/projects/{key}/raci", response=RaciOut,
            summary="Replace rows of the RACI matrix (managers); each row has exactly one Accountable")
def put_raci(request: HttpRequest, key: str, payload: RaciIn) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    rows = {ref.upper().removeprefix("DL-"): cells for ref, cells in payload.rows.items()}
    return _raci_out(raci.set_matrix(actor=request.user, project=project, rows=rows))  # type: ignore[arg-type]
