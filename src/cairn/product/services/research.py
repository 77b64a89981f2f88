"""Use cases on research: notes of interviews, surveys and tests, written by members,
and insights — passages highlighted in a note and linked to the ideas and features they
are evidence for.

An insight keeps the passage as it was highlighted: when the note is edited later its
offsets may no longer point at that text (`is_current` says whether they still do), but
the evidence itself never changes under a feature.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Invalid, NotFound
from cairn.product.models import Feature, Idea, Insight, Product, ResearchKind, ResearchNote
from cairn.product.services import products
from cairn.workspaces import policy

Action = policy.Action
NOTE_FIELDS = {"title", "kind", "participant", "held_on", "body"}
MAX_TITLE = 200
MAX_BODY = 200_000
MAX_SUMMARY = 200


@dataclass(frozen=True)
class Segment:
    """A run of a note's body: plain text, or the passage of an insight."""

    text: str
    insight: Insight | None = None


# Notes ---------------------------------------------------------------------------------

def notes_of(actor: User | Any, product: Product) -> QuerySet[ResearchNote]:
    products.require(actor, Action.VIEW, product)
    return (ResearchNote.objects.filter(product=product).select_related("author")
            .annotate(insight_count=Count("insights")))


def note_for(actor: User | Any, product: Product, note_id: Any) -> ResearchNote:
    found = notes_of(actor, product).filter(pk=_id(note_id)).first()
    if found is None:
        raise NotFound(f"No research note {note_id} in this product")
    return found


def create_note(*, actor: User, product: Product, title: Any, now: datetime, kind: Any = ResearchKind.INTERVIEW,
                participant: Any = "", held_on: Any = None, body: Any = "") -> ResearchNote:
    products.require(actor, Action.EDIT_ISSUES, product)
    note = ResearchNote(product=product, author=actor, created_at=now)
    _apply_note(note, {"title": title, "kind": kind, "participant": participant, "held_on": held_on, "body": body})
    note.save()
    return note


def update_note(*, actor: User, note: ResearchNote, fields: dict[str, Any]) -> ResearchNote:
    products.require(actor, Action.EDIT_ISSUES, note.product)
    _apply_note(note, fields)
    note.save()
    return note


def delete_note(*, actor: User, note: ResearchNote) -> None:
    products.require(actor, Action.EDIT_ISSUES, note.product)
    note.delete()


def _apply_note(note: ResearchNote, fields: dict[str, Any]) -> None:
    unknown = set(fields) - NOTE_FIELDS
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of a research note")
    if "title" in fields:
        note.title = values.text(fields["title"], "title", max_length=MAX_TITLE, required=True)
    if "kind" in fields:
        if fields["kind"] not in ResearchKind.values:
            raise Invalid.field("kind", f"must be one of {', '.join(ResearchKind.values)}")
        note.kind = fields["kind"]
    if "participant" in fields:
        note.participant = values.text(fields["participant"], "participant", max_length=200)
    if "held_on" in fields:
        note.held_on = values.date(fields["held_on"], "held_on")
    if "body" in fields:
        note.body = plain_lines(values.text(fields["body"], "body", max_length=MAX_BODY, strip=False))


def plain_lines(text: str) -> str:
    """Line ends as a browser counts them: a form sends CR LF, but the page's text (and
    so a selection's offsets) has LF alone."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Insights ------------------------------------------------------------------------------

def insights_of(note: ResearchNote) -> QuerySet[Insight]:
    return Insight.objects.filter(note=note).prefetch_related("ideas", "features").select_related("created_by")


def insight_for(actor: User | Any, product: Product, insight_id: Any) -> Insight:
    products.require(actor, Action.VIEW, product)
    found = (Insight.objects.filter(note__product=product, pk=_id(insight_id))
             .select_related("note").prefetch_related("ideas", "features").first())
    if found is None:
        raise NotFound(f"No insight {insight_id} in this product")
    return found


def highlight(*, actor: User, note: ResearchNote, start: Any, end: Any, now: datetime, summary: Any = "",
              ideas: Any = (), features: Any = ()) -> Insight:
    """The passage of the body between the offsets (characters, end excluded) becomes an
    insight linked to ideas and features of the note's product."""
    products.require(actor, Action.EDIT_ISSUES, note.product)
    first = values.whole_number(start, "start")
    last = values.whole_number(end, "end")
    if last > len(note.body):
        raise Invalid.field("end", f"is past the end of the note ({len(note.body):,} characters)")
    if last <= first:
        raise Invalid.field("end", "must be after the start: select a passage")
    passage = note.body[first:last]
    if not passage.strip():
        raise Invalid.field("start", "the selection is only blank space")
    linked_ideas, linked_features = _ideas(note.product, ideas), _features(note.product, features)
    with transaction.atomic():
        insight = Insight.objects.create(
            note=note, passage=passage, start=first, end=last, created_by=actor, created_at=now,
            summary=values.text(summary, "summary", max_length=MAX_SUMMARY))
        insight.ideas.set(linked_ideas)
        insight.features.set(linked_features)
    return insight


