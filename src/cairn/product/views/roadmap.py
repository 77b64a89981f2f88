"""Pages: a product's roadmap (lanes and timeline, drawn in the browser from the same
answer as the API, so a 500-item roadmap renders fast), and the public page of a shared
link, read-only, without login."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from cairn.product.services import roadmap as roadmaps
from cairn.product.services import roadmap_data, roadmap_links
from cairn.product.views.shared import product_page

LINKS_SHOWN = 50


@login_required
def roadmap_page(request: HttpRequest, product_id: int) -> HttpResponse:
    context = product_page(request, product_id, "roadmap")
    product = context["product"]
    roadmap = roadmaps.roadmap_of(request.user, product, timezone.now().date())
    links = list(roadmap_links.links_of(request.user, product)[:LINKS_SHOWN]) if context["may_manage"] else []
    return render(request, "product/roadmap.html", {
        **context, "data": roadmap_data.team_data(roadmap), "links": links,
        "shareable": [(name, roadmap_links.LABELS[name], name in roadmap_links.DEFAULT_FIELDS)
                      for name in roadmap_links.SHAREABLE],
    })


@never_cache
def public_roadmap_page(request: HttpRequest, token: str) -> HttpResponse:
    # A revoked or unknown token raises NotFound, which the middleware renders as a 404.
    shared = roadmap_links.roadmap_for_link(token, timezone.now())
    response = render(request, "product/roadmap_public.html", {
        "data": roadmap_data.public_data(shared), "product_name": shared.roadmap.product.name,
    })
    # The token is in the address: it must not travel on to sites the page links to.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
