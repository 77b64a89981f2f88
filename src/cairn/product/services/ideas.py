"""Use cases on ideas: what customers and the team ask for, the votes behind each, merging
duplicates, and the feature that delivers an idea.

Members contribute (ideas, votes, comments, links to features); managers merge and delete.
`Idea.vote_count` and `Idea.revenue` are rewritten in the transaction that changes votes,
so "most wanted" sorts in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from cairn import values
from cairn.accounts.models import User
from cairn.engine.product import ranking
from cairn.errors import Invalid, NotFound
from cairn.product.models import (
    Customer,
    Feature,
    Feedback,
    Idea,
    IdeaComment,
    IdeaStatus,
    Insight,
    Product,
    Vote,
)
from cairn.product.services import backlog, products, work
from cairn.product.services.customers import recount
from cairn.workspaces import policy

Action = policy.Action
MAX_TITLE = 200
MAX_TEXT = 50_000
# "Most wanted" leaves out what will not be built and what lives on in another idea.
CLOSED = (IdeaStatus.MERGED, IdeaStatus.DECLINED)
SORTS = {
    "votes": ("-vote_count", "-customers", "-revenue", "rank", "id"),
    "customers": ("-customers", "-vote_count", "-revenue", "rank", "id"),
    "revenue": ("-revenue", "-vote_count", "-customers", "rank", "id"),
}
# Statuses set by hand; "merged" only comes from a merge.
SETTABLE = [s for s in IdeaStatus.values if s != IdeaStatus.MERGED]


def idea_for(actor: User | Any, product: Product, idea_id: Any, field: str | None = None) -> Idea:
    """An idea of the product; NotFound (or an Invalid naming `field`) otherwise."""
    products.require(actor, Action.VIEW, product)
    try:
        pk = int(idea_id)
        idea = Idea.objects.filter(product=product, pk=pk).select_related("feature", "merged_into").first()
    except (TypeError, ValueError, OverflowError):
        idea = None
    if idea is None:
        if field:
            raise Invalid.field(field, f"no idea {idea_id} in this product")
        raise NotFound(f"No idea {idea_id}")
    return idea


def ideas_of(actor: User | Any, product: Product, *, status: str = "", sort: str = "") -> QuerySet[Idea]:
    """The product's ideas in their ranked order, or "most wanted" by `sort` (votes,
    customers or revenue). Merged ideas only show when asked for by status."""
    products.require(actor, Action.VIEW, product)
    found = Idea.objects.filter(product=product).select_related("feature")
    if status:
        if status not in IdeaStatus.values:
            raise Invalid.field("status", f"must be one of {', '.join(IdeaStatus.values)}")
        found = found.filter(status=status)
    elif sort:
        found = found.exclude(status__in=CLOSED)
    else:
        found = found.exclude(status=IdeaStatus.MERGED)
    found = found.annotate(customers=_customers_behind())
    if sort:
        if sort not in SORTS:
            raise Invalid.field("sort", f"must be one of {', '.join(SORTS)}")
        return found.order_by(*SORTS[sort])
    return found


def _customers_behind() -> Coalesce:
    # Everyone who voted or whose feedback is attached, each company once, counted by
    # the database in the same query as the ideas.
    asked = Q(votes__idea=OuterRef("pk")) | Q(feedback__idea=OuterRef("pk"))
    count = (Customer.objects.filter(asked).order_by().values("workspace_id")
             .annotate(n=Count("id", distinct=True)).values("n"))
    return Coalesce(Subquery(count, output_field=IntegerField()), 0)


def create_idea(*, actor: User | None, product: Product, title: Any, now: datetime, description: Any = "",
                status: Any = IdeaStatus.NEW) -> Idea:
    """A new idea at the bottom of the product's ideas. `actor` None is the public form."""
    if actor is not None:
        products.require(actor, Action.EDIT_ISSUES, product)
    with transaction.atomic():
        last = Idea.objects.filter(product=product).order_by("-rank").values_list("rank", flat=True).first()
        return Idea.objects.create(
            product=product, title=values.text(title, "title", max_length=MAX_TITLE, required=True),
            description=values.text(description, "description", max_length=MAX_TEXT, strip=False),
            status=_status(status), rank=ranking.key_between(last, None), created_by=actor,
            created_at=now, updated_at=now,
        )


