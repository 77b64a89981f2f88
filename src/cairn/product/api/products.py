"""API for products: their strategy texts, owner and delivering projects."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn import paging
from cairn.errors import Invalid, NotFound
from cairn.inputs import Input
from cairn.product.models import Product
from cairn.product.services import products
from cairn.workspaces.services import workspace_by_slug, workspaces_of

router = Router(tags=["products"])


class ProductOut(Schema):
    id: int
    name: str
    workspace: str
    owner: str | None
    vision: str
    strategy: str
    audience: str
    positioning: str
    pricing: str
    projects: list[str]
    feedback_open: bool
    public_feedback_url: str
    created_at: dt.datetime
    url: str


class ProductPage(Schema):
    items: list[ProductOut]
    total: int
    next_cursor: str | None


class ProductIn(Input):
    name: str
    workspace: str | None = None
    vision: str = ""
    strategy: str = ""
    audience: str = ""
    positioning: str = ""
    pricing: str = ""


class ProductPatch(Input):
    name: str | None = None
    owner: str | None = None
    vision: str | None = None
    strategy: str | None = None
    audience: str | None = None
    positioning: str | None = None
    pricing: str | None = None
    feedback_open: bool | None = None


class ProjectsIn(Input):
    projects: list[str]


def product_out(request: HttpRequest, product: Product) -> ProductOut:
    return ProductOut(
        id=product.pk, name=product.name, workspace=product.workspace.slug,
        owner=product.owner.username if product.owner else None,
        vision=product.vision, strategy=product.strategy, audience=product.audience,
        positioning=product.positioning, pricing=product.pricing,
        projects=[p.key for p in products.delivering_projects(request.user, product)],
        feedback_open=product.feedback_open, public_feedback_url=f"/feedback/{product.public_slug}/",
        created_at=product.created_at, url=f"/products/{product.pk}/",
    )


@router.get("/products", response=ProductPage, summary="The products of your workspaces")
def list_products(request: HttpRequest, cursor: str | None = None, limit: int = 50) -> Any:
    page = paging.paginate(products.products_for(request.user), cursor=cursor, limit=limit)
    return {"items": [product_out(request, p) for p in page.items], "total": page.total,
            "next_cursor": page.next_cursor}


@router.post("/products", response={201: ProductOut},
             summary="Create a product (managers; name the workspace when you are in several)")
def create_product(request: HttpRequest, payload: ProductIn) -> Any:
    workspace = _workspace(request, payload.workspace)
    product = products.create_product(
        actor=request.user, workspace=workspace, name=payload.name, now=timezone.now(),  # type: ignore[arg-type]
        **payload.model_dump(include=set(products.TEXTS)),
    )
    return Status(201, product_out(request, product))


@router.get("/products/{product_id}", response=ProductOut, summary="A product")
def get_product(request: HttpRequest, product_id: int) -> Any:
    return product_out(request, products.product_for(request.user, product_id))


@router.patch("/products/{product_id}", response=ProductOut, summary="Change a product's strategy, owner or name")
def update_product(request: HttpRequest, product_id: int, payload: ProductPatch) -> Any:
    product = products.product_for(request.user, product_id)
    product = products.update_product(actor=request.user, product=product,  # type: ignore[arg-type]
                                      fields=payload.model_dump(exclude_unset=True))
    return product_out(request, product)


@router.put("/products/{product_id}/projects", response=ProductOut, summary="Set the projects that deliver a product")
def set_projects(request: HttpRequest, product_id: int, payload: ProjectsIn) -> Any:
    product = products.product_for(request.user, product_id)
    products.set_projects(actor=request.user, product=product, keys=payload.projects)  # type: ignore[arg-type]
    return product_out(request, product)


def _workspace(request: HttpRequest, slug: str | None) -> Any:
    if slug:
        try:
            return workspace_by_slug(request.user, slug)
        except NotFound:
            raise Invalid.field("workspace", f"no workspace {slug} of yours") from None
    mine = list(workspaces_of(request.user)[:2])
    if len(mine) != 1:
        raise Invalid.field("workspace", "name the workspace (its slug)" if mine else "you are in no workspace")
    return mine[0]
