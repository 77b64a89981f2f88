"""The product's public side: the feedback form anyone may fill in without an account,
the private page where a submitter follows their request, and telling the people who
asked once the feature that delivers their idea ships.

The form is refused when the product closed it, silently swallows what a bot put in its
hidden field, and takes at most RATE_LIMIT entries an hour from one network address
(counted in the database, so every app process counts the same).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils.crypto import salted_hmac

from cairn import values
from cairn.errors import DomainError, Invalid, NotFound
from cairn.links import public_address
from cairn.product.models import Customer, Feature, Feedback, FeedbackSource, Idea, IdeaStatus, Product, Vote
from cairn.product.services import customers, feedback, ideas

RATE_LIMIT = 5
RATE_WINDOW = timedelta(hours=1)
PLAIN_STATUS = {
    IdeaStatus.NEW: "Received — the team will look at it soon.",
    IdeaStatus.UNDER_REVIEW: "Under review — the team is considering it.",
    IdeaStatus.PLANNED: "Planned — it is on the team's plan.",
    IdeaStatus.IN_PROGRESS: "In progress — the team is building it.",
    IdeaStatus.SHIPPED: "Shipped — it is available now.",
    IdeaStatus.DECLINED: "Not planned — the team decided not to build it for now.",
}


class TooManyRequests(DomainError):
    status = 429


def product_by_slug(slug: Any) -> Product:
    found = Product.objects.filter(public_slug=str(slug)).select_related("workspace").first()
    if found is None:
        raise NotFound("No such feedback form")
    return found


def submit_public(*, product: Product, title: Any, description: Any, name: Any, email: Any, company: Any,
                  honeypot: Any, address: str, now: datetime) -> str:
    """Takes a visitor's request: a new idea with their feedback and their company's
    vote. Answers the secret token of their follow link."""
    if not product.feedback_open:
        raise Invalid("This product does not take feedback at the moment")
    if not values.is_blank(honeypot):
        # A bot filled the field people never see: it is thanked and nothing is kept.
        return secrets.token_hex(32)
    sender = address_hash(address)
    if Feedback.objects.filter(address_hash=sender, created_at__gte=now - RATE_WINDOW).count() >= RATE_LIMIT:
        raise TooManyRequests(f"You sent {RATE_LIMIT} requests within the hour: please try again later")
    heading = values.text(title, "title", max_length=ideas.MAX_TITLE, required=True)
    details = values.text(description, "description", max_length=feedback.MAX_BODY, strip=False)
    person = values.text(name, "name", max_length=200)
    contact = customers.clean_email(email, "email", required=True)
    firm = values.text(company, "company", max_length=200) or contact.split("@", 1)[1]
    with transaction.atomic():
        customer = _customer(product, contact, person, firm, now)
        idea = ideas.create_idea(actor=None, product=product, title=heading, description=details, now=now)
        entry = Feedback.objects.create(
            product=product, idea=idea, customer=customer, source=FeedbackSource.PUBLIC_FORM,
            body=f"{heading}\n\n{details}".strip(), submitter_name=person, submitter_email=contact,
            address_hash=sender, created_at=now,
        )
        token = feedback.give_follow_token(entry)
        ideas.vote(actor=None, idea=idea, customer=customer, now=now)
    return token


def address_hash(address: str) -> str:
    """The sender's address as the rate limit counts it: a SHA-256 keyed with the server's
    secret, since a plain hash of an IPv4 address is undone by trying all four billion."""
    return salted_hmac("cairn.product.feedback.address", address, algorithm="sha256").hexdigest()


def _customer(product: Product, email: str, name: str, company: str, now: datetime) -> Customer:
    found = Customer.objects.filter(workspace_id=product.workspace_id, contact_email__iexact=email).first()
    if found is not None:
        return found
    return Customer.objects.create(workspace_id=product.workspace_id, company=company, contact_name=name,
                                   contact_email=email, created_at=now)


@dataclass(frozen=True)
class Followed:
    """What the follow page tells a submitter: only their request's title and where it
    stands, never anyone else's feedback."""

    product: str
    title: str
    status: str
    plain_status: str
    shipped: bool
    shipped_at: datetime | None


