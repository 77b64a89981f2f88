"""Where people reach this Cairn, for the links that leave it (e-mails)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def public_address(request: HttpRequest | None = None) -> str:
    """CAIRN_BASE_URL when it is set (behind a proxy the request's own address is not the
    public one); else the address the request came to, port included; else this machine
    at the port it serves on."""
    if settings.BASE_URL:
        return str(settings.BASE_URL)
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return str(settings.LOCAL_URL)
