"""Page: your account — profile and personal access tokens."""

from __future__ import annotations

import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn.accounts import services
from cairn.errors import Invalid


@login_required
def account(request: HttpRequest) -> HttpResponse:
    new_token = None
    error = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "token":
                _, new_token = services.issue_token(user=request.user, name=request.POST.get("name", ""), now=timezone.now())
            elif action == "revoke":
                token_id = request.POST.get("token", "")
                if not token_id.isdigit():
                    raise Invalid.field("token", "no such token")
                services.revoke_token(user=request.user, token_id=int(token_id), now=timezone.now())
                messages.success(request, "Token revoked: it no longer works.")
                return redirect("/account/")
            elif action == "profile":
                services.update_profile(user=request.user, display_name=request.POST.get("display_name", ""),
                                        email=request.POST.get("email", ""), time_zone=request.POST.get("time_zone", ""))
                messages.success(request, "Profile saved.")
                return redirect("/account/")
        except Invalid as invalid:
            error = invalid.message
    return render(request, "accounts/account.html", {
        "tokens": request.user.tokens.all(), "new_token": new_token, "error": error,
        "time_zones": sorted(zoneinfo.available_timezones()),
    }, status=422 if error else 200)
