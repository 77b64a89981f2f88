"""Use cases on objectives and key results: managers define them and link the work that
delivers them; members report a key result's current value; everyone in the workspace
reads the progress, rolled up from the key results and from the linked work, with its
arithmetic (cairn.engine.product.okrs).

Linked issues are read through the reader's eyes (work.work_of): an issue of a private
project neither shows nor counts for someone outside that project.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, Prefetch, QuerySet

from cairn import values
from cairn.accounts.models import User
from cairn.engine.product import okrs
from cairn.errors import Invalid, NotFound
from cairn.product.models import Feature, KeyResult, Objective, Product
from cairn.product.services import products, work
from cairn.workspaces import policy
from cairn.workspaces.models import WorkspaceMember

Action = policy.Action
COLOR = re.compile(r"#[0-9a-fA-F]{6}")
MAX_TITLE = 200
MAX_TEXT = 50_000
# max_digits 16 with 4 decimal places leaves 12 digits before the point.
MAX_VALUE = Decimal("999999999999")
OBJECTIVE_FIELDS = {"title", "description", "period", "starts_on", "ends_on", "owner", "color"}
KEY_RESULT_FIELDS = {"title", "unit", "start_value", "target_value", "current_value"}


@dataclass(frozen=True)
class KeyResultProgress:
    key_result: KeyResult
    progress: okrs.Progress


@dataclass(frozen=True)
class ObjectiveProgress:
    """An objective's figures as one reader sees them."""

    objective: Objective
    key_results: list[KeyResultProgress]
    features: list[Feature]
    work: list[work.Work]
    by_key_results: okrs.Progress
    by_work: okrs.Progress
    combined: okrs.Progress
    elapsed: okrs.Progress
    behind: bool


# Reading -------------------------------------------------------------------------------

def objectives_of(actor: User | Any, product: Product, period: str | None = None) -> QuerySet[Objective]:
    products.require(actor, Action.VIEW, product)
    found = (Objective.objects.filter(product=product).select_related("owner")
             .prefetch_related("key_results", Prefetch("features", queryset=Feature.objects.order_by("rank", "id"))))
    return found.filter(period=period) if period else found


def periods(product: Product) -> list[str]:
    """The product's period labels, latest first."""
    seen: dict[str, dt.date] = {}
    for label, starts in Objective.objects.filter(product=product).values_list("period", "starts_on"):
        seen[label] = max(starts, seen.get(label, starts))
    return sorted(seen, key=lambda label: seen[label], reverse=True)


def objective_for(actor: User | Any, product: Product, objective_id: Any) -> Objective:
    products.require(actor, Action.VIEW, product)
    found = objectives_of(actor, product).filter(pk=_id(objective_id)).first()
    if found is None:
        raise NotFound(f"No objective {objective_id} in this product")
    return found


def key_result_for(actor: User | Any, objective: Objective, key_result_id: Any) -> KeyResult:
    products.require(actor, Action.VIEW, objective.product)
    found = KeyResult.objects.filter(objective=objective, pk=_id(key_result_id)).select_related("objective").first()
    if found is None:
        raise NotFound(f"No key result {key_result_id} in this objective")
    return found


def progress_of(actor: User | Any, objectives: list[Objective], today: dt.date) -> dict[int, ObjectiveProgress]:
    """Every objective's progress in a fixed number of queries: the key results and
    features come prefetched (objectives_of), the linked issues in one work_of."""
    direct: dict[int, list[int]] = {o.pk: [] for o in objectives}
    for objective_id, issue_id in Objective.issues.through.objects.filter(
            objective_id__in=list(direct)).values_list("objective_id", "issue_id"):
        direct[objective_id].append(issue_id)
    features = {o.pk: list(o.features.all()) for o in objectives}
    wanted = {i for ids in direct.values() for i in ids} | {
        f.issue_id for fs in features.values() for f in fs if f.issue_id}
    seen = work.work_of(actor, wanted)
    return {o.pk: _progress(o, direct[o.pk], features[o.pk], seen, today) for o in objectives}


