"""Domain errors raised by services; the API and the pages translate them to HTTP."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status = 400

    def __init__(self, message: str, *, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class NotFound(DomainError):
    """Also what an outsider gets for a private thing: it must not leak existence."""

    status = 404


class Forbidden(DomainError):
    status = 403


class Invalid(DomainError):
    status = 422

    @classmethod
    def field(cls, name: str, message: str) -> Invalid:
        return cls(f"{name}: {message}", fields={name: message})


class Conflict(DomainError):
    status = 409


class PreconditionFailed(DomainError):
    """A write based on a stale version; carries the current state to show the caller."""

    status = 412

    def __init__(self, message: str, *, current: Any = None) -> None:
        super().__init__(message)
        self.current = current
