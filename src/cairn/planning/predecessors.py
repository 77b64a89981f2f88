"""A task's predecessors as people write them in the Gantt table: by the WBS code the
first column shows or by issue key, each with its link type and lag — "1.2",
"1.2FS+2d", "WEB-12SS-1d", "3FF+4h" — and set all at once, so a list that cannot be
met (a loop, a task not in the plan) changes nothing."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from cairn.accounts.models import User
from cairn.errors import Invalid, NotFound
from cairn.planning import plans, queries, services
from cairn.planning.models import Dependency, ProjectPlan, TaskSchedule
from cairn.tracker.models import Issue
from cairn.workspaces import policy

FIELD = "predecessors"
MAX_LINKS = 200
PART = re.compile(
    r"""^(?:(?P<key>[A-Za-z][A-Za-z0-9_]*-\d+)|(?P<wbs>\d+(?:\.\d+)*))\s*
        (?P<type>FS|SS|FF|SF)?\s*
        (?:(?P<sign>[+-])\s*(?P<amount>\d+(?:[.,]\d+)?)\s*(?P<unit>days?|d|hours?|hrs?|h|weeks?|wks?|w|minutes?|mins?|m)?)?$""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Wanted:
    predecessor_id: int
    kind: str
    lag_minutes: int


@dataclass(frozen=True)
class Rows:
    """What a reference can name: WBS codes and issue keys of the scheduled tasks."""

    by_wbs: dict[str, int]
    by_key: dict[str, int]
    project_key: str
    minutes_per_day: int


def _unit_minutes(unit: str | None, per_day: int) -> int:
    u = (unit or "d")[0].lower()
    return {"h": 60, "w": 5 * per_day, "m": 1}.get(u, per_day)


def parse(text: str, rows: Rows, *, successor: int) -> list[Wanted]:
    """The links a list of predecessors asks for; a reference that names nothing in the
    plan is an error naming it."""
    parts = [p.strip() for p in re.split(r"[,;]", text or "") if p.strip()]
    if len(parts) > MAX_LINKS:
        raise Invalid.field(FIELD, f"at most {MAX_LINKS} predecessors")
    wanted: dict[int, Wanted] = {}
    for part in parts:
        match = PART.match(part)
        if match is None:
            raise Invalid.field(FIELD, f"“{part}” is not a predecessor like 1.2, 1.2FS+2d or "
                                       f"{rows.project_key}-12SS-1d")
        target = _target(match, rows)
        if target == successor:
            raise Invalid.field(FIELD, f"“{part}” is this task itself")
        if target in wanted:
            raise Invalid.field(FIELD, f"“{part}” names a task already listed")
        wanted[target] = Wanted(target, (match["type"] or "FS").upper(), _lag(match, rows.minutes_per_day, part))
    return list(wanted.values())


def _target(match: re.Match[str], rows: Rows) -> int:
    if match["wbs"]:
        found = rows.by_wbs.get(match["wbs"])
        if found is None:
            raise Invalid.field(FIELD, f"there is no row {match['wbs']} in the plan")
        return found
    key = match["key"].upper()
    found = rows.by_key.get(key)
    if found is None:
        project = key.rpartition("-")[0]
        where = "in the schedule" if project == rows.project_key else f"in {rows.project_key}"
        raise Invalid.field(FIELD, f"{key} is not {where}")
    return found


def _lag(match: re.Match[str], per_day: int, part: str) -> int:
    if not match["sign"]:
        return 0
    try:
        minutes = int(Decimal(match["amount"].replace(",", ".")) * _unit_minutes(match["unit"], per_day))
    except InvalidOperation:
        raise Invalid.field(FIELD, f"“{part}” has a lag that is not a number") from None
    if minutes > services.MAX_DURATION:
        raise Invalid.field(FIELD, f"“{part}” has a lag longer than ten years")
    return -minutes if match["sign"] == "-" else minutes


def rows_of(loaded: plans.LoadedPlan) -> Rows:
    return Rows(
        by_wbs={wbs: t.issue_id for t, wbs, _ in queries.outline(loaded.tasks)},
        by_key={t.key: t.issue_id for t in loaded.tasks},
        project_key=loaded.plan.project.key,
        minutes_per_day=plans.minutes_per_day(loaded.plan),
    )


def set_predecessors(*, actor: User, issue: Issue, text: str, now: dt.datetime) -> None:
    """Makes the task's links into it exactly the ones written: unchanged links are kept,
    changed ones updated, missing ones removed, new ones made; one reschedule."""
    project = issue.project
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    if not isinstance(text, str) or "\x00" in text or len(text) > 4000:
        raise Invalid.field(FIELD, "must be a list like 1.2, 1.3FS+2d")
    with transaction.atomic():
        ProjectPlan.objects.select_for_update().filter(pk=plans.plan_of(project).pk).first()
        if not TaskSchedule.objects.filter(issue=issue).exists():
            raise NotFound(f"{issue.key} is not in the schedule")
        wanted = {w.predecessor_id: w for w in parse(text, rows_of(plans.load(project)), successor=issue.pk)}
        for link in Dependency.objects.filter(successor=issue):
            want = wanted.pop(link.predecessor_id, None)
            if want is None:
                link.delete()
            elif (link.kind, link.lag_minutes) != (want.kind, want.lag_minutes):
                link.kind, link.lag_minutes = want.kind, want.lag_minutes
                link.save(update_fields=["kind", "lag_minutes"])
        Dependency.objects.bulk_create(
            Dependency(project=project, predecessor_id=w.predecessor_id, successor=issue, kind=w.kind,
                       lag_minutes=w.lag_minutes) for w in wanted.values()
        )
        try:
            services.reschedule(project, actor=actor, now=now)
        except Invalid as refused:
            raise Invalid.field(FIELD, refused.fields.get("predecessor", refused.message)) from None
