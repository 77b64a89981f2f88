"""Use cases on customers: the companies behind feedback and votes.

Customers belong to the workspace, so every product of it counts the same company once.
Members keep them; guests read the company, segment, plan and revenue, never the contact
(name and e-mail), which stays with the team.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet, Sum

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Invalid, NotFound
from cairn.product.models import Customer, Idea, Product
from cairn.product.services import products
from cairn.workspaces import policy

Action = policy.Action
FIELDS = ("company", "contact_name", "contact_email", "segment", "plan", "annual_revenue")
MAX_REVENUE = Decimal("999999999999.99")


def may_see_contacts(actor: User | Any, product: Product) -> bool:
    """Members and above see who to call; guests see the company only."""
    return products.may(actor, Action.EDIT_ISSUES, product)


def customers_of(actor: User | Any, product: Product, *, search: str = "") -> QuerySet[Customer]:
    """The workspace's customers by company; a search matches the company, segment and
    plan, and the contact only for those who may see it."""
    products.require(actor, Action.VIEW, product)
    found = Customer.objects.filter(workspace_id=product.workspace_id)
    words = values.no_nul(search or "", "q").strip()
    if words:
        match = Q(company__icontains=words) | Q(segment__icontains=words) | Q(plan__icontains=words)
        if may_see_contacts(actor, product):
            match |= Q(contact_name__icontains=words) | Q(contact_email__icontains=words)
        found = found.filter(match)
    return found


def customer_for(actor: User | Any, product: Product, customer_id: Any, field: str = "customer") -> Customer:
    """A customer of the product's workspace; NotFound naming the id otherwise."""
    products.require(actor, Action.VIEW, product)
    try:
        pk = int(customer_id)
    except (TypeError, ValueError):
        raise NotFound(f"No customer {customer_id}") from None
    customer = Customer.objects.filter(workspace_id=product.workspace_id, pk=pk).first()
    if customer is None:
        raise NotFound(f"No customer {pk}")
    return customer


def create_customer(*, actor: User, product: Product, fields: dict[str, Any], now: datetime) -> Customer:
    products.require(actor, Action.EDIT_ISSUES, product)
    customer = Customer(workspace_id=product.workspace_id, created_at=now)
    _apply(customer, {"company": None, **fields})
    customer.save()
    return customer


def update_customer(*, actor: User, product: Product, customer: Customer, fields: dict[str, Any]) -> Customer:
    """Changes the given fields; a new revenue is at once the revenue behind every idea
    the customer voted for."""
    products.require(actor, Action.EDIT_ISSUES, product)
    revenue = customer.annual_revenue
    _apply(customer, fields)
    with transaction.atomic():
        customer.save()
        if customer.annual_revenue != revenue:
            for idea in Idea.objects.filter(votes__customer=customer).distinct():
                recount(idea)
    return customer


def delete_customer(*, actor: User, product: Product, customer: Customer) -> None:
    """Their votes go with them; their feedback stays, without a customer."""
    products.require(actor, Action.EDIT_ISSUES, product)
    with transaction.atomic():
        voted = list(Idea.objects.filter(votes__customer=customer).distinct())
        customer.delete()
        for idea in voted:
            recount(idea)


def recount(idea: Idea) -> None:
    """The idea's votes and the revenue behind them, from its votes as they stand now.
    Called in the transaction that changed the votes: the row lock makes a concurrent
    change wait, and the count that follows (a new statement) sees what it committed."""
    list(Idea.objects.select_for_update().filter(pk=idea.pk).values_list("pk", flat=True))
    totals = idea.votes.aggregate(revenue=Sum("customer__annual_revenue"))
    idea.vote_count = idea.votes.count()
    idea.revenue = totals["revenue"] or Decimal(0)
    Idea.objects.filter(pk=idea.pk).update(vote_count=idea.vote_count, revenue=idea.revenue)


def clean_email(raw: Any, field: str, *, required: bool = False) -> str:
    address = values.text(raw, field, max_length=254, required=required).lower()
    if address:
        try:
            validate_email(address)
        except ValidationError:
            raise Invalid.field(field, "is not an e-mail address") from None
    return address


def _apply(customer: Customer, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of a customer")
    if "company" in fields:
        customer.company = values.text(fields["company"], "company", max_length=200, required=True)
    if "contact_name" in fields:
        customer.contact_name = values.text(fields["contact_name"], "contact_name", max_length=200)
    if "contact_email" in fields:
        customer.contact_email = clean_email(fields["contact_email"], "contact_email")
    for name in ("segment", "plan"):
        if name in fields:
            setattr(customer, name, values.text(fields[name], name, max_length=60))
    if "annual_revenue" in fields:
        revenue = values.decimal(fields["annual_revenue"], "annual_revenue", places=2, maximum=MAX_REVENUE)
        customer.annual_revenue = revenue if revenue is not None else Decimal(0)
