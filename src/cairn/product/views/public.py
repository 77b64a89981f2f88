"""Public pages, no login: a product's feedback form and the page where a submitter
follows their request. They show nothing of anyone else's feedback or contacts."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn.errors import DomainError
from cairn.product.services import feedback_public
from cairn.product.views.shared import form_errors

FIELDS = ("title", "description", "name", "email", "company")
# Named like a field people fill in, so bots fill it too; hidden from people by CSS.
HONEYPOT = "website"


def feedback_form(request: HttpRequest, slug: str) -> HttpResponse:
    product = feedback_public.product_by_slug(slug)
    context = {"product": product, "values": request.POST, "errors": {}, "honeypot": HONEYPOT}
    if request.method == "POST":
        try:
            token = feedback_public.submit_public(
                product=product, honeypot=request.POST.get(HONEYPOT, ""), address=_address(request),
                now=timezone.now(), **{name: request.POST.get(name, "") for name in FIELDS},
            )
        except DomainError as failure:
            context["errors"] = form_errors(failure)
            return render(request, "product/public_form.html", context, status=failure.status)
        if request.POST.get(HONEYPOT):
            # The bot sees the same thanks as a person, with a link that leads nowhere.
            link = request.build_absolute_uri(f"/feedback/follow/{token}/")
            return render(request, "product/public_follow.html", {"sent": True, "follow_link": link, "followed": None})
        # To the follow page, so a reload does not send the request again.
        return redirect(f"/feedback/follow/{token}/?sent=1")
    return render(request, "product/public_form.html", context)


def follow(request: HttpRequest, token: str) -> HttpResponse:
    followed = feedback_public.follow(token)
    response = render(request, "product/public_follow.html", {
        "followed": followed, "sent": request.GET.get("sent") == "1",
        "follow_link": request.build_absolute_uri(request.path),
    })
    # The token is the page's only key: it must not leave in a Referer.
    response["Referrer-Policy"] = "no-referrer"
    return response


def _address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")
