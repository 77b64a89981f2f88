"""Research pages: the list of notes, and a note whose passages, selected with the mouse,
become insights linked to the product's ideas and features."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import paging
from cairn.errors import DomainError
from cairn.markup import render as markdown
from cairn.product.models import Feature, Idea, ResearchKind, ResearchNote
from cairn.product.services import research
from cairn.product.views.shared import form_errors, product_page

PAGE_SIZE = 50
NOTE_FORM = ("title", "kind", "participant", "held_on", "body")


@login_required
def notes(request: HttpRequest, product_id: int) -> HttpResponse:
    context = product_page(request, product_id, "research")
    product, errors = context["product"], {}
    if request.method == "POST":
        try:
            made = research.create_note(actor=request.user, product=product, now=timezone.now(),  # type: ignore[arg-type]
                                        **{name: request.POST.get(name, "") for name in NOTE_FORM})
            return redirect(f"/products/{product.pk}/research/{made.pk}/")
        except DomainError as failure:
            errors = form_errors(failure)
    page = paging.paginate(research.notes_of(request.user, product), cursor=request.GET.get("cursor"),
                           limit=PAGE_SIZE)
    previous_url, next_url = paging.page_urls(request.GET, page, PAGE_SIZE)
    return render(request, "product/research_list.html", {
        **context, "notes": page.items, "page": page, "previous_url": previous_url, "next_url": next_url,
        "kinds": ResearchKind.choices, "errors": errors, "values": request.POST,
    }, status=422 if errors else 200)


@login_required
def note(request: HttpRequest, product_id: int, note_id: int) -> HttpResponse:
    context = product_page(request, product_id, "research")
    product, errors = context["product"], {}
    found = research.note_for(request.user, product, note_id)
    if request.method == "POST":
        try:
            anchor = _act(request, found)
            if anchor is None:
                messages.success(request, f"Note {found.title} deleted.")
                return redirect(f"/products/{product.pk}/research/")
            return redirect(f"/products/{product.pk}/research/{found.pk}/{anchor}")
        except DomainError as failure:
            errors = form_errors(failure)
            found = research.note_for(request.user, product, note_id)
    insights = list(research.insights_of(found))
    return render(request, "product/research_note.html", {
        **context, "note": found, "segments": research.segments(found, insights), "formatted": markdown(found.body),
        "insights": [(i, research.is_current(i, found.body)) for i in insights],
        "ideas": list(Idea.objects.filter(product=product).order_by("title").only("id", "title")),
        "features": list(Feature.objects.filter(product=product).order_by("title").only("id", "title")),
        "kinds": ResearchKind.choices, "errors": errors, "values": request.POST,
    }, status=422 if errors else 200)


def _act(request: HttpRequest, found: ResearchNote) -> str | None:
    """Does what the form asked; answers the anchor to return to, None when the note is gone."""
    post, actor = request.POST, request.user
    action = post.get("action", "")
    if action == "insight":
        made = research.highlight(actor=actor, note=found, start=post.get("start", ""),  # type: ignore[arg-type]
                                  end=post.get("end", ""), now=timezone.now(), summary=post.get("summary", ""),
                                  ideas=post.getlist("ideas"), features=post.getlist("features"))
        return f"#insight-{made.pk}"
    if action == "edit":
        research.update_note(actor=actor, note=found,  # type: ignore[arg-type]
                             fields={name: post[name] for name in NOTE_FORM if name in post})
        return ""
    if action == "delete":
        research.delete_note(actor=actor, note=found)  # type: ignore[arg-type]
        return None
    insight = research.insight_for(actor, found.product, post.get("insight", ""))
    if action == "delete-insight":
        research.delete_insight(actor=actor, insight=insight)  # type: ignore[arg-type]
        return "#insights"
    if action == "links":
        fields: dict[str, Any] = {"ideas": post.getlist("ideas"), "features": post.getlist("features")}
        if "summary" in post:
            fields["summary"] = post["summary"]
        research.update_insight(actor=actor, insight=insight, fields=fields)  # type: ignore[arg-type]
    return f"#insight-{insight.pk}"
