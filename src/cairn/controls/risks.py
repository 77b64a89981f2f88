"""The risk register's use cases. Members raise and re-rate risks, managers remove them;
every change of a risk's probability, impact or status leaves a history row in the same
transaction, from which the exposure over time is drawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from cairn import values
from cairn.accounts.models import User
from cairn.controls import fields
from cairn.controls.models import Category, Response, Risk, RiskChange, RiskStatus
from cairn.engine.project import risks as engine
from cairn.engine.project.exposure import Rating, exposure_over_time
from cairn.errors import Invalid, NotFound
from cairn.events.bus import Event, publish
from cairn.tracker import services as tracker
from cairn.tracker.models import Issue
from cairn.workspaces import policy
from cairn.workspaces.models import Project

EDITABLE = ("title", "cause", "effect", "category", "probability", "impact", "owner", "response", "status",
            "review_date", "actions", "note")
RATED = ("probability", "impact", "status")
SORTS = {"score": ("-score", "number"), "-score": ("score", "number"), "number": ("number",),
         "review": ("review_date", "number"), "title": ("title", "number")}


def _parse(project: Project, data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of a risk")
    parsed: dict[str, Any] = {}
    if creating or "title" in data:
        parsed["title"] = values.text(data.get("title"), "title", max_length=200, required=True)
    for name in ("cause", "effect"):
        if name in data:
            parsed[name] = values.text(data[name], name, max_length=5000)
    readers: dict[str, Callable[[Any], Any]] = {"category": lambda v: fields.choice(v, "category", Category),
               "response": lambda v: fields.choice(v, "response", Response),
               "status": lambda v: fields.choice(v, "status", RiskStatus),
               "probability": lambda v: fields.rating(v, "probability"),
               "impact": lambda v: fields.rating(v, "impact"),
               "owner": lambda v: fields.person(v, "owner", project),
               "review_date": lambda v: values.date(v, "review_date"),
               "actions": lambda v: fields.issues_in(project, v, "actions"),
               "note": lambda v: values.text(v, "note", max_length=500)}
    for name, read in readers.items():
        if name in data:
            parsed[name] = read(data[name])
    if creating:
        for name in ("probability", "impact"):
            if name not in parsed:
                raise Invalid.field(name, "is required")
    return parsed


def _next_number(project: Project) -> int:
    return fields.next_number(project, Risk.objects.filter(project=project).values_list("number", flat=True))


def create_risk(*, actor: User, project: Project, data: dict[str, Any], now: dt.datetime) -> Risk:
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    parsed = _parse(project, data, creating=True)
    actions, note = parsed.pop("actions", []), parsed.pop("note", "")
    with transaction.atomic():
        risk = Risk.objects.create(project=project, number=_next_number(project), created_by=actor, created_at=now,
                                   updated_at=now, score=engine.score(parsed["probability"], parsed["impact"]),
                                   **parsed)
        risk.actions.set(actions)
        _record(risk, actor, now, note or "raised")
    _published("risk.raised", risk, actor, now)
    return risk


def update_risk(*, actor: User, risk: Risk, data: dict[str, Any], now: dt.datetime) -> Risk:
    policy.require(actor, policy.Action.EDIT_ISSUES, risk.project)
    parsed = _parse(risk.project, data, creating=False)
    actions, note = parsed.pop("actions", None), parsed.pop("note", "")
    before = tuple(getattr(risk, name) for name in RATED)
    for name, value in parsed.items():
        setattr(risk, name, value)
    risk.score = engine.score(risk.probability, risk.impact)
    risk.updated_at = now
    with transaction.atomic():
        risk.save()
        if actions is not None:
            risk.actions.set(actions)
        if tuple(getattr(risk, name) for name in RATED) != before or note:
            _record(risk, actor, now, note)
    _published("risk.updated", risk, actor, now)
    return risk


def _published(name: str, risk: Risk, actor: User, now: dt.datetime) -> None:
    publish(Event(name, now, actor.pk, risk.project_id, {
        "project": risk.project.key, "risk": risk.number, "score": risk.score, "status": risk.status}))


def _record(risk: Risk, actor: User, now: dt.datetime, note: str) -> None:
    RiskChange.objects.create(risk=risk, at=now, by=actor, probability=risk.probability, impact=risk.impact,
                              status=risk.status, note=note)


def delete_risk(*, actor: User, risk: Risk) -> None:
    policy.require(actor, policy.Action.MANAGE_PROJECT, risk.project)
    risk.delete()


def add_action(*, actor: User, risk: Risk, key: str = "", title: str = "", now: dt.datetime) -> Issue:
    """Links an existing issue as an action against the risk, or creates one titled so."""
    policy.require(actor, policy.Action.EDIT_ISSUES, risk.project)
    with transaction.atomic():
        if key.strip():
            issue = fields.issues_in(risk.project, key, "key")[0]
        else:
            title = values.text(title, "title", max_length=200, required=True)
            issue = tracker.create_issue(actor=actor, project=risk.project, now=now, fields={
                "title": title, "description": f"An action against risk {risk.ref}: {risk.title}"})
        risk.actions.add(issue)
    return issue


def remove_action(*, actor: User, risk: Risk, key: str) -> None:
    policy.require(actor, policy.Action.EDIT_ISSUES, risk.project)
    risk.actions.remove(*fields.issues_in(risk.project, key, "key"))


def risk_by_number(project: Project, number: int) -> Risk:
    risk = Risk.objects.filter(project=project, number=number).select_related("owner", "project").first()
    if risk is None:
        raise NotFound(f"No risk R-{number} in {project.key}")
    return risk


def register(project: Project, *, sort: str = "score", status: str = "") -> QuerySet[Risk]:
    risks = Risk.objects.filter(project=project).select_related("owner", "project")
    if status:
        risks = risks.filter(status=fields.choice(status, "status", RiskStatus))
    if sort not in SORTS:
        raise Invalid.field("sort", f"must be one of {', '.join(SORTS)}")
    return risks.order_by(*SORTS[sort])


def level(risk: Risk) -> engine.Level:
    return engine.level(risk.score)


def review_overdue(risk: Risk, today: dt.date) -> bool:
    return risk.status == RiskStatus.OPEN and risk.review_date is not None and risk.review_date < today


def heat_map(project: Project) -> list[dict[str, Any]]:
    """The 5 × 5 cells, likeliest row first, each with its open risks' numbers."""
    open_risks = list(Risk.objects.filter(project=project, status=RiskStatus.OPEN).values_list(
        "number", "probability", "impact", "title"))
    counts = engine.heat_map(engine.Rated(p, i) for _, p, i, _ in open_risks)
    cells = []
    for row, probability in enumerate(range(5, 0, -1)):
        for column, impact in enumerate(range(1, 6)):
            cells.append({
                "probability": probability, "impact": impact, "score": probability * impact, "count": counts[row][column],
                "level": engine.level(probability * impact).value,
                "risks": [{"number": n, "title": t} for n, p, i, t in open_risks if (p, i) == (probability, impact)],
            })
    return cells


def exposure(project: Project, *, today: dt.date) -> list[tuple[dt.date, int]]:
    """The total score of the open risks on each day since the first was raised."""
    changes = list(RiskChange.objects.filter(risk__project=project).values_list(
        "risk_id", "at", "probability", "impact", "status"))
    if not changes:
        return []
    ratings = [Rating(risk_id, at.date(), p, i, status == RiskStatus.OPEN) for risk_id, at, p, i, status in changes]
    start = min(r.on for r in ratings)
    return exposure_over_time(ratings, start, max(today, start))