def _progress(objective: Objective, issue_ids: list[int], features: list[Feature], seen: dict[int, work.Work],
              today: dt.date) -> ObjectiveProgress:
    # An issue linked directly and through a feature counts once.
    ids = list(dict.fromkeys([*issue_ids, *(f.issue_id for f in features if f.issue_id)]))
    linked = [seen[i] for i in ids if i in seen]
    results = [KeyResultProgress(kr, okrs.key_result(float(kr.start_value), float(kr.target_value),
                                                     float(kr.current_value)))
               for kr in objective.key_results.all()]
    by_results = okrs.by_key_results([r.progress for r in results])
    by_work = okrs.by_work([_units(w) for w in linked])
    combined = okrs.combined(by_results, by_work)
    elapsed = okrs.elapsed(objective.starts_on, objective.ends_on, today)
    return ObjectiveProgress(objective, results, features, sorted(linked, key=lambda w: w.key), by_results, by_work,
                             combined, elapsed, okrs.behind(combined, elapsed))


def _units(item: work.Work) -> okrs.LinkedWork:
    if item.children:
        return okrs.LinkedWork(item.done_children, item.children)
    return okrs.LinkedWork(1 if item.done else 0, 1)


# Objectives ----------------------------------------------------------------------------

def create_objective(*, actor: User, product: Product, title: Any, period: Any, starts_on: Any, ends_on: Any,
                     description: Any = "", owner: Any = None, color: Any = None) -> Objective:
    products.require(actor, Action.MANAGE_PROJECT, product)
    objective = Objective(product=product)
    _apply_objective(objective, {"title": title, "period": period, "starts_on": starts_on, "ends_on": ends_on,
                                 "description": description, "owner": owner,
                                 **({} if values.is_blank(color) else {"color": color})})
    with transaction.atomic():
        last = Objective.objects.filter(product=product).aggregate(last=Max("position"))["last"]
        objective.position = 0 if last is None else last + 1
        objective.save()
    return objective


def update_objective(*, actor: User, objective: Objective, fields: dict[str, Any]) -> Objective:
    products.require(actor, Action.MANAGE_PROJECT, objective.product)
    _apply_objective(objective, fields)
    objective.save()
    return objective


def delete_objective(*, actor: User, objective: Objective) -> None:
    products.require(actor, Action.MANAGE_PROJECT, objective.product)
    objective.delete()


def _apply_objective(objective: Objective, fields: dict[str, Any]) -> None:
    unknown = set(fields) - OBJECTIVE_FIELDS
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of an objective")
    if "title" in fields:
        objective.title = values.text(fields["title"], "title", max_length=MAX_TITLE, required=True)
    if "description" in fields:
        objective.description = values.text(fields["description"], "description", max_length=MAX_TEXT, strip=False)
    if "period" in fields:
        objective.period = values.text(fields["period"], "period", max_length=40, required=True)
    if "starts_on" in fields:
        objective.starts_on = values.required_date(fields["starts_on"], "starts_on")
    if "ends_on" in fields:
        objective.ends_on = values.required_date(fields["ends_on"], "ends_on")
    if objective.ends_on < objective.starts_on:
        raise Invalid.field("ends_on", "must not be before the start")
    if "owner" in fields:
        objective.owner = _owner(objective.product, fields["owner"])
    if "color" in fields:
        color = values.text(fields["color"], "color", max_length=7)
        if not COLOR.fullmatch(color):
            raise Invalid.field("color", "must be a colour like #2563eb")
        objective.color = color.lower()


def _owner(product: Product, raw: Any) -> User | None:
    if values.is_blank(raw):
        return None
    username = values.text(raw, "owner", max_length=150)
    member = (WorkspaceMember.objects.filter(workspace_id=product.workspace_id, user__username__iexact=username)
              .select_related("user").first())
    if member is None:
        raise Invalid.field("owner", f"{username} is not in this workspace")
    return member.user


