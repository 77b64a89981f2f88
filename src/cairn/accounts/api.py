"""API for the caller's own account and tokens."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn.accounts import services
from cairn.accounts.models import PersonalAccessToken
from cairn.inputs import Input

router = Router(tags=["account"])


class MeOut(Schema):
    username: str
    name: str
    email: str
    time_zone: str
    workspaces: list[str]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenIn(Input):
    name: str


class NewTokenOut(TokenOut):
    token: str


def token_out(token: PersonalAccessToken) -> dict[str, object]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }


@router.get("/me", response=MeOut, summary="Who you are")
def me(request: HttpRequest):
    user = request.user
    workspaces = list(user.workspace_memberships.values_list("workspace__slug", flat=True))  # type: ignore[union-attr]
    return MeOut(
        username=user.username,  # type: ignore[union-attr]
        name=user.name,  # type: ignore[union-attr]
        email=user.email,  # type: ignore[union-attr]
        time_zone=user.time_zone,  # type: ignore[union-attr]
        workspaces=workspaces,
    )


@router.get("/me/tokens", response=list[TokenOut], summary="Your API tokens")
def list_tokens(request: HttpRequest):
    return [token_out(t) for t in request.user.tokens.all()]  # type: ignore[union-attr]


@router.post("/me/tokens", response={201: NewTokenOut}, summary="Create an API token (shown once)")
def create_token(request: HttpRequest, payload: TokenIn):
    token, secret = services.issue_token(user=request.user, name=payload.name, now=timezone.now())  # type: ignore[arg-type]
    return Status(201, {**token_out(token), "token": secret})


@router.delete("/me/tokens/{token_id}", response=TokenOut, summary="Revoke an API token")
def revoke_token(request: HttpRequest, token_id: int):
    token = services.revoke_token(user=request.user, token_id=token_id, now=timezone.now())  # type: ignore[arg-type]
    return token_out(token)
