"""Planning and quality: the scope statement (in and out of scope), the deliverables
with their acceptance criteria and review checklist, and their sign-off. A deliverable is
done only once a manager signs it off, which is refused while review items are open."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Conflict, Invalid, NotFound
from cairn.lifecycle.models import Deliverable, ProjectRecord, ReviewItem
from cairn.planning import plans, queries
from cairn.planning.models import ProjectPlan
from cairn.tracker.models import Issue, split_key
from cairn.workspaces import policy
from cairn.workspaces.models import Project

FIELDS = ("name", "description", "acceptance_criteria", "issues", "review")
LONG = 20_000


def scope(project: Project) -> ProjectRecord | None:
    return ProjectRecord.objects.filter(project=project).select_related("updated_by").first()


def save_record(*, actor: User, project: Project, data: dict[str, Any], now: dt.datetime) -> ProjectRecord:
    """The scope statement and the hand-over notes (managers)."""
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    names = ("in_scope", "out_of_scope", "handover")
    unknown = set(data) - set(names)
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of the scope statement or hand-over notes")
    parsed = {name: values.text(data[name], name, max_length=LONG) for name in names if name in data}
    record, _ = ProjectRecord.objects.update_or_create(
        project=project, defaults={**parsed, "updated_by": actor, "updated_at": now})
    return record


def _issues(project: Project, raw: Any) -> list[Issue]:
    if values.is_blank(raw):
        return []
    if isinstance(raw, str):
        raw = raw.replace(",", " ").split()
    if not isinstance(raw, list) or not all(isinstance(k, str) for k in raw):
        raise Invalid.field("issues", "must be a list of issue keys")
    numbers = []
    for key in raw:
        parts = split_key(values.no_nul(key, "issues").strip().upper())
        if parts is None or parts[0] != project.key:
            raise Invalid.field("issues", f"{key} is not an issue of {project.key}")
        numbers.append(parts[1])
    found = {i.number: i for i in Issue.objects.filter(project=project, number__in=numbers)}
    missing = [n for n in numbers if n not in found]
    if missing:
        raise Invalid.field("issues", f"no issue {project.key}-{missing[0]}")
    return list(dict.fromkeys(found[n] for n in numbers))


def _review(raw: Any) -> list[str]:
    if values.is_blank(raw):
        return []
    if isinstance(raw, str):
        raw = raw.splitlines()
    if not isinstance(raw, list) or not all(isinstance(t, str) for t in raw):
        raise Invalid.field("review", "must be a list of texts")
    return list(dict.fromkeys(t for t in (values.text(t, "review", max_length=200) for t in raw) if t))


def _parse(project: Project, data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of a deliverable")
    parsed: dict[str, Any] = {}
    if creating or "name" in data:
        parsed["name"] = values.text(data.get("name"), "name", max_length=200, required=True)
    for name in ("description", "acceptance_criteria"):
        if name in data:
            parsed[name] = values.text(data[name], name, max_length=LONG)
    if "issues" in data:
        parsed["issues"] = _issues(project, data["issues"])
    if "review" in data:
        parsed["review"] = _review(data["review"])
    return parsed


def _set_review(deliverable: Deliverable, texts: list[str]) -> None:
    """Keep the review items whose text stays (with their ticks); add and drop the rest."""
    current = {item.text: item for item in deliverable.review.all()}
    deliverable.review.exclude(text__in=texts).delete()
    for n, text in enumerate(texts):
        item = current.get(text) or ReviewItem(deliverable=deliverable, text=text)
        item.position = n
        item.save()


def add_deliverable(*, actor: User, project: Project, data: dict[str, Any], now: dt.datetime) -> Deliverable:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    parsed = _parse(project, data, creating=True)
    issues, review = parsed.pop("issues", []), parsed.pop("review", [])
    with transaction.atomic():
        Project.objects.select_for_update().filter(pk=project.pk).values_list("pk", flat=True).first()
        last = Deliverable.objects.filter(project=project).order_by("-number").values_list("number", flat=True).first()
        made = Deliverable.objects.create(project=project, number=(last or 0) + 1, created_at=now, **parsed)
        made.issues.set(issues)
        _set_review(made, review)
    return made


def update_deliverable(*, actor: User, deliverable: Deliverable, data: dict[str, Any]) -> Deliverable:
    policy.require(actor, policy.Action.MANAGE_PROJECT, deliverable.project)
    parsed = _parse(deliverable.project, data, creating=False)
    issues, review = parsed.pop("issues", None), parsed.pop("review", None)
    with transaction.atomic():
        for name, value in parsed.items():
            setattr(deliverable, name, value)
        deliverable.save()
        if issues is not None:
            deliverable.issues.set(issues)
        if review is not None:
            _set_review(deliverable, review)
    return deliverable


def remove_deliverable(*, actor: User, deliverable: Deliverable) -> None:
    policy.require(actor, policy.Action.MANAGE_PROJECT, deliverable.project)
    deliverable.delete()


def mark_review_item(*, actor: User, deliverable: Deliverable, item_id: int, done: bool,
                     now: dt.datetime) -> ReviewItem:
    """Members tick the review checklist; a signed-off deliverable's review is settled."""
    policy.require(actor, policy.Action.EDIT_ISSUES, deliverable.project)
    item = deliverable.review.filter(pk=item_id).first()
    if item is None:
        raise NotFound(f"No review item {item_id} on {deliverable.ref}")
    if deliverable.done:
        raise Conflict(f"{deliverable.ref} is signed off: its review is settled")
    item.done_by, item.done_at = (actor, now) if done else (None, None)
    item.save()
    return item


def sign_off(*, actor: User, deliverable: Deliverable, now: dt.datetime) -> Deliverable:
    policy.require(actor, policy.Action.MANAGE_PROJECT, deliverable.project)
    with transaction.atomic():
        locked = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
        if locked.done:
            raise Conflict(f"{locked.ref} is already signed off")
        open_items = list(locked.review.filter(done_at__isnull=True).values_list("text", flat=True))
        if open_items:
            raise Invalid.field("review", "still open: " + "; ".join(open_items))
        locked.signed_off_by, locked.signed_off_at = actor, now
        locked.save()
    deliverable.signed_off_by, deliverable.signed_off_at = actor, now
    return deliverable


def reopen(*, actor: User, deliverable: Deliverable) -> Deliverable:
    """Withdraw a sign-off (managers), e.g. when the accepted work turns out wrong."""
    policy.require(actor, policy.Action.MANAGE_PROJECT, deliverable.project)
    deliverable.signed_off_by, deliverable.signed_off_at = None, None
    deliverable.save()
    return deliverable


def deliverable_by_number(project: Project, number: int) -> Deliverable:
    found = Deliverable.objects.filter(project=project, number=number).select_related("project", "signed_off_by").first()
    if found is None:
        raise NotFound(f"No deliverable DL-{number} in {project.key}")
    return found


def register(project: Project) -> QuerySet[Deliverable]:
    return (Deliverable.objects.filter(project=project).select_related("project", "signed_off_by")
            .prefetch_related("issues__project", "review__done_by", "raci__user"))


def wbs_codes(project: Project) -> dict[int, str]:
    """Issue id → the WBS code the planner's outline and the Gantt chart give it; nothing
    for a project that has no plan (reading must not make one)."""
    if not ProjectPlan.objects.filter(project=project).exists():
        return {}
    return {task.issue_id: code for task, code, _ in queries.outline(plans.load(project).tasks)}
