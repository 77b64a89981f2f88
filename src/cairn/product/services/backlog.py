"""Use cases on the product backlog: features (created, edited, deleted), the hand-made
order of features and ideas, and the backlog as a list sorted by hand or by a score.

Members keep the backlog (create, edit, rank, score); deleting a feature is for the
managers who run the product. A move writes the moved item's rank only
(cairn.engine.product.ranking); the product's ranks are spread again only when a key
has grown long after many moves into the same gap."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Case, F, IntegerField, QuerySet, Value, When

from cairn import values
from cairn.accounts.models import User
from cairn.engine.product import ranking, scoring
from cairn.errors import Invalid, NotFound
from cairn.product.models import Feature, Idea, IdeaStatus, Objective, Product, Release
from cairn.product.services import products, work
from cairn.workspaces import policy

MAX_TITLE = 200
MAX_THEME = 60
MAX_DESCRIPTION = 50_000
# Keys stay well inside the 120 characters of the rank columns.
LONGEST_KEY = 100
KINDS = ("features", "ideas")
SORTS = ("rank", "rice", "wsjf", "value_effort", "moscow")
EDITABLE = ("title", "description", "issue", "objective", "theme", "release")

Ranked = TypeVar("Ranked", Feature, Idea)


def create_feature(*, actor: User, product: Product, title: Any, now: datetime, issue: Any = None,
                   description: Any = "") -> Feature:
    """A feature at the bottom of the backlog; `issue` is the key of the issue (often an
    epic) that delivers it, and its title when none is given."""
    products.require(actor, policy.Action.EDIT_ISSUES, product)
    delivering = None if values.is_blank(issue) else work.issue_for(actor, product, issue)
    name = values.text(title, "title", max_length=MAX_TITLE)
    if not name and delivering is not None:
        name = delivering.title[:MAX_TITLE]
    if not name:
        raise Invalid.field("title", "is required")
    with transaction.atomic():
        last = Feature.objects.filter(product=product).order_by("-rank").values_list("rank", flat=True).first()
        return Feature.objects.create(
            product=product, title=name, description=values.text(description, "description", max_length=MAX_DESCRIPTION),
            issue=delivering, rank=ranking.key_between(last, None), created_by=actor, created_at=now, updated_at=now,
        )


def feature_for(actor: User | Any, product: Product, feature_id: Any) -> Feature:
    """A feature of this product (the actor may already see the product)."""
    try:
        pk = int(feature_id)
    except (TypeError, ValueError):
        pk = 0
    feature = Feature.objects.filter(product=product, pk=pk).first()
    if feature is None:
        raise NotFound(f"No feature {feature_id} in this product")
    return feature


def idea_for(actor: User | Any, product: Product, idea_id: Any) -> Idea:
    try:
        pk = int(idea_id)
    except (TypeError, ValueError):
        pk = 0
    idea = Idea.objects.filter(product=product, pk=pk).first()
    if idea is None:
        raise NotFound(f"No idea {idea_id} in this product")
    return idea


def update_feature(*, actor: User, feature: Feature, fields: dict[str, Any], now: datetime) -> Feature:
    """Changes the fields given: title, description, issue (a key; blank unlinks),
    objective and release (ids of this product's; blank unlinks), theme."""
    product = feature.product
    products.require(actor, policy.Action.EDIT_ISSUES, product)
    unknown = sorted(set(fields) - set(EDITABLE))
    if unknown:
        raise Invalid.field(unknown[0], "is not a field of a feature")
    if "title" in fields:
        feature.title = values.text(fields["title"], "title", max_length=MAX_TITLE, required=True)
    if "description" in fields:
        feature.description = values.text(fields["description"], "description", max_length=MAX_DESCRIPTION,
                                          strip=False)
    if "theme" in fields:
        feature.theme = values.text(fields["theme"], "theme", max_length=MAX_THEME)
    if "issue" in fields:
        raw = fields["issue"]
        feature.issue = None if values.is_blank(raw) else work.issue_for(actor, product, raw)
    if "objective" in fields:
        feature.objective = _of_product(Objective, product, fields["objective"], "objective")
    if "release" in fields:
        feature.release = _of_product(Release, product, fields["release"], "release")
    feature.updated_at = now
    feature.save()
    return feature


def delete_feature(*, actor: User, feature: Feature) -> None:
    products.require(actor, policy.Action.MANAGE_PROJECT, feature.product)
    feature.delete()


def _of_product(model: Any, product: Product, raw: Any, field: str) -> Any:
    if values.is_blank(raw):
        return None
    pk = values.whole_number(raw, field, minimum=1)
    found = model.objects.filter(product=product, pk=pk).first()
    if found is None:
        raise Invalid.field(field, f"no {field} {pk} in this product")
    return found


# ---------------------------------------------------------------- ranking by hand

def move_feature(*, actor: User, feature: Feature, after: Any = None, before: Any = None) -> Feature:
    """Puts the feature just after `after` and before `before` (ids of the product's
    features; one is enough, none puts it at the top)."""
    products.require(actor, policy.Action.EDIT_ISSUES, feature.product)
    return _move(feature, Feature.objects.filter(product=feature.product), after, before)


def move_idea(*, actor: User, idea: Idea, after: Any = None, before: Any = None) -> Idea:
    products.require(actor, policy.Action.EDIT_ISSUES, idea.product)
    return _move(idea, ranked_ideas(idea.product), after, before)


def _move(item: Ranked, ranked: QuerySet[Ranked], after: Any, before: Any) -> Ranked:
    others = ranked.exclude(pk=item.pk).order_by("rank", "id")
    with transaction.atomic():
        above = _neighbour(others, after, "after")
        below = _neighbour(others, before, "before")
        if above is not None and below is None:
            below = others.filter(rank__gt=above.rank).first()
        elif below is not None and above is None:
            above = others.filter(rank__lt=below.rank).last()
        elif above is None and below is None:
            below = others.first()
        try:
            key = ranking.key_between(above.rank if above else None, below.rank if below else None)
        except ranking.RankError:
            key = ""
        if not key or len(key) > LONGEST_KEY:
            key = _spread(item, others, above, below)
        item.rank = key
        type(item).objects.filter(pk=item.pk).update(rank=key)
    return item


def _neighbour(others: QuerySet[Ranked], raw: Any, field: str) -> Ranked | None:
    if values.is_blank(raw):
        return None
    pk = values.whole_number(raw, field, minimum=1)
    found = others.filter(pk=pk).first()
    if found is None:
        raise Invalid.field(field, f"no item {pk} in this backlog to move next to")
    return found


def _spread(item: Ranked, others: QuerySet[Ranked], above: Ranked | None, below: Ranked | None) -> str:
    """Ranks the whole list afresh with short keys, the moved item in its new place: the
    rare price of many moves into one gap (or of equal keys made elsewhere)."""
    order = list(others)
    at = 0 if above is None else next(n for n, x in enumerate(order) if x.pk == above.pk) + 1
    if above is None and below is not None:
        at = next(n for n, x in enumerate(order) if x.pk == below.pk)
    order.insert(at, item)
    model = type(item)
    for row, key in zip(order, ranking.initial_keys(len(order)), strict=True):
        row.rank = key
    model.objects.bulk_update(order, ["rank"], batch_size=500)
    return item.rank


# ---------------------------------------------------------------- the list

def ranked_ideas(product: Product) -> QuerySet[Idea]:
    """The ideas on the backlog: a merged idea lives on in the one it was merged into."""
    return Idea.objects.filter(product=product).exclude(status=IdeaStatus.MERGED)


def backlog(actor: User | Any, product: Product, *, kind: Any = "features", sort: Any = "rank") -> QuerySet[Any]:
    """The product's features or ideas in hand order, or by a score (highest first, the
    items without that score last, then in hand order)."""
    products.require(actor, policy.Action.VIEW, product)
    if kind not in KINDS:
        raise Invalid.field("kind", "must be features or ideas")
    if sort not in SORTS:
        raise Invalid.field("sort", f"must be one of {', '.join(SORTS)}")
    items: QuerySet[Any] = (Feature.objects.filter(product=product) if kind == "features"
                            else ranked_ideas(product))
    if sort == "rank":
        return items.order_by("rank", "id")
    if sort == "moscow":
        order = Case(*(When(moscow=m, then=Value(n)) for n, m in enumerate(scoring.MOSCOW)),
                     default=Value(len(scoring.MOSCOW)), output_field=IntegerField())
        return items.order_by(order, "rank", "id")
    return items.order_by(F(f"{sort}_score").desc(nulls_last=True), "rank", "id")