def update_insight(*, actor: User, insight: Insight, fields: dict[str, Any]) -> Insight:
    """Changes the summary, or sets the linked ideas and features (lists of ids)."""
    product = insight.note.product
    products.require(actor, Action.EDIT_ISSUES, product)
    unknown = set(fields) - {"summary", "ideas", "features"}
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of an insight")
    linked_ideas = _ideas(product, fields["ideas"]) if "ideas" in fields else None
    linked_features = _features(product, fields["features"]) if "features" in fields else None
    with transaction.atomic():
        if "summary" in fields:
            insight.summary = values.text(fields["summary"], "summary", max_length=MAX_SUMMARY)
            insight.save(update_fields=["summary"])
        if linked_ideas is not None:
            insight.ideas.set(linked_ideas)
        if linked_features is not None:
            insight.features.set(linked_features)
    return insight


def link(*, actor: User, insight: Insight, ideas: Any = (), features: Any = ()) -> Insight:
    product = insight.note.product
    products.require(actor, Action.EDIT_ISSUES, product)
    insight.ideas.add(*_ideas(product, ideas))
    insight.features.add(*_features(product, features))
    return insight


def unlink(*, actor: User, insight: Insight, ideas: Any = (), features: Any = ()) -> Insight:
    product = insight.note.product
    products.require(actor, Action.EDIT_ISSUES, product)
    insight.ideas.remove(*_ideas(product, ideas))
    insight.features.remove(*_features(product, features))
    return insight


def delete_insight(*, actor: User, insight: Insight) -> None:
    products.require(actor, Action.EDIT_ISSUES, insight.note.product)
    insight.delete()


def is_current(insight: Insight, body: str) -> bool:
    """Whether the offsets still point at the passage in this body."""
    return body[insight.start:insight.end] == insight.passage


def segments(note: ResearchNote, insights: list[Insight]) -> list[Segment]:
    """The body cut at the insights whose offsets still hold, for highlighting; a
    passage overlapping an earlier one is not highlighted a second time."""
    runs: list[Segment] = []
    at = 0
    for insight in sorted(insights, key=lambda i: (i.start, i.end)):
        if insight.start < at or not is_current(insight, note.body):
            continue
        if insight.start > at:
            runs.append(Segment(note.body[at:insight.start]))
        runs.append(Segment(insight.passage, insight))
        at = insight.end
    if at < len(note.body):
        runs.append(Segment(note.body[at:]))
    return runs


def evidence_for_feature(feature: Feature) -> list[Insight]:
    return list(_evidence().filter(features=feature))


def evidence_for_idea(idea: Idea) -> list[Insight]:
    return list(_evidence().filter(ideas=idea))


def _evidence() -> QuerySet[Insight]:
    return (Insight.objects.select_related("note", "created_by").prefetch_related("ideas", "features")
            .order_by("-note__held_on", "id"))


def _ideas(product: Product, raw: Any) -> list[Idea]:
    wanted = _ids(raw, "ideas")
    found = list(Idea.objects.filter(product=product, pk__in=wanted))
    missing = set(wanted) - {i.pk for i in found}
    if missing:
        raise Invalid.field("ideas", f"no idea {min(missing)} in this product")
    return found


def _features(product: Product, raw: Any) -> list[Feature]:
    wanted = _ids(raw, "features")
    found = list(Feature.objects.filter(product=product, pk__in=wanted))
    missing = set(wanted) - {f.pk for f in found}
    if missing:
        raise Invalid.field("features", f"no feature {min(missing)} in this product")
    return found


def _ids(raw: Any, field: str) -> list[int]:
    if values.is_blank(raw) or raw == ():
        return []
    if not isinstance(raw, list | tuple | set):
        raise Invalid.field(field, "must be a list of ids")
    return [values.whole_number(each, field, minimum=1) for each in raw]


def _id(raw: Any) -> int:
    try:
        return values.whole_number(raw, "id", minimum=1)
    except Invalid:
        raise NotFound(f"No {raw!r}") from None
