"""The live stream: Server-Sent Events of one project's changes, for those who may see it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from asgiref.sync import sync_to_async
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone

from cairn.accounts.services import user_for_token
from cairn.errors import DomainError
from cairn.events.broker import broker
from cairn.workspaces import policy

KEEPALIVE_SECONDS = 20


def _project_for(request: HttpRequest, key: str) -> Any:
    user: Any = request.user  # resolves the session in this (sync) thread
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if not user.is_authenticated and scheme.lower() == "bearer":
        user = user_for_token(secret.strip(), now=timezone.now())
    if user is None or not user.is_authenticated:
        return None
    return policy.access_project_by_key(user, key)


async def project_stream(request: HttpRequest, key: str) -> HttpResponse:
    try:
        project = await sync_to_async(_project_for)(request, key)
    except DomainError as error:
        return HttpResponse(error.message, status=error.status, content_type="text/plain")
    if project is None:
        return HttpResponse("Log in first", status=401, content_type="text/plain")
    response = StreamingHttpResponse(_events(project.pk), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


async def _events(project_id: int) -> AsyncIterator[str]:
    subscription = await broker.open()
    try:
        # The first comment flushes the headers so the browser knows the stream is open.
        yield ": connected\n\n"
        while True:
            try:
                message = await asyncio.wait_for(subscription.next(), KEEPALIVE_SECONDS)
            except TimeoutError:
                yield ": keep-alive\n\n"
                continue
            if message.get("project_id") == project_id:
                yield f"event: {message['name']}\ndata: {json.dumps(message)}\n\n"
    finally:
        subscription.close()
