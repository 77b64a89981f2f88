"""Domain events: past-tense facts (`issue.created`, `comment.added`) published only
after the transaction that caused them commits, so nobody hears of a rolled-back change.

The in-process broker delivers to subscribers in this process; live streams, mail and
webhooks subscribe here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    name: str
    at: datetime
    actor_id: int | None
    project_id: int | None
    payload: dict[str, Any] = field(default_factory=dict)


Subscriber = Callable[[Event], None]
_subscribers: list[Subscriber] = []


def subscribe(subscriber: Subscriber) -> Callable[[], None]:
    _subscribers.append(subscriber)
    return lambda: _subscribers.remove(subscriber)


def publish(event: Event) -> None:
    transaction.on_commit(lambda: _deliver(event))


def _deliver(event: Event) -> None:
    for subscriber in list(_subscribers):
        try:
            subscriber(event)
        except Exception:  # one broken consumer must not stop the others
            log.exception("event subscriber failed for %s", event.name)
