"""API for saved filters: an issue list's query kept under a name, yours or shared."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status

from cairn.inputs import Input
from cairn.tracker import saved_filters
from cairn.tracker.models import SavedFilter
from cairn.workspaces import policy

router = Router(tags=["saved filters"])


class SavedFilterIn(Input):
    name: str
    query: str = ""
    shared: bool = False


class SavedFilterPatch(Input):
    name: str | None = None
    query: str | None = None
    shared: bool | None = None


class SavedFilterOut(Schema):
    id: int
    name: str
    query: str
    shared: bool
    owner: str
    url: str


def saved_filter_out(saved: SavedFilter, key: str) -> SavedFilterOut:
    return SavedFilterOut(
        id=saved.pk, name=saved.name, query=saved.query, shared=saved.shared, owner=saved.owner.username,
        url=f"/projects/{key}/issues/?{saved.query}",
    )


@router.get("/projects/{key}/filters", response=list[SavedFilterOut],
            summary="Your saved filters and those shared with the project")
def list_filters(request: HttpRequest, key: str) -> list[SavedFilterOut]:
    project = policy.access_project_by_key(request.user, key)
    return [saved_filter_out(f, project.key) for f in saved_filters.filters_for(request.user, project)]


@router.post("/projects/{key}/filters", response={200: SavedFilterOut, 201: SavedFilterOut},
             summary="Save a filter (replaces yours of the same name; sharing takes a role that edits issues)")
def save_filter(request: HttpRequest, key: str, payload: SavedFilterIn) -> Any:
    project = policy.access_project_by_key(request.user, key)
    saved, created = saved_filters.save_filter(actor=request.user, project=project, name=payload.name,  # type: ignore[arg-type]
                                               query=payload.query, shared=payload.shared)
    return Status(201 if created else 200, saved_filter_out(saved, project.key))


@router.patch("/projects/{key}/filters/{filter_id}", response=SavedFilterOut, summary="Rename, change or (un)share your filter")
def update_filter(request: HttpRequest, key: str, filter_id: int, payload: SavedFilterPatch) -> SavedFilterOut:
    project = policy.access_project_by_key(request.user, key)
    saved = saved_filters.filter_of(request.user, project, filter_id)
    saved = saved_filters.update_filter(actor=request.user, saved=saved, name=payload.name,  # type: ignore[arg-type]
                                        query=payload.query, shared=payload.shared)
    return saved_filter_out(saved, project.key)


@router.delete("/projects/{key}/filters/{filter_id}", response={204: None},
               summary="Delete your filter (or, as a project manager, a shared one)")
def delete_filter(request: HttpRequest, key: str, filter_id: int) -> HttpResponse | Any:
    project = policy.access_project_by_key(request.user, key)
    saved = saved_filters.filter_of(request.user, project, filter_id)
    saved_filters.delete_filter(actor=request.user, saved=saved)  # type: ignore[arg-type]
    return Status(204, None)
