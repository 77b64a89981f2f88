"""Use cases on a product's feedback inbox: entries added by the team on behalf of a
customer or through the API, triaged by attaching each to an idea.

Attaching a customer's feedback to an idea is that customer's vote for it; detaching
takes the vote back unless other feedback of theirs stays on the idea.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.crypto import salted_hmac

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Invalid, NotFound
from cairn.product.models import Customer, Feedback, FeedbackSource, Idea, Product, Vote
from cairn.product.services import customers, ideas, products
from cairn.product.services.customers import recount
from cairn.workspaces import policy

Action = policy.Action
MAX_BODY = 20_000
# The sources the team and scripts may give; the public form has its own use case.
SOURCES = (FeedbackSource.TEAM, FeedbackSource.API)


def inbox(actor: User | Any, product: Product, *, triage: bool = False) -> QuerySet[Feedback]:
    """The product's feedback, newest first; `triage` keeps the entries not yet attached
    to an idea."""
    products.require(actor, Action.VIEW, product)
    found = Feedback.objects.filter(product=product).select_related("customer", "idea", "created_by")
    return found.filter(idea__isnull=True) if triage else found


def feedback_for(actor: User | Any, product: Product, feedback_id: Any) -> Feedback:
    products.require(actor, Action.VIEW, product)
    try:
        found = Feedback.objects.filter(product=product, pk=int(feedback_id)).select_related("customer", "idea").first()
    except (TypeError, ValueError, OverflowError):
        found = None
    if found is None:
        raise NotFound(f"No feedback {feedback_id}")
    return found


def add_feedback(*, actor: User, product: Product, body: Any, now: datetime, source: Any = FeedbackSource.TEAM,
                 customer: Customer | None = None, submitter_name: Any = "", submitter_email: Any = "",
                 idea: Idea | None = None) -> Feedback:
    """An entry in the inbox, in the customer's own words; attached at once when an idea
    is given."""
    products.require(actor, Action.EDIT_ISSUES, product)
    if source not in SOURCES:
        raise Invalid.field("source", f"must be one of {', '.join(SOURCES)}")
    if customer is not None and customer.workspace_id != product.workspace_id:
        raise Invalid.field("customer", f"no customer {customer.pk} in this workspace")
    with transaction.atomic():
        entry = Feedback.objects.create(
            product=product, customer=customer, source=source, created_by=actor, created_at=now,
            body=values.text(body, "body", max_length=MAX_BODY, required=True, strip=False),
            submitter_name=values.text(submitter_name, "submitter_name", max_length=200),
            submitter_email=customers.clean_email(submitter_email, "submitter_email"),
        )
        give_follow_token(entry)
        if idea is not None:
            attach(actor=actor, feedback=entry, idea=idea, now=now)
    return entry


def attach(*, actor: User | None, feedback: Feedback, now: datetime, idea: Idea | None = None,
           new_title: Any = None) -> Idea:
    """Files the entry under an idea — an existing one, or a new one made from it
    (`new_title`, its first line when blank) — and records its customer's vote."""
    if actor is not None:
        products.require(actor, Action.EDIT_ISSUES, feedback.product)
    with transaction.atomic():
        if idea is None:
            title = new_title if not values.is_blank(new_title) else first_line(feedback.body)
            idea = ideas.create_idea(actor=actor, product=feedback.product, title=title, now=now,
                                     description=feedback.body)
        elif idea.product_id != feedback.product_id:
            raise Invalid.field("idea", f"no idea {idea.pk} in this product")
        ideas.refuse_merged(idea)
        previous = feedback.idea
        feedback.idea = idea
        feedback.save(update_fields=["idea"])
        if previous is not None and previous.pk != idea.pk:
            _take_back_vote(feedback, previous)
        if feedback.customer is not None:
            ideas.vote(actor=None, idea=idea, customer=feedback.customer, now=now)
    return idea


def detach(*, actor: User, feedback: Feedback) -> Feedback:
    """Back to the inbox, to be triaged again."""
    products.require(actor, Action.EDIT_ISSUES, feedback.product)
    with transaction.atomic():
        previous = feedback.idea
        feedback.idea = None
        feedback.save(update_fields=["idea"])
        if previous is not None:
            _take_back_vote(feedback, previous)
    return feedback


def delete_feedback(*, actor: User, feedback: Feedback) -> None:
    products.require(actor, Action.MANAGE_PROJECT, feedback.product)
    with transaction.atomic():
        previous = feedback.idea
        feedback.delete()
        if previous is not None:
            _take_back_vote(feedback, previous)


def give_follow_token(entry: Feedback) -> str:
    """The entry's secret follow link token. It is derived from the entry and the server's
    secret, so a mail sent later can carry the same link, while the database keeps only
    its hash."""
    token = follow_token(entry)
    entry.follow_token_hash = hash_token(token)
    entry.save(update_fields=["follow_token_hash"])
    return token


def follow_token(entry: Feedback) -> str:
    return salted_hmac("cairn.product.feedback.follow", str(entry.pk), algorithm="sha256").hexdigest()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _take_back_vote(feedback: Feedback, idea: Idea) -> None:
    if feedback.customer_id is None:
        return
    if Feedback.objects.filter(idea=idea, customer_id=feedback.customer_id).exists():
        return
    Vote.objects.filter(idea=idea, customer_id=feedback.customer_id).delete()
    recount(idea)


def first_line(body: str) -> str:
    line = next((line.strip() for line in body.splitlines() if line.strip()), "Feedback")
    return line[: ideas.MAX_TITLE]