# Key results ---------------------------------------------------------------------------

def create_key_result(*, actor: User, objective: Objective, title: Any, start_value: Any, target_value: Any,
                      current_value: Any = None, unit: Any = "") -> KeyResult:
    """Current starts at the start when not given."""
    products.require(actor, Action.MANAGE_PROJECT, objective.product)
    key_result = KeyResult(objective=objective)
    fields = {"title": title, "unit": unit, "start_value": start_value, "target_value": target_value,
              "current_value": start_value if values.is_blank(current_value) else current_value}
    _apply_key_result(key_result, fields)
    with transaction.atomic():
        last = KeyResult.objects.filter(objective=objective).aggregate(last=Max("position"))["last"]
        key_result.position = 0 if last is None else last + 1
        key_result.save()
    return key_result


def update_key_result(*, actor: User, key_result: KeyResult, fields: dict[str, Any]) -> KeyResult:
    """Members report the current value; changing what is measured is the managers'."""
    product = key_result.objective.product
    defining = set(fields) - {"current_value"}
    products.require(actor, Action.MANAGE_PROJECT if defining else Action.EDIT_ISSUES, product)
    _apply_key_result(key_result, fields)
    key_result.save()
    return key_result


def delete_key_result(*, actor: User, key_result: KeyResult) -> None:
    products.require(actor, Action.MANAGE_PROJECT, key_result.objective.product)
    key_result.delete()


def _apply_key_result(key_result: KeyResult, fields: dict[str, Any]) -> None:
    unknown = set(fields) - KEY_RESULT_FIELDS
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of a key result")
    if "title" in fields:
        key_result.title = values.text(fields["title"], "title", max_length=MAX_TITLE, required=True)
    if "unit" in fields:
        key_result.unit = values.text(fields["unit"], "unit", max_length=20)
    for name in ("start_value", "target_value", "current_value"):
        if name in fields:
            setattr(key_result, name, _value(fields[name], name))


def _value(raw: Any, field: str) -> Decimal:
    value = values.decimal(raw, field, places=4, maximum=MAX_VALUE, signed=True)
    if value is None:
        raise Invalid.field(field, "is required")
    return value


# Linked work ---------------------------------------------------------------------------

def link_issue(*, actor: User, objective: Objective, key: Any) -> work.Work:
    products.require(actor, Action.MANAGE_PROJECT, objective.product)
    issue = work.issue_for(actor, objective.product, key)
    objective.issues.add(issue)
    return work.work_of(actor, [issue.pk])[issue.pk]


def unlink_issue(*, actor: User, objective: Objective, key: Any) -> None:
    products.require(actor, Action.MANAGE_PROJECT, objective.product)
    objective.issues.remove(work.issue_for(actor, objective.product, key))


def link_feature(*, actor: User, objective: Objective, feature_id: Any, now: dt.datetime) -> Feature:
    products.require(actor, Action.MANAGE_PROJECT, objective.product)
    feature = _feature(objective.product, feature_id)
    Feature.objects.filter(pk=feature.pk).update(objective=objective, updated_at=now)
    feature.objective = objective
    return feature


def unlink_feature(*, actor: User, objective: Objective, feature_id: Any, now: dt.datetime) -> None:
    products.require(actor, Action.MANAGE_PROJECT, objective.product)
    feature = _feature(objective.product, feature_id)
    Feature.objects.filter(pk=feature.pk, objective=objective).update(objective=None, updated_at=now)


def _feature(product: Product, feature_id: Any) -> Feature:
    found = Feature.objects.filter(product=product, pk=_id(feature_id, "feature")).first()
    if found is None:
        raise Invalid.field("feature", f"no feature {feature_id} in this product")
    return found


def _id(raw: Any, field: str = "id") -> int:
    try:
        return values.whole_number(raw, field, minimum=1)
    except Invalid:
        if field == "id":
            raise NotFound(f"No {raw!r}") from None
        raise
