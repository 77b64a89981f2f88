"""Evaluating one :class:`~cairn.engine.scheduling.network.Link` in full.

Fast edges are plain additions in the passes; these functions handle the rest:
links from summaries (whose duration is known only during a pass), elapsed lags
(counted in calendar minutes, so they go through datetimes) and percentage lags.
"""

from __future__ import annotations

from datetime import timedelta

from cairn.engine.scheduling.network import Link
from cairn.engine.scheduling.timeline import Timeline


def lag_of(link: Link, duration: list[int]) -> int:
    if link.percent is None:
        return link.lag
    return round(duration[link.predecessor] * link.percent / 100)


def required_start(link: Link, start: list[int], duration: list[int], timeline: Timeline) -> int:
    """The earliest start of the link's successor that the link allows."""
    predecessor = link.predecessor
    source = start[predecessor]
    if link.from_finish:
        source += duration[predecessor]
    if link.elapsed:
        moment = timeline.finish_at(source) if link.from_finish else timeline.start_at(source)
        value = timeline.offset(moment + timedelta(minutes=link.lag))
    else:
        value = source + lag_of(link, duration)
    if not link.to_finish:
        return value
    if link.span is not None:  # the successor's length depends on its start
        return link.span.start_for(value)
    return value - duration[link.successor]


def latest_source(link: Link, late_start: list[int], duration: list[int], timeline: Timeline) -> int:
    """The latest start (or finish, for FS and FF) of the predecessor that the link
    allows, given the successor's late start."""
    successor = link.successor
    target = late_start[successor]
    if link.to_finish:
        target = target + duration[successor] if link.span is None else link.span.finish(target)
    if not link.elapsed:
        return target - lag_of(link, duration)
    # The exact inverse of required_start: the latest moment whose offset is still
    # ``target`` is the start of the next working period; step back by the lag.
    moment = timeline.start_at(target) - timedelta(minutes=link.lag)
    source = timeline.offset(moment)
    if not link.from_finish and timeline.start_at(source) > moment:
        source -= 1  # a start snaps forward, so it must be read before the gap
    return source
