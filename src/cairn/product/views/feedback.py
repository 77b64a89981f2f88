"""Pages: a product's feedback inbox (triaged in place), its ideas ("most wanted"), an
idea with its votes, feedback and comments, and its customers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cairn import paging
from cairn.errors import DomainError
from cairn.markup import render as markdown
from cairn.product.models import Feature, Feedback, IdeaStatus, Product
from cairn.product.services import customers, feedback, ideas
from cairn.product.views.shared import form_errors, product_page

PAGE_SIZE = 50
INBOX_PAGE_SIZE = 25
MAX_CHOICES = 200
SORTS = [("votes", "Votes"), ("customers", "Customers"), ("revenue", "Revenue")]
CUSTOMER_FIELDS = customers.FIELDS


def _paged(request: HttpRequest, qs: Any, size: int = PAGE_SIZE) -> dict[str, Any]:
    page = paging.paginate(qs, cursor=request.GET.get("cursor"), limit=size)
    previous_url, next_url = paging.page_urls(request.GET, page, size)
    return {"page": page, "previous_url": previous_url, "next_url": next_url}


def _open_ideas(request: HttpRequest, product: Product) -> list[Any]:
    """The ideas a row's entry may be attached to: the most wanted open ones, by title.
    Capped, since every row of the inbox lists them; the API attaches to any idea."""
    found = ideas.ideas_of(request.user, product, sort="votes").values("id", "title")[:MAX_CHOICES]
    return sorted(found, key=lambda i: i["title"].lower())


@login_required
def inbox(request: HttpRequest, product_id: int) -> HttpResponse:
    context = product_page(request, product_id, "feedback")
    product, errors = context["product"], {}
    contacts = customers.may_see_contacts(request.user, product)
    if request.method == "POST":
        try:
            customer = (customers.customer_for(request.user, product, request.POST["customer"], "customer")
                        if request.POST.get("customer") else None)
            feedback.add_feedback(actor=request.user, product=product, body=request.POST.get("body", ""),  # type: ignore[arg-type]
                                  customer=customer, submitter_name=request.POST.get("submitter_name", ""),
                                  submitter_email=request.POST.get("submitter_email", ""), now=timezone.now())
            messages.success(request, "Feedback added to the inbox.")
            return redirect(f"/products/{product.pk}/feedback/")
        except DomainError as failure:
            errors = form_errors(failure)
    show = "all" if request.GET.get("show") == "all" else "triage"
    entries = feedback.inbox(request.user, product, triage=show == "triage")
    return render(request, "product/feedback_inbox.html", {
        **context, **_paged(request, entries, INBOX_PAGE_SIZE), "show": show, "contacts": contacts, "errors": errors,
        "values": request.POST, "ideas": _open_ideas(request, product) if context["may_contribute"] else [],
        "customers": customers.customers_of(request.user, product)[:500] if context["may_contribute"] else [],
    }, status=422 if errors else 200)


@login_required
@require_POST
def triage(request: HttpRequest, product_id: int, feedback_id: int) -> HttpResponse:
    """One inbox row, attached, detached or filed under a new idea; answers the row."""
    context = product_page(request, product_id, "feedback")
    product, error = context["product"], ""
    entry = feedback.feedback_for(request.user, product, feedback_id)
    try:
        action, now = request.POST.get("action"), timezone.now()
        if action == "new":
            feedback.attach(actor=request.user, feedback=entry, new_title=request.POST.get("title"), now=now)  # type: ignore[arg-type]
        elif action == "attach":
            idea = ideas.idea_for(request.user, product, request.POST.get("idea"), field="idea")
            feedback.attach(actor=request.user, feedback=entry, idea=idea, now=now)  # type: ignore[arg-type]
        else:
            feedback.detach(actor=request.user, feedback=entry)  # type: ignore[arg-type]
    except DomainError as failure:
        error = failure.message
    entry = Feedback.objects.select_related("customer", "idea", "created_by").get(pk=entry.pk)
    return render(request, "product/feedback_row.html", {
        **context, "entry": entry, "error": error, "ideas": _open_ideas(request, product),
        "contacts": customers.may_see_contacts(request.user, product),
    }, status=422 if error else 200)


@login_required
def idea_list(request: HttpRequest, product_id: int) -> HttpResponse:
    context = product_page(request, product_id, "ideas")
    product, errors = context["product"], {}
    if request.method == "POST":
        try:
            made = ideas.create_idea(actor=request.user, product=product, title=request.POST.get("title"),  # type: ignore[arg-type]
                                     description=request.POST.get("description", ""), now=timezone.now())
            return redirect(f"/products/{product.pk}/ideas/{made.pk}/")
        except DomainError as failure:
            errors = form_errors(failure)
    sort = request.GET.get("sort") if request.GET.get("sort") in dict(SORTS) else "votes"
    status = request.GET.get("status", "") if request.GET.get("status") in IdeaStatus.values else ""
    found = ideas.ideas_of(request.user, product, status=status, sort=sort)
    return render(request, "product/idea_list.html", {
        **context, **_paged(request, found), "sort": sort, "sorts": SORTS, "status": status,
        "statuses": IdeaStatus.choices, "errors": errors, "values": request.POST,
    }, status=422 if errors else 200)


@login_required
def idea_detail(request: HttpRequest, product_id: int, idea_id: int) -> HttpResponse:
    context = product_page(request, product_id, "ideas")
    product, errors = context["product"], {}
    idea = ideas.idea_for(request.user, product, idea_id)
    if request.method == "POST":
        try:
            target = _act_on_idea(request, product, idea)
            return redirect(f"/products/{product.pk}/ideas/{target}/" if target else f"/products/{product.pk}/ideas/")
        except DomainError as failure:
            errors = form_errors(failure)
            idea = ideas.idea_for(request.user, product, idea_id)
    seen = ideas.detail(request.user, idea)
    voters = {v.customer_id for v in seen.votes}
    return render(request, "product/idea_detail.html", {
        **context, "idea": idea, "seen": seen, "errors": errors, "values": request.POST,
        "description": markdown(idea.description), "statuses": [c for c in IdeaStatus.choices if c[0] != "merged"],
        "contacts": customers.may_see_contacts(request.user, product),
        "comments": [(c, markdown(c.body)) for c in seen.comments],
        "surviving": ideas.surviving(idea) if idea.merged_into_id else None,
        "others": list(ideas.ideas_of(request.user, product).exclude(pk=idea.pk).order_by("title")
                       .values("id", "title")[:1000]) if context["may_manage"] else [],
        "features": list(Feature.objects.filter(product=product).values("id", "title")[:500])
        if context["may_contribute"] else [],
        "customers": [c for c in customers.customers_of(request.user, product)[:500] if c.pk not in voters]
        if context["may_contribute"] else [],
    }, status=422 if errors else 200)


def _act_on_idea(request: HttpRequest, product: Product, idea: Any) -> int | None:
    """Carries out the idea page's form; answers the idea to show next (None: the list)."""
    action, post, now, actor = request.POST.get("action"), request.POST, timezone.now(), request.user
    if action == "update":
        fields = {name: post[name] for name in ("title", "description", "status") if name in post}
        ideas.update_idea(actor=actor, idea=idea, fields=fields, now=now)  # type: ignore[arg-type]
    elif action == "comment":
        ideas.comment(actor=actor, idea=idea, body=post.get("body", ""), now=now)  # type: ignore[arg-type]
    elif action in ("vote", "unvote"):
        customer = customers.customer_for(actor, product, post.get("customer"), "customer")
        if action == "vote":
            ideas.vote(actor=actor, idea=idea, customer=customer, now=now)  # type: ignore[arg-type]
        else:
            ideas.unvote(actor=actor, idea=idea, customer=customer)  # type: ignore[arg-type]
    elif action == "merge":
        into = ideas.idea_for(actor, product, post.get("into"), field="into")
        ideas.merge(actor=actor, idea=idea, into=into, now=now)  # type: ignore[arg-type]
        messages.success(request, f"Merged “{idea.title}” into this idea.")
        return into.pk
    elif action == "link":
        ideas.link_feature(actor=actor, idea=idea, feature=post.get("feature") or None,  # type: ignore[arg-type]
                           issue=post.get("issue") or None, now=now)
    elif action == "unlink":
        ideas.unlink_feature(actor=actor, idea=idea, now=now)  # type: ignore[arg-type]
    elif action == "delete":
        ideas.delete_idea(actor=actor, idea=idea)  # type: ignore[arg-type]
        messages.success(request, "Idea deleted.")
        return None
    return int(idea.pk)


