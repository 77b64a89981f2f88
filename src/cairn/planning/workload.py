"""Each person's load per week across every project the viewer can see, against their
capacity, as the load model counts them (see ``load``): the same model levelling
uses, so a levelled plan shows nobody over-allocated here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from cairn import values
from cairn.accounts.models import User
from cairn.planning import load
from cairn.workspaces import policy

MAX_WEEKS = 52


@dataclass
class PersonLoad:
    username: str
    name: str
    capacity_hours: list[float]
    load_hours: list[float]
    tasks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def over(self) -> list[bool]:
        return [load > cap + 0.01 for load, cap in zip(self.load_hours, self.capacity_hours)]

    @property
    def cells(self) -> list[tuple[float, float, bool]]:
        return list(zip(self.load_hours, self.capacity_hours, self.over))


@dataclass
class Workload:
    weeks: list[dt.date]
    people: list[PersonLoad]

    def as_dict(self) -> dict[str, Any]:
        return {
            "weeks": [w.isoformat() for w in self.weeks],
            "people": [
                {"username": p.username, "name": p.name, "capacity_hours": p.capacity_hours,
                 "load_hours": p.load_hours, "over_allocated": p.over, "tasks": p.tasks}
                for p in self.people
            ],
        }


def weekly(viewer: User, *, start: Any, weeks: Any) -> Workload:
    start = values.required_date(start, "start")
    weeks = values.whole_number(weeks, "weeks", minimum=1, maximum=MAX_WEEKS)
    first = start - dt.timedelta(days=start.weekday())
    week_starts = [first + dt.timedelta(weeks=n) for n in range(weeks)]
    end = week_starts[-1] + dt.timedelta(days=6)
    found = load.demand(first=first, last=end, projects=policy.visible_projects(viewer))
    people = []
    for user in User.objects.filter(pk__in=list(found.tasks)).order_by("username"):
        calendar = found.calendars[user.pk]
        offered, asked = [0.0] * weeks, [0.0] * weeks
        for n in range((end - first).days + 1):
            day = first + dt.timedelta(days=n)
            offered[n // 7] += load.hours(calendar.capacity(day))
            asked[n // 7] += load.hours(found.on(user.pk, day))
        people.append(PersonLoad(user.username, user.name, [round(c, 1) for c in offered], [round(h, 1) for h in asked],
                                 sorted(found.tasks[user.pk], key=lambda t: t["start"])))
    return Workload(week_starts, people)