def follow(token: Any) -> Followed:
    if not isinstance(token, str) or not token:
        raise NotFound("No such request")
    entry = (Feedback.objects.filter(follow_token_hash=feedback.hash_token(token))
             .select_related("product", "idea").first())
    if entry is None:
        raise NotFound("No such request")
    if entry.idea is None:
        return Followed(entry.product.name, feedback.first_line(entry.body), IdeaStatus.NEW,
                        PLAIN_STATUS[IdeaStatus.NEW], False, None)
    idea = ideas.surviving(entry.idea)
    status = IdeaStatus(idea.status) if idea.status != IdeaStatus.MERGED else IdeaStatus.UNDER_REVIEW
    return Followed(entry.product.name, idea.title, status.value, PLAIN_STATUS[status],
                    status == IdeaStatus.SHIPPED, idea.shipped_at)


def follow_link(entry: Feedback) -> str:
    return f"{public_address()}/feedback/follow/{feedback.follow_token(entry)}/"


def ship_ideas(*, product: Product, features: list[Feature], now: datetime) -> list[Idea]:
    """Marks the ideas these features deliver as shipped and tells everyone who asked
    for them — each feedback submitter and each voting customer's contact, once — after
    the transaction commits. Answers the ideas that just shipped."""
    with transaction.atomic():
        delivered = list(Idea.objects.filter(product=product, feature__in=[f.pk for f in features])
                         .exclude(status=IdeaStatus.MERGED).select_for_update())
        newly = [idea for idea in delivered if idea.status != IdeaStatus.SHIPPED]
        Idea.objects.filter(pk__in=[i.pk for i in newly]).update(status=IdeaStatus.SHIPPED, shipped_at=now,
                                                                 updated_at=now)
        mails = _mails(product, delivered, newly)
        Feedback.objects.filter(idea__in=delivered, notified_at__isnull=True).update(notified_at=now)
    if mails:
        transaction.on_commit(lambda: _send(mails), robust=True)
    for idea in newly:
        idea.status, idea.shipped_at = IdeaStatus.SHIPPED, now
    return newly


def _mails(product: Product, delivered: list[Idea], newly: list[Idea]) -> list[EmailMessage]:
    """One mail per person and idea: first the submitters not yet told (with their follow
    link), then the voting customers of ideas that just shipped who were not among them."""
    told: set[tuple[int, str]] = set()
    mails = []
    waiting = (Feedback.objects.filter(idea__in=delivered, notified_at__isnull=True)
               .select_related("customer", "idea").order_by("created_at", "id"))
    for entry in waiting:
        assert entry.idea is not None
        address = (entry.submitter_email or (entry.customer.contact_email if entry.customer else "")).lower()
        if address and (entry.idea.pk, address) not in told:
            told.add((entry.idea.pk, address))
            mails.append(_mail(product, entry.idea, address, follow_link(entry)))
    voters = Vote.objects.filter(idea__in=newly).exclude(customer__contact_email="").select_related("customer", "idea")
    for vote in voters.order_by("id"):
        address = vote.customer.contact_email.lower()
        if (vote.idea.pk, address) not in told:
            told.add((vote.idea.pk, address))
            mails.append(_mail(product, vote.idea, address, None))
    return mails


def _mail(product: Product, idea: Idea, address: str, link: str | None) -> EmailMessage:
    body = (f"Good news: “{idea.title}”, which you asked the {product.name} team for, has shipped.\n\n"
            "Thank you for telling us what you needed.")
    if link:
        body += f"\n\nYour request's page:\n{link}"
    return EmailMessage(f"Shipped: {idea.title}", body, None, [address])


def _send(mails: list[EmailMessage]) -> None:
    with get_connection() as connection:
        connection.send_messages(mails)
