from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class InvitationOnlyAdapter(DefaultAccountAdapter):
    """A workspace is closed: people join through an invitation link, not a public
    sign-up form."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
