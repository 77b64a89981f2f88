"""A real SMTP server (aiosmtpd) on a free local port, and the settings that send the
product's mail to it: the `inbox` fixture holds the messages it received."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes
from typing import Any

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content)
        # Whom the server was asked to deliver to: Bcc recipients are only here.
        message.recipients = envelope.rcpt_tos
        self.messages.append(message)
        return "250 OK"

    def to(self) -> list[str]:
        """Whom the messages went to, sorted."""
        return sorted(m["To"] for m in self.messages)


def body(message: Any) -> str:
    """A message's plain text, whether or not it also has an HTML part."""
    if message.is_multipart():
        return "".join(part.get_payload(decode=True).decode() for part in message.walk()
                       if part.get_content_type() == "text/plain")
    return str(message.get_payload(decode=True).decode())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def inbox(settings: Any) -> Iterator[Inbox]:
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    try:
        yield box
    finally:
        controller.stop()
