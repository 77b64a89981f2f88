"""API for research notes, their insights, and the evidence behind ideas and features."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn import paging
from cairn.errors import NotFound
from cairn.inputs import Input
from cairn.product.models import Feature, Idea, Insight, ResearchNote
from cairn.product.services import products, research

router = Router(tags=["research"])


class InsightOut(Schema):
    id: int
    note_id: int
    note_title: str
    passage: str
    start: int
    end: int
    # False when the note was edited since and the offsets no longer point at the passage.
    current: bool
    summary: str
    ideas: list[int]
    features: list[int]
    created_by: str | None
    created_at: dt.datetime


class NoteOut(Schema):
    id: int
    title: str
    kind: str
    participant: str
    held_on: dt.date | None
    body: str
    author: str | None
    created_at: dt.datetime
    insights: list[InsightOut]
    url: str


class NoteSummary(Schema):
    id: int
    title: str
    kind: str
    participant: str
    held_on: dt.date | None
    author: str | None
    insight_count: int
    url: str


class NotePage(Schema):
    items: list[NoteSummary]
    total: int
    next_cursor: str | None


class EvidenceOut(Schema):
    items: list[InsightOut]
    total: int


class NoteIn(Input):
    title: str
    kind: str = "interview"
    participant: str = ""
    held_on: dt.date | None = None
    body: str = ""


class NotePatch(Input):
    title: str | None = None
    kind: str | None = None
    participant: str | None = None
    held_on: dt.date | None = None
    body: str | None = None


class InsightIn(Input):
    start: int
    end: int
    summary: str = ""
    ideas: list[int] = []
    features: list[int] = []


class InsightPatch(Input):
    summary: str | None = None
    ideas: list[int] | None = None
    features: list[int] | None = None


def insight_out(insight: Insight, note: ResearchNote) -> InsightOut:
    return InsightOut(
        id=insight.pk, note_id=note.pk, note_title=note.title, passage=insight.passage, start=insight.start,
        end=insight.end, current=research.is_current(insight, note.body), summary=insight.summary,
        ideas=sorted(i.pk for i in insight.ideas.all()), features=sorted(f.pk for f in insight.features.all()),
        created_by=insight.created_by.username if insight.created_by else None, created_at=insight.created_at,
    )


def note_out(note: ResearchNote) -> NoteOut:
    return NoteOut(
        id=note.pk, title=note.title, kind=note.kind, participant=note.participant, held_on=note.held_on,
        body=note.body, author=note.author.username if note.author else None, created_at=note.created_at,
        insights=[insight_out(i, note) for i in research.insights_of(note)],
        url=f"/products/{note.product_id}/research/{note.pk}/",
    )


def _note(request: HttpRequest, product_id: int, note_id: int) -> ResearchNote:
    return research.note_for(request.user, products.product_for(request.user, product_id), note_id)


def _insight(request: HttpRequest, product_id: int, insight_id: int) -> Insight:
    return research.insight_for(request.user, products.product_for(request.user, product_id), insight_id)


@router.get("/products/{product_id}/research", response=NotePage, summary="A product's research notes")
def list_notes(request: HttpRequest, product_id: int, cursor: str | None = None, limit: int = 50) -> Any:
    product = products.product_for(request.user, product_id)
    page = paging.paginate(research.notes_of(request.user, product), cursor=cursor, limit=limit)
    return {"items": [NoteSummary(id=n.pk, title=n.title, kind=n.kind, participant=n.participant,
                                  held_on=n.held_on, author=n.author.username if n.author else None,
                                  insight_count=getattr(n, "insight_count", 0),
                                  url=f"/products/{product.pk}/research/{n.pk}/") for n in page.items],
            "total": page.total, "next_cursor": page.next_cursor}


@router.post("/products/{product_id}/research", response={201: NoteOut}, summary="Write a research note (members)")
def create_note(request: HttpRequest, product_id: int, payload: NoteIn) -> Any:
    product = products.product_for(request.user, product_id)
    note = research.create_note(actor=request.user, product=product, now=timezone.now(),  # type: ignore[arg-type]
                                **payload.model_dump())
    return Status(201, note_out(note))


@router.get("/products/{product_id}/research/{note_id}", response=NoteOut,
            summary="A research note with its insights")
def get_note(request: HttpRequest, product_id: int, note_id: int) -> Any:
    return note_out(_note(request, product_id, note_id))


@router.patch("/products/{product_id}/research/{note_id}", response=NoteOut,
              summary="Change a research note (members); its insights keep their passages")
def update_note(request: HttpRequest, product_id: int, note_id: int, payload: NotePatch) -> Any:
    note = _note(request, product_id, note_id)
    research.update_note(actor=request.user, note=note,  # type: ignore[arg-type]
                         fields=payload.model_dump(exclude_unset=True))
    return note_out(note)


@router.delete("/products/{product_id}/research/{note_id}", response={204: None},
               summary="Delete a research note and its insights (members)")
def delete_note(request: HttpRequest, product_id: int, note_id: int) -> Any:
    research.delete_note(actor=request.user, note=_note(request, product_id, note_id))  # type: ignore[arg-type]
    return Status(204, None)


@router.post("/products/{product_id}/research/{note_id}/insights", response={201: InsightOut},
             summary="Make the passage between two offsets of the note's body an insight (members)")
def create_insight(request: HttpRequest, product_id: int, note_id: int, payload: InsightIn) -> Any:
    note = _note(request, product_id, note_id)
    insight = research.highlight(actor=request.user, note=note, now=timezone.now(),  # type: ignore[arg-type]
                                 **payload.model_dump())
    return Status(201, insight_out(insight, note))


@router.patch("/products/{product_id}/insights/{insight_id}", response=InsightOut,
              summary="Change an insight's summary or the ideas and features it is linked to (members)")
def update_insight(request: HttpRequest, product_id: int, insight_id: int, payload: InsightPatch) -> Any:
    insight = _insight(request, product_id, insight_id)
    research.update_insight(actor=request.user, insight=insight,  # type: ignore[arg-type]
                            fields=payload.model_dump(exclude_unset=True))
    return insight_out(research.insight_for(request.user, insight.note.product, insight.pk), insight.note)


@router.delete("/products/{product_id}/insights/{insight_id}", response={204: None},
               summary="Delete an insight (members)")
def delete_insight(request: HttpRequest, product_id: int, insight_id: int) -> Any:
    research.delete_insight(actor=request.user,  # type: ignore[arg-type]
                            insight=_insight(request, product_id, insight_id))
    return Status(204, None)


@router.get("/products/{product_id}/features/{feature_id}/evidence", response=EvidenceOut,
            summary="The insights behind a feature, with their notes")
def feature_evidence(request: HttpRequest, product_id: int, feature_id: int) -> Any:
    product = products.product_for(request.user, product_id)
    feature = Feature.objects.filter(product=product, pk=feature_id).first()
    if feature is None:
        raise NotFound(f"No feature {feature_id} in this product")
    return _evidence(research.evidence_for_feature(feature))


@router.get("/products/{product_id}/ideas/{idea_id}/evidence", response=EvidenceOut,
            summary="The insights behind an idea, with their notes")
def idea_evidence(request: HttpRequest, product_id: int, idea_id: int) -> Any:
    product = products.product_for(request.user, product_id)
    idea = Idea.objects.filter(product=product, pk=idea_id).first()
    if idea is None:
        raise NotFound(f"No idea {idea_id} in this product")
    return _evidence(research.evidence_for_idea(idea))


def _evidence(insights: list[Insight]) -> EvidenceOut:
    return EvidenceOut(items=[insight_out(i, i.note) for i in insights], total=len(insights))
