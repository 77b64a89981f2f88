"""Tasks whose length depends on when they start: a task calendar, or resource
assignments each on its resource's calendar.

A :class:`Span` maps a start offset on the plan's timeline to the task's finish
offset there.  Each assignment starts at the first working minute of its own
calendar at or after the task's start (read as a start: the next working period)
and lasts its working minutes on that calendar; the task finishes with its latest
assignment, and its finish offset is that moment on the plan's timeline (a moment
in the plan's non-working time counts from the next working minute).  The finish
never decreases when the start moves later, so the inverse questions (the least
start reaching a finish, the latest start keeping within one) are answered by
bisection.
"""

from __future__ import annotations

from datetime import datetime

from cairn.engine.scheduling.calendars import Calendar
from cairn.engine.scheduling.model import Task
from cairn.engine.scheduling.timeline import Timeline, shared_timeline

# (resource, its timeline, working minutes on it)
Part = tuple[str, Timeline, int]


class Span:
    __slots__ = ("parts", "timeline")

    def __init__(self, timeline: Timeline, parts: tuple[Part, ...]) -> None:
        self.timeline = timeline
        self.parts = parts

    def assignments(self, start: int) -> list[tuple[str, datetime, datetime]]:
        """``(resource, start, finish)`` of each assignment when the task starts at ``start``."""
        moment = self.timeline.start_at(start)
        found: list[tuple[str, datetime, datetime]] = []
        for resource, own, minutes in self.parts:
            first = own.offset(moment)
            begin = own.start_at(first)
            found.append((resource, begin, own.finish_at(first + minutes) if minutes else begin))
        return found

    def moments(self, start: int) -> tuple[datetime, datetime]:
        """The task's displayed start (its first assignment's) and finish (its last's)."""
        found = self.assignments(start)
        return min(begin for _, begin, _ in found), max(end for _, _, end in found)

    def finish(self, start: int) -> int:
        """The finish offset on the plan's timeline of the task started at ``start``."""
        return self.timeline.offset(self.moments(start)[1])

    def start_for(self, finish: int) -> int:
        """The least start whose finish is at least ``finish``."""
        high = finish  # finish(s) >= s
        step = max(1, self.finish(finish) - finish)
        low = finish - step
        while self.finish(low) >= finish:
            high, step = low, step * 2
            low = finish - step
        while high - low > 1:
            middle = (low + high) // 2
            if self.finish(middle) >= finish:
                high = middle
            else:
                low = middle
        return high

    def latest_start(self, finish: int) -> int:
        """The latest start whose finish is at most ``finish``."""
        high = finish + 1  # finish(s) >= s > finish
        step = max(1, self.finish(finish) - finish)
        low = finish - step
        while self.finish(low) > finish:
            high, step = low, step * 2
            low = finish - step
        while high - low > 1:
            middle = (low + high) // 2
            if self.finish(middle) <= finish:
                low = middle
            else:
                high = middle
        return low


def span_of(task: Task, calendar: Calendar, timeline: Timeline) -> Span | None:
    """The span of a task with a calendar or assignments (``None`` for the others);
    ``calendar`` and ``timeline`` are the plan's."""
    if not task.assignments and task.calendar is None:
        return None
    own = calendar if task.calendar is None else task.calendar
    wanted = [
        (a.resource, own if a.calendar is None else a.calendar, a.minutes(task.duration))
        for a in task.assignments
    ] or [("", own, task.duration)]
    origin = timeline.origin

    def timeline_of(other: Calendar) -> Timeline:
        return timeline if other is calendar or other == calendar else shared_timeline(other, origin)

    return Span(
        timeline, tuple((resource, timeline_of(other), minutes) for resource, other, minutes in wanted)
    )


def is_trivial(span: Span, duration: int) -> bool:
    """Whether the span is just ``duration`` on the plan's own timeline."""
    return all(own is span.timeline and minutes == duration for _, own, minutes in span.parts)
