"""Pages: the list of products, and a product's overview (its strategy and the projects
that deliver it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import paging
from cairn.errors import DomainError, Invalid
from cairn.markup import render as markdown
from cairn.product.services import products, standing
from cairn.product.views.shared import form_errors, product_page
from cairn.workspaces import policy
from cairn.workspaces.models import Role, Workspace
from cairn.workspaces.services import workspaces_of

PAGE_SIZE = 50
TEXT_LABELS = [("vision", "Vision"), ("strategy", "Strategy"), ("audience", "Target audience"),
               ("positioning", "Positioning"), ("pricing", "Pricing")]


def _managed(request: HttpRequest) -> list[Workspace]:
    return [w for w in workspaces_of(request.user)  # type: ignore[arg-type]
            if policy.workspace_can(request.user, policy.Action.MANAGE_PROJECT, w.pk)]


@login_required
def product_list(request: HttpRequest) -> HttpResponse:
    managed, errors = _managed(request), {}
    if request.method == "POST":
        try:
            workspace = next((w for w in managed if str(w.pk) == request.POST.get("workspace")), None)
            if workspace is None:
                raise Invalid.field("workspace", "choose a workspace you manage")
            product = products.create_product(actor=request.user, workspace=workspace,  # type: ignore[arg-type]
                                              name=request.POST.get("name", ""), now=timezone.now(),
                                              vision=request.POST.get("vision", ""))
            messages.success(request, f"Product {product.name} created.")
            return redirect(f"/products/{product.pk}/")
        except DomainError as failure:
            errors = form_errors(failure)
    page = paging.paginate(products.products_for(request.user), cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    previous_url, next_url = paging.page_urls(request.GET, page, PAGE_SIZE)
    return render(request, "product/product_list.html", {
        "nav": "products", "products": page.items, "page": page, "previous_url": previous_url,
        "next_url": next_url, "workspaces": managed, "errors": errors, "values": request.POST,
    }, status=422 if errors else 200)


@login_required
def product_overview(request: HttpRequest, product_id: int) -> HttpResponse:
    context = product_page(request, product_id, "overview")
    product, errors = context["product"], {}
    if request.method == "POST":
        try:
            if request.POST.get("action") == "projects":
                keys = [k for k in request.POST.get("projects", "").replace(",", " ").split() if k]
                products.set_projects(actor=request.user, product=product, keys=keys)  # type: ignore[arg-type]
            else:
                fields = {name: request.POST[name] for name, _ in TEXT_LABELS if name in request.POST}
                if "name" in request.POST:
                    fields["name"] = request.POST["name"]
                if "owner" in request.POST:
                    fields["owner"] = request.POST["owner"]
                fields["feedback_open"] = request.POST.get("feedback_open") == "on"
                products.update_product(actor=request.user, product=product, fields=fields)  # type: ignore[arg-type]
            messages.success(request, "Saved.")
            return redirect(f"/products/{product.pk}/")
        except DomainError as failure:
            errors = form_errors(failure)
    return render(request, "product/overview.html", {
        **context, "errors": errors, "values": request.POST,
        "texts": [(name, label, getattr(product, name), markdown(getattr(product, name))) for name, label in TEXT_LABELS],
        "projects": products.delivering_projects(request.user, product),
        "people": policy.workspace_people(product.workspace, Role.MEMBER),
        "standing": standing.standing_of(request.user, product, timezone.now()),
    }, status=422 if errors else 200)
