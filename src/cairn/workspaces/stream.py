"""The live stream: Server-Sent Events of one project's changes, for those who may see it.

A stream outlives the request that opened it, so access is asked again before every
event it delivers and at every keep-alive: a listener removed from the project, whose
token was revoked or whose account was deactivated hears nothing more, and the stream
ends (the browser's reconnection is then refused)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connection
from django.db.models import Exists
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone

from cairn.accounts import services as accounts
from cairn.errors import DomainError
from cairn.events.broker import broker
from cairn.workspaces import policy


@dataclass(frozen=True)
class Listener:
    user: Any
    project_id: int
    token_id: int | None  # None when the stream came with a session

    def may_still_listen(self) -> bool:
        """One query: the account active, the token unrevoked, the project visible."""
        try:
            credentials = accounts.still_signed_in(self.user.pk, self.token_id)
            return bool(policy.visible_projects(self.user).filter(pk=self.project_id)
                        .filter(Exists(credentials)).exists())
        finally:
            _release_connection()


def _release_connection() -> None:
    # The stream's thread would otherwise hold its database connection (a pooled one on
    # PostgreSQL) for as long as the stream stays open.
    connection.close()


def _listener_for(request: HttpRequest, key: str) -> Listener | None:
    user: Any = request.user  # resolves the session in this (sync) thread
    token_id = None
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if not user.is_authenticated and scheme.lower() == "bearer":
        token = accounts.token_for_secret(secret.strip(), now=timezone.now())
        user, token_id = (token.user, token.pk) if token is not None else (None, None)
    if user is None or not user.is_authenticated:
        return None
    project = policy.access_project_by_key(user, key)
    return Listener(user, project.pk, token_id)


async def project_stream(request: HttpRequest, key: str) -> HttpResponse:
    try:
        listener = await sync_to_async(_listener_for)(request, key)
    except DomainError as error:
        return HttpResponse(error.message, status=error.status, content_type="text/plain")
    if listener is None:
        return HttpResponse("Log in first", status=401, content_type="text/plain")
    response = StreamingHttpResponse(_events(listener), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


async def _events(listener: Listener) -> AsyncIterator[str]:
    subscription = await broker.open()
    await sync_to_async(_release_connection)()
    still_allowed = sync_to_async(listener.may_still_listen)
    try:
        # The first comment flushes the headers so the browser knows the stream is open.
        yield ": connected\n\n"
        while True:
            try:
                message = await asyncio.wait_for(subscription.next(), settings.STREAM_KEEPALIVE_SECONDS)
            except TimeoutError:
                if not await still_allowed():
                    return
                yield ": keep-alive\n\n"
                continue
            if message.get("project_id") != listener.project_id:
                continue
            if not await still_allowed():
                return
            yield f"event: {message['name']}\ndata: {json.dumps(message)}\n\n"
    finally:
        subscription.close()
