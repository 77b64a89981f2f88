"""API for a product's customers, ideas (votes, comments, merges, the delivering feature,
"most wanted") and feedback inbox. Guests get customers without their contacts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn import paging
from cairn.inputs import Input
from cairn.product.models import Customer, Feedback, FeedbackSource, Idea, IdeaComment, Product
from cairn.product.services import customers, feedback, ideas, products

router = Router(tags=["feedback"])


class CustomerOut(Schema):
    id: int
    company: str
    # Null for guests: contacts stay with the team.
    contact_name: str | None
    contact_email: str | None
    segment: str
    plan: str
    annual_revenue: Decimal
    created_at: dt.datetime


class CustomerPage(Schema):
    items: list[CustomerOut]
    total: int
    next_cursor: str | None


class CustomerIn(Input):
    company: str
    contact_name: str = ""
    contact_email: str = ""
    segment: str = ""
    plan: str = ""
    annual_revenue: Decimal | str | None = None


class CustomerPatch(Input):
    company: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    segment: str | None = None
    plan: str | None = None
    annual_revenue: Decimal | str | None = None


class FeatureRef(Schema):
    id: int
    title: str


class IdeaOut(Schema):
    id: int
    title: str
    description: str
    status: str
    feature: FeatureRef | None
    merged_into: int | None
    vote_count: int
    revenue: Decimal
    rank: str
    created_at: dt.datetime
    updated_at: dt.datetime
    shipped_at: dt.datetime | None
    url: str


class MostWantedOut(IdeaOut):
    customers: int


class IdeaPage(Schema):
    items: list[MostWantedOut]
    total: int
    next_cursor: str | None


class IdeaIn(Input):
    title: str
    description: str = ""


class IdeaPatch(Input):
    title: str | None = None
    description: str | None = None
    status: str | None = None


class CommentOut(Schema):
    id: int
    author: str | None
    body: str
    created_at: dt.datetime


class CommentIn(Input):
    body: str


class VoteOut(Schema):
    customer: CustomerOut
    created_at: dt.datetime


class FeedbackOut(Schema):
    id: int
    body: str
    source: str
    idea: int | None
    customer: CustomerOut | None
    # Null for guests, like a customer's contact.
    submitter_name: str | None
    submitter_email: str | None
    created_at: dt.datetime
    notified_at: dt.datetime | None


class FeedbackPage(Schema):
    items: list[FeedbackOut]
    total: int
    next_cursor: str | None


class IdeaDetailOut(IdeaOut):
    votes: list[VoteOut]
    feedback: list[FeedbackOut]
    comments: list[CommentOut]
    merged: list[int]


class FeedbackIn(Input):
    body: str
    customer: int | None = None
    submitter_name: str = ""
    submitter_email: str = ""
    idea: int | None = None


class FeedbackPatch(Input):
    """`idea`: the idea to attach to, or null to send the entry back to the inbox;
    `new_idea`: the title of a new idea made from the entry ("" takes its first line)."""

    idea: int | None = None
    new_idea: str | None = None


class MergeIn(Input):
    into: int


class LinkIn(Input):
    feature: int | None = None
    issue: str | None = None


def customer_out(customer: Customer, contacts: bool) -> CustomerOut:
    return CustomerOut(
        id=customer.pk, company=customer.company, segment=customer.segment, plan=customer.plan,
        contact_name=customer.contact_name if contacts else None,
        contact_email=customer.contact_email if contacts else None,
        annual_revenue=customer.annual_revenue, created_at=customer.created_at,
    )


def idea_fields(idea: Idea) -> dict[str, Any]:
    return {
        "id": idea.pk, "title": idea.title, "description": idea.description, "status": idea.status,
        "feature": FeatureRef(id=idea.feature.pk, title=idea.feature.title) if idea.feature else None,
        "merged_into": idea.merged_into_id, "vote_count": idea.vote_count, "revenue": idea.revenue,
        "rank": idea.rank, "created_at": idea.created_at, "updated_at": idea.updated_at,
        "shipped_at": idea.shipped_at, "url": f"/products/{idea.product_id}/ideas/{idea.pk}/",
    }


def feedback_out(entry: Feedback, contacts: bool) -> FeedbackOut:
    return FeedbackOut(
        id=entry.pk, body=entry.body, source=entry.source, idea=entry.idea_id,
        customer=customer_out(entry.customer, contacts) if entry.customer else None,
        submitter_name=entry.submitter_name if contacts else None,
        submitter_email=entry.submitter_email if contacts else None,
        created_at=entry.created_at, notified_at=entry.notified_at,
    )


def comment_out(comment: IdeaComment) -> CommentOut:
    return CommentOut(id=comment.pk, author=comment.author.username if comment.author else None, body=comment.body,
                      created_at=comment.created_at)


def _product(request: HttpRequest, product_id: int) -> tuple[Product, bool]:
    product = products.product_for(request.user, product_id)
    return product, customers.may_see_contacts(request.user, product)


def _detail(request: HttpRequest, idea: Idea, contacts: bool) -> IdeaDetailOut:
    seen = ideas.detail(request.user, idea)
    return IdeaDetailOut(
        **idea_fields(idea),
        votes=[VoteOut(customer=customer_out(v.customer, contacts), created_at=v.created_at) for v in seen.votes],
        feedback=[feedback_out(f, contacts) for f in seen.feedback],
        comments=[comment_out(c) for c in seen.comments], merged=[m.pk for m in seen.merged],
    )


# Customers

@router.get("/products/{product_id}/customers", response=CustomerPage,
            summary="The workspace's customers (contacts only for members and above)")
def list_customers(request: HttpRequest, product_id: int, q: str = "", cursor: str | None = None,
                   limit: int = 50) -> Any:
    product, contacts = _product(request, product_id)
    page = paging.paginate(customers.customers_of(request.user, product, search=q), cursor=cursor, limit=limit)
    return {"items": [customer_out(c, contacts) for c in page.items], "total": page.total,
            "next_cursor": page.next_cursor}


@router.post("/products/{product_id}/customers", response={201: CustomerOut}, summary="Add a customer (members)")
def create_customer(request: HttpRequest, product_id: int, payload: CustomerIn) -> Any:
    product, contacts = _product(request, product_id)
    made = customers.create_customer(actor=request.user, product=product,  # type: ignore[arg-type]
                                     fields=payload.model_dump(exclude_unset=True), now=timezone.now())
    return Status(201, customer_out(made, contacts))


@router.get("/products/{product_id}/customers/{customer_id}", response=CustomerOut, summary="A customer")
def get_customer(request: HttpRequest, product_id: int, customer_id: int) -> Any:
    product, contacts = _product(request, product_id)
    return customer_out(customers.customer_for(request.user, product, customer_id), contacts)


@router.patch("/products/{product_id}/customers/{customer_id}", response=CustomerOut,
              summary="Change a customer (members)")
def update_customer(request: HttpRequest, product_id: int, customer_id: int, payload: CustomerPatch) -> Any:
    product, contacts = _product(request, product_id)
    customer = customers.customer_for(request.user, product, customer_id)
    customers.update_customer(actor=request.user, product=product, customer=customer,  # type: ignore[arg-type]
                              fields=payload.model_dump(exclude_unset=True))
    return customer_out(customer, contacts)


@router.delete("/products/{product_id}/customers/{customer_id}", response={204: None},
               summary="Remove a customer and their votes (members)")
def delete_customer(request: HttpRequest, product_id: int, customer_id: int) -> Any:
    product, _ = _product(request, product_id)
    customer = customers.customer_for(request.user, product, customer_id)
    customers.delete_customer(actor=request.user, product=product, customer=customer)  # type: ignore[arg-type]
    return Status(204, None)


# Ideas

@router.get("/products/{product_id}/ideas", response=IdeaPage,
            summary="Ideas in their ranked order, or most wanted with sort=votes|customers|revenue")
def list_ideas(request: HttpRequest, product_id: int, status: str = "", sort: str = "", cursor: str | None = None,
               limit: int = 50) -> Any:
    product = products.product_for(request.user, product_id)
    page = paging.paginate(ideas.ideas_of(request.user, product, status=status, sort=sort), cursor=cursor,
                           limit=limit)
    return {"items": [MostWantedOut(**idea_fields(i), customers=getattr(i, "customers", 0)) for i in page.items],
            "total": page.total, "next_cursor": page.next_cursor}


@router.post("/products/{product_id}/ideas", response={201: IdeaDetailOut}, summary="Add an idea (members)")
def create_idea(request: HttpRequest, product_id: int, payload: IdeaIn) -> Any:
    product, contacts = _product(request, product_id)
    idea = ideas.create_idea(actor=request.user, product=product, title=payload.title,  # type: ignore[arg-type]
                             description=payload.description, now=timezone.now())
    return Status(201, _detail(request, idea, contacts))


@router.get("/products/{product_id}/ideas/{idea_id}", response=IdeaDetailOut,
            summary="An idea with its votes, feedback and comments")
def get_idea(request: HttpRequest, product_id: int, idea_id: int) -> Any:
    product, contacts = _product(request, product_id)
    return _detail(request, ideas.idea_for(request.user, product, idea_id), contacts)


@router.patch("/products/{product_id}/ideas/{idea_id}", response=IdeaDetailOut,
              summary="Change an idea's title, description or status (members)")
def update_idea(request: HttpRequest, product_id: int, idea_id: int, payload: IdeaPatch) -> Any:
    product, contacts = _product(request, product_id)
    idea = ideas.idea_for(request.user, product, idea_id)
    ideas.update_idea(actor=request.user, idea=idea, fields=payload.model_dump(exclude_unset=True),  # type: ignore[arg-type]
                      now=timezone.now())
    return _detail(request, idea, contacts)


@router.delete("/products/{product_id}/ideas/{idea_id}", response={204: None}, summary="Delete an idea (managers)")
def delete_idea(request: HttpRequest, product_id: int, idea_id: int) -> Any:
    product, _ = _product(request, product_id)
    ideas.delete_idea(actor=request.user, idea=ideas.idea_for(request.user, product, idea_id))  # type: ignore[arg-type]
    return Status(204, None)


@router.post("/products/{product_id}/ideas/{idea_id}/comments", response={201: CommentOut},
             summary="Comment on an idea (members)")
def comment_idea(request: HttpRequest, product_id: int, idea_id: int, payload: CommentIn) -> Any:
    product, _ = _product(request, product_id)
    idea = ideas.idea_for(request.user, product, idea_id)
    made = ideas.comment(actor=request.user, idea=idea, body=payload.body, now=timezone.now())  # type: ignore[arg-type]
    return Status(201, comment_out(made))


@router.put("/products/{product_id}/ideas/{idea_id}/votes/{customer_id}", response=IdeaDetailOut,
            summary="Record a customer's vote (once per customer; again changes nothing)")
def vote(request: HttpRequest, product_id: int, idea_id: int, customer_id: int) -> Any:
    product, contacts = _product(request, product_id)
    idea = ideas.idea_for(request.user, product, idea_id)
    customer = customers.customer_for(request.user, product, customer_id)
    ideas.vote(actor=request.user, idea=idea, customer=customer, now=timezone.now())  # type: ignore[arg-type]
    return _detail(request, idea, contacts)


@router.delete("/products/{product_id}/ideas/{idea_id}/votes/{customer_id}", response=IdeaDetailOut,
               summary="Take a customer's vote back")
def unvote(request: HttpRequest, product_id: int, idea_id: int, customer_id: int) -> Any:
    product, contacts = _product(request, product_id)
    idea = ideas.idea_for(request.user, product, idea_id)
    customer = customers.customer_for(request.user, product, customer_id)
    ideas.unvote(actor=request.user, idea=idea, customer=customer)  # type: ignore[arg-type]
    return _detail(request, idea, contacts)


@router.post("/products/{product_id}/ideas/{idea_id}/merge", response=IdeaDetailOut,
             summary="Merge a duplicate into another idea (managers); answers the surviving idea")
def merge(request: HttpRequest, product_id: int, idea_id: int, payload: MergeIn) -> Any:
    product, contacts = _product(request, product_id)
    idea = ideas.idea_for(request.user, product, idea_id)
    into = ideas.idea_for(request.user, product, payload.into, field="into")
    ideas.merge(actor=request.user, idea=idea, into=into, now=timezone.now())  # type: ignore[arg-type]
    return _detail(request, into, contacts)


@router.put("/products/{product_id}/ideas/{idea_id}/feature", response=IdeaDetailOut,
            summary="Link the feature that delivers an idea: a feature id or an issue key")
def link_feature(request: HttpRequest, product_id: int, idea_id: int, payload: LinkIn) -> Any:
    product, contacts = _product(request, product_id)
    idea = ideas.idea_for(request.user, product, idea_id)
    ideas.link_feature(actor=request.user, idea=idea, feature=payload.feature,  # type: ignore[arg-type]
                       issue=payload.issue, now=timezone.now())
    return _detail(request, idea, contacts)


@router.delete("/products/{product_id}/ideas/{idea_id}/feature", response=IdeaDetailOut,
               summary="Unlink an idea from its feature")
def unlink_feature(request: HttpRequest, product_id: int, idea_id: int) -> Any:
    product, contacts = _product(request, product_id)
    idea = ideas.idea_for(request.user, product, idea_id)
    ideas.unlink_feature(actor=request.user, idea=idea, now=timezone.now())  # type: ignore[arg-type]
    return _detail(request, idea, contacts)


# Feedback

@router.get("/products/{product_id}/feedback", response=FeedbackPage,
            summary="The feedback inbox, newest first; triage=true keeps the entries not yet on an idea")
def list_feedback(request: HttpRequest, product_id: int, triage: bool = False, cursor: str | None = None,
                  limit: int = 50) -> Any:
    product, contacts = _product(request, product_id)
    page = paging.paginate(feedback.inbox(request.user, product, triage=triage), cursor=cursor, limit=limit)
    return {"items": [feedback_out(f, contacts) for f in page.items], "total": page.total,
            "next_cursor": page.next_cursor}


@router.post("/products/{product_id}/feedback", response={201: FeedbackOut},
             summary="Add feedback, on behalf of a customer or not (members)")
def add_feedback(request: HttpRequest, product_id: int, payload: FeedbackIn) -> Any:
    product, contacts = _product(request, product_id)
    customer = (customers.customer_for(request.user, product, payload.customer, "customer")
                if payload.customer is not None else None)
    idea = ideas.idea_for(request.user, product, payload.idea, field="idea") if payload.idea is not None else None
    entry = feedback.add_feedback(
        actor=request.user, product=product, body=payload.body, customer=customer, idea=idea,  # type: ignore[arg-type]
        submitter_name=payload.submitter_name, submitter_email=payload.submitter_email,
        source=FeedbackSource.API, now=timezone.now(),
    )
    return Status(201, feedback_out(entry, contacts))


@router.patch("/products/{product_id}/feedback/{feedback_id}", response=FeedbackOut,
              summary="Attach feedback to an idea (or to a new one made from it), or detach it with idea null")
def triage(request: HttpRequest, product_id: int, feedback_id: int, payload: FeedbackPatch) -> Any:
    product, contacts = _product(request, product_id)
    entry = feedback.feedback_for(request.user, product, feedback_id)
    given = payload.model_dump(exclude_unset=True)
    if "new_idea" in given:
        feedback.attach(actor=request.user, feedback=entry, new_title=payload.new_idea,  # type: ignore[arg-type]
                        now=timezone.now())
    elif payload.idea is not None:
        idea = ideas.idea_for(request.user, product, payload.idea, field="idea")
        feedback.attach(actor=request.user, feedback=entry, idea=idea, now=timezone.now())  # type: ignore[arg-type]
    elif "idea" in given:
        feedback.detach(actor=request.user, feedback=entry)  # type: ignore[arg-type]
    return feedback_out(entry, contacts)


@router.delete("/products/{product_id}/feedback/{feedback_id}", response={204: None},
               summary="Delete a feedback entry (managers)")
def delete_feedback(request: HttpRequest, product_id: int, feedback_id: int) -> Any:
    product, _ = _product(request, product_id)
    entry = feedback.feedback_for(request.user, product, feedback_id)
    feedback.delete_feedback(actor=request.user, feedback=entry)  # type: ignore[arg-type]
    return Status(204, None)
