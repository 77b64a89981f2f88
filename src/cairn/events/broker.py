"""Fan-out of committed domain events to live streams.

In one process the broker hands each event to every open stream's queue. With
CAIRN_REDIS_URL set, events go through a Redis channel instead, so a change made through
one app process reaches browsers connected to another.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from dataclasses import asdict
from typing import Any

from django.conf import settings

from cairn.events.bus import Event, subscribe

log = logging.getLogger(__name__)
CHANNEL = "cairn:events"
QUEUE_LIMIT = 1000


def encode(event: Event) -> str:
    body = asdict(event)
    body["at"] = event.at.isoformat()
    return json.dumps(body)


class Broker:
    def __init__(self) -> None:
        self._streams: set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[dict[str, Any]]]] = set()
        self._lock = threading.Lock()
        self._redis_listener: threading.Thread | None = None
        self._client: Any = None

    def deliver_local(self, message: dict[str, Any]) -> None:
        with self._lock:
            streams = list(self._streams)
        for loop, queue in streams:
            try:
                loop.call_soon_threadsafe(_offer, queue, message)
            except RuntimeError:  # the stream's loop has closed
                self._forget(loop, queue)

    def publish(self, event: Event) -> None:
        if settings.REDIS_URL:
            self._redis().publish(CHANNEL, encode(event))
        else:
            self.deliver_local(json.loads(encode(event)))

    async def open(self) -> Subscription:
        """Registers a stream at once, so nothing published after this call is missed."""
        if settings.REDIS_URL:
            # Connecting and subscribing blocks: off the event loop, which serves every stream.
            await asyncio.to_thread(self._ensure_redis_listener)
        subscription = Subscription(self, asyncio.get_running_loop())
        with self._lock:
            self._streams.add((subscription.loop, subscription.queue))
        return subscription

    def _forget(self, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[dict[str, Any]]) -> None:
        with self._lock:
            self._streams.discard((loop, queue))

    def _redis(self) -> Any:
        import redis

        if self._client is None:
            # The client keeps a thread-safe connection pool: one per process is enough.
            self._client = redis.Redis.from_url(settings.REDIS_URL)
        return self._client

    def _ensure_redis_listener(self) -> None:
        with self._lock:
            if self._redis_listener is not None and self._redis_listener.is_alive():
                return
            ready = threading.Event()
            self._redis_listener = threading.Thread(target=self._listen, args=(ready,), daemon=True)
            self._redis_listener.start()
        ready.wait(5)

    def _listen(self, ready: threading.Event) -> None:
        pubsub = self._redis().pubsub(ignore_subscribe_messages=True)
        pubsub.subscribe(CHANNEL)
        ready.set()
        for message in pubsub.listen():
            try:
                self.deliver_local(json.loads(message["data"]))
            except (ValueError, KeyError):
                log.warning("ignored a malformed event on %s", CHANNEL)


class Subscription:
    def __init__(self, broker: Broker, loop: asyncio.AbstractEventLoop) -> None:
        self.broker = broker
        self.loop = loop
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(QUEUE_LIMIT)

    async def next(self) -> dict[str, Any]:
        return await self.queue.get()

    def close(self) -> None:
        self.broker._forget(self.loop, self.queue)


def _offer(queue: asyncio.Queue[dict[str, Any]], message: dict[str, Any]) -> None:
    # A browser that stops reading must not make the server hoard its events.
    if queue.full():
        queue.get_nowait()
    queue.put_nowait(message)


broker = Broker()
_unsubscribe = subscribe(broker.publish)