def update_idea(*, actor: User, idea: Idea, fields: dict[str, Any], now: datetime) -> Idea:
    """Changes the title, description or status; a merged idea lives on in the other."""
    products.require(actor, Action.EDIT_ISSUES, idea.product)
    refuse_merged(idea)
    unknown = set(fields) - {"title", "description", "status"}
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of an idea")
    if "title" in fields:
        idea.title = values.text(fields["title"], "title", max_length=MAX_TITLE, required=True)
    if "description" in fields:
        idea.description = values.text(fields["description"], "description", max_length=MAX_TEXT, strip=False)
    if "status" in fields:
        idea.status = _status(fields["status"])
        idea.shipped_at = (idea.shipped_at or now) if idea.status == IdeaStatus.SHIPPED else None
    idea.updated_at = now
    idea.save()
    return idea


def delete_idea(*, actor: User, idea: Idea) -> None:
    """Its feedback goes back to the inbox; its votes and comments go with it."""
    products.require(actor, Action.MANAGE_PROJECT, idea.product)
    idea.delete()


def comment(*, actor: User, idea: Idea, body: Any, now: datetime) -> IdeaComment:
    products.require(actor, Action.EDIT_ISSUES, idea.product)
    text = values.text(body, "body", max_length=MAX_TEXT, required=True, strip=False)
    return IdeaComment.objects.create(idea=idea, author=actor, body=text, created_at=now)


def vote(*, actor: User | None, idea: Idea, customer: Customer, now: datetime) -> Vote:
    """The customer's vote for the idea; a second vote of the same customer changes
    nothing. `actor` None is the public form."""
    if actor is not None:
        products.require(actor, Action.EDIT_ISSUES, idea.product)
    refuse_merged(idea)
    if customer.workspace_id != idea.product.workspace_id:
        raise Invalid.field("customer", f"no customer {customer.pk} in this workspace")
    with transaction.atomic():
        found = Vote.objects.filter(idea=idea, customer=customer).first()
        if found is not None:
            return found
        try:
            with transaction.atomic():
                made = Vote.objects.create(idea=idea, customer=customer, created_at=now)
        except IntegrityError:
            # Someone else recorded the same vote a moment ago: one vote it stays.
            return Vote.objects.get(idea=idea, customer=customer)
        recount(idea)
        return made


def unvote(*, actor: User, idea: Idea, customer: Customer) -> None:
    products.require(actor, Action.EDIT_ISSUES, idea.product)
    with transaction.atomic():
        Vote.objects.filter(idea=idea, customer=customer).delete()
        recount(idea)


def merge(*, actor: User, idea: Idea, into: Idea, now: datetime) -> Idea:
    """Moves a duplicate's feedback, votes, comments and insights to the idea it
    duplicates; a customer who voted for both keeps one vote. The duplicate stays, as
    merged, so its followers are sent on to the surviving idea."""
    products.require(actor, Action.MANAGE_PROJECT, idea.product)
    if into.product_id != idea.product_id:
        raise Invalid.field("into", f"no idea {into.pk} in this product")
    if into.pk == idea.pk:
        raise Invalid.field("into", "an idea cannot be merged into itself")
    if into.status == IdeaStatus.MERGED:
        raise Invalid.field("into", f"idea {into.pk} was itself merged into idea {into.merged_into_id}")
    refuse_merged(idea)
    with transaction.atomic():
        Feedback.objects.filter(idea=idea).update(idea=into)
        both = Vote.objects.filter(idea=into).values("customer_id")
        Vote.objects.filter(idea=idea, customer_id__in=both).delete()
        Vote.objects.filter(idea=idea).update(idea=into)
        IdeaComment.objects.filter(idea=idea).update(idea=into)
        _move_insights(idea, into)
        Idea.objects.filter(merged_into=idea).update(merged_into=into)
        if into.feature_id is None and idea.feature_id is not None:
            into.feature_id = idea.feature_id
        into.updated_at = now
        into.save()
        idea.status, idea.merged_into, idea.updated_at = IdeaStatus.MERGED, into, now
        idea.save()
        recount(idea)
        recount(into)
    return into