@login_required
def customer_list(request: HttpRequest, product_id: int) -> HttpResponse:
    context = product_page(request, product_id, "customers")
    product, errors = context["product"], {}
    if request.method == "POST":
        try:
            _act_on_customer(request, product)
            return redirect(request.get_full_path())
        except DomainError as failure:
            errors = form_errors(failure)
    query = request.GET.get("q", "")
    found = customers.customers_of(request.user, product, search=query)
    return render(request, "product/customer_list.html", {
        **context, **_paged(request, found), "q": query, "errors": errors, "values": request.POST,
        "contacts": customers.may_see_contacts(request.user, product),
    }, status=422 if errors else 200)


def _act_on_customer(request: HttpRequest, product: Product) -> None:
    post, actor = request.POST, request.user
    fields = {name: post[name] for name in CUSTOMER_FIELDS if name in post}
    if post.get("action") == "create":
        customers.create_customer(actor=actor, product=product, fields=fields, now=timezone.now())  # type: ignore[arg-type]
        messages.success(request, "Customer added.")
        return
    customer = customers.customer_for(actor, product, post.get("customer"), "customer")
    if post.get("action") == "delete":
        customers.delete_customer(actor=actor, product=product, customer=customer)  # type: ignore[arg-type]
        messages.success(request, f"{customer.company} removed.")
    else:
        customers.update_customer(actor=actor, product=product, customer=customer, fields=fields)  # type: ignore[arg-type]
        messages.success(request, "Saved.")
