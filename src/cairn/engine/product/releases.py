"""The date risk of a release: will its open work be done by the target date?

With a schedule (open issues with due dates), the schedule's finish decides. Without
one, the recent pace forecasts: open issues ÷ issues done a week is the weeks of work
left, against the weeks until the target. The reason is written out with its numbers, so
the product manager sees the arithmetic and not only a colour.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

# A forecast that needs more than this share of the time left has no room for surprises.
MARGIN = 0.8


class Level(enum.StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    LATE = "late"
    SHIPPED = "shipped"
    NO_TARGET = "no_target"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True)
class ReleaseWork:
    """What is known about a release's work on `today`. `done_per_week` is the recent
    throughput (issues done a week); `scheduled_finish` the latest due date among the
    open issues that have one (None without a schedule); `open_hours` the remaining
    estimate when any open issue has one."""

    today: dt.date
    target: dt.date | None
    open_issues: int
    done_issues: int
    done_per_week: float = 0.0
    open_hours: float | None = None
    scheduled_finish: dt.date | None = None
    shipped: bool = False


@dataclass(frozen=True)
class DateRisk:
    level: Level
    reason: str
    weeks_of_work: float | None = None
    weeks_left: float | None = None


def date_risk(work: ReleaseWork) -> DateRisk:
    if work.shipped:
        return DateRisk(Level.SHIPPED, f"Shipped with {_issues(work.done_issues)} done.")
    if work.target is None:
        return DateRisk(Level.NO_TARGET, f"No target date; {_open(work)}.")
    days_left = (work.target - work.today).days
    weeks_left = days_left / 7
    if work.open_issues <= 0:
        return DateRisk(Level.ON_TRACK, f"All {_issues(work.done_issues)} done; {_left(days_left)}.",
                        0.0, weeks_left)
    if days_left < 0:
        return DateRisk(Level.LATE, f"{_open(work)} and the target date passed {_days(-days_left)} ago.",
                        None, weeks_left)
    if work.scheduled_finish is not None:
        return _by_schedule(work, work.scheduled_finish, work.target, weeks_left)
    return _by_pace(work, weeks_left, days_left)


def _by_schedule(work: ReleaseWork, finish: dt.date, target: dt.date, weeks_left: float) -> DateRisk:
    if finish < work.today:
        # Open work whose dates have passed: the schedule no longer tells when it ends.
        return DateRisk(Level.AT_RISK, f"{_open(work)}; the schedule had them done by {finish.isoformat()}, "
                                       f"which has passed; {_left((target - work.today).days)}.", None, weeks_left)
    slack = (target - finish).days
    start = f"{_open(work)}; the schedule finishes them on {finish.isoformat()}"
    if slack < 0:
        return DateRisk(Level.LATE, f"{start}, {_days(-slack)} after the target {target.isoformat()}.",
                        None, weeks_left)
    return DateRisk(Level.ON_TRACK, f"{start}, {_days(slack)} before the target {target.isoformat()}.",
                    None, weeks_left)


def _by_pace(work: ReleaseWork, weeks_left: float, days_left: int) -> DateRisk:
    if work.done_per_week <= 0:
        return DateRisk(Level.AT_RISK, f"{_open(work)} and none done in recent weeks: no pace to forecast "
                                       f"from; {_left(days_left)}.", None, weeks_left)
    weeks_of_work = work.open_issues / work.done_per_week
    reason = (f"{_open(work)}, {_number(work.done_per_week)} done a week → {_number(weeks_of_work)} weeks "
              f"of work; {_left(days_left)}.")
    if weeks_of_work > weeks_left:
        level = Level.LATE
    elif weeks_of_work > weeks_left * MARGIN:
        level = Level.AT_RISK
    else:
        level = Level.ON_TRACK
    return DateRisk(level, reason, weeks_of_work, weeks_left)


def _open(work: ReleaseWork) -> str:
    text = f"{work.open_issues} open issue{'' if work.open_issues == 1 else 's'}"
    if work.open_hours is not None and work.open_issues > 0:
        text += f" ({_number(work.open_hours)} h estimated)"
    return text


def _issues(count: int) -> str:
    return f"{count} issue{'' if count == 1 else 's'}"


def _left(days: int) -> str:
    if days == 0:
        return "the target is today"
    if days % 7 == 0:
        weeks = days // 7
        return f"{weeks} week{'' if weeks == 1 else 's'} left"
    if days < 14:
        return f"{_days(days)} left"
    return f"{_number(days / 7)} weeks left"


def _days(days: int) -> str:
    return f"{days} day{'' if days == 1 else 's'}"


def _number(value: float) -> str:
    """One decimal, without a trailing .0: 3.5, 4, 0.3."""
    text = f"{value:,.1f}"
    return text[:-2] if text.endswith(".0") else text