def _move_insights(idea: Idea, into: Idea) -> None:
    links = Insight.ideas.through.objects
    already = links.filter(idea_id=into.pk).values("insight_id")
    links.filter(idea_id=idea.pk, insight_id__in=already).delete()
    links.filter(idea_id=idea.pk).update(idea_id=into.pk)


def link_feature(*, actor: User, idea: Idea, now: datetime, feature: Any = None, issue: Any = None) -> Idea:
    """The feature that delivers the idea: one of the product's features by id, or the
    feature of an issue (made on the backlog when the product has none for it yet). The
    idea becomes planned."""
    products.require(actor, Action.EDIT_ISSUES, idea.product)
    refuse_merged(idea)
    if values.is_blank(feature) == values.is_blank(issue):
        raise Invalid.field("feature", "give either a feature or an issue")
    with transaction.atomic():
        if not values.is_blank(feature):
            idea.feature = _feature(idea.product, feature)
        else:
            found = work.issue_for(actor, idea.product, issue)
            idea.feature = (Feature.objects.filter(product=idea.product, issue=found).order_by("rank").first()
                            or backlog.create_feature(actor=actor, product=idea.product, title="", issue=issue,
                                                      now=now))
        if idea.status != IdeaStatus.SHIPPED:
            idea.status = IdeaStatus.PLANNED
        idea.updated_at = now
        idea.save()
    return idea


def unlink_feature(*, actor: User, idea: Idea, now: datetime) -> Idea:
    products.require(actor, Action.EDIT_ISSUES, idea.product)
    idea.feature = None
    if idea.status == IdeaStatus.PLANNED:
        idea.status = IdeaStatus.UNDER_REVIEW
    idea.updated_at = now
    idea.save()
    return idea


@dataclass
class IdeaDetail:
    idea: Idea
    votes: list[Vote]
    feedback: list[Feedback]
    comments: list[IdeaComment]
    merged: list[Idea]
    insights: list[Insight]
    work: work.Work | None


def detail(actor: User | Any, idea: Idea) -> IdeaDetail:
    """Everything the idea's page shows, in a fixed number of queries. The delivering
    issue only when the actor may see it."""
    products.require(actor, Action.VIEW, idea.product)
    issue_id = idea.feature.issue_id if idea.feature else None
    return IdeaDetail(
        idea=idea,
        votes=list(idea.votes.select_related("customer").order_by("-customer__annual_revenue", "customer__company")),
        feedback=list(idea.feedback.select_related("customer", "created_by")),
        comments=list(idea.comments.select_related("author")),
        merged=list(idea.merged.order_by("id")),
        insights=list(idea.insights.select_related("note")),
        work=work.work_of(actor, [issue_id]).get(issue_id) if issue_id else None,
    )


def surviving(idea: Idea) -> Idea:
    """The idea a merged one lives on in (merges may chain)."""
    seen = {idea.pk}
    while idea.merged_into_id is not None and idea.merged_into_id not in seen:
        seen.add(idea.merged_into_id)
        idea = Idea.objects.get(pk=idea.merged_into_id)
    return idea


def _feature(product: Product, raw: Any) -> Feature:
    pk = values.whole_number(raw, "feature", minimum=1)
    found = Feature.objects.filter(product=product, pk=pk).first()
    if found is None:
        raise Invalid.field("feature", f"no feature {pk} in this product")
    return found


def _status(raw: Any) -> str:
    if raw not in SETTABLE:
        raise Invalid.field("status", f"must be one of {', '.join(SETTABLE)}")
    return str(raw)


def refuse_merged(idea: Idea) -> None:
    if idea.status == IdeaStatus.MERGED:
        raise Invalid.field("idea", f"idea {idea.pk} was merged into idea {idea.merged_into_id}; change that one")
