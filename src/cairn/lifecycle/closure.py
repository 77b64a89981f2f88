"""Closure: the deliverables' sign-off summary and the post-project report — planned
dates from the latest baseline against the schedule's, and scope (deliverables signed
off, issues added after the baseline). Cost is the costs context's: the report page reads
it from the costs API, so this context does not import that one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max, Min

from cairn.lifecycle import deliverables, gates
from cairn.lifecycle.models import Charter, Deliverable, GateApproval, Lesson
from cairn.planning import queries
from cairn.planning.models import Baseline, BaselineTask, ProjectPlan
from cairn.tracker.models import Issue
from cairn.workspaces.models import Project

LISTED = 20  # added issues named in the report; the rest are counted


@dataclass(frozen=True)
class Dates:
    label: str
    planned_start: dt.date | None
    planned_finish: dt.date | None
    actual_start: dt.date | None
    actual_finish: dt.date | None

    @property
    def slip_days(self) -> int | None:
        """Calendar days the finish moved: positive is late."""
        if self.planned_finish is None or self.actual_finish is None:
            return None
        return (self.actual_finish - self.planned_finish).days


@dataclass(frozen=True)
class SignOff:
    total: int
    signed: list[Deliverable]
    open: list[Deliverable]


@dataclass(frozen=True)
class Report:
    baseline: Baseline | None
    overall: Dates
    elements: list[Dates]
    sign_off: SignOff
    added_after_baseline: int
    added_listed: list[Issue] = field(default_factory=list)
    budget: object = None
    approvals: list[GateApproval] = field(default_factory=list)
    closed_at: dt.datetime | None = None
    lessons: int = 0


def sign_off_summary(project: Project) -> SignOff:
    listed = list(deliverables.register(project))
    return SignOff(len(listed), [d for d in listed if d.done], [d for d in listed if not d.done])


def _day(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso[:10]) if iso else None


def _dates(project: Project, baseline: Baseline | None) -> tuple[Dates, list[Dates]]:
    planned = (BaselineTask.objects.filter(baseline=baseline).aggregate(start=Min("start"), finish=Max("finish"))
               if baseline else {"start": None, "finish": None})
    if not ProjectPlan.objects.filter(project=project).exists():
        return Dates("Project", None, None, None, None), []
    view = queries.schedule_view(project, baseline_id=baseline.pk if baseline else None)
    tasks = view["tasks"]
    overall = Dates("Project", planned["start"] and planned["start"].date(), planned["finish"] and planned["finish"].date(),
                    _day(view["start"]) if tasks else None, _day(view["finish"]) if tasks else None)
    top = [Dates(f"{t['wbs']} {t['title']}", _day((t["baseline"] or {}).get("start")),
                 _day((t["baseline"] or {}).get("finish")), _day(t["start"]), _day(t["finish"]))
           for t in tasks if t["outline_level"] == 1]
    return overall, top


def report(project: Project) -> Report:
    baseline = Baseline.objects.filter(project=project).first()
    overall, elements = _dates(project, baseline)
    added = Issue.objects.filter(project=project, created_at__gt=baseline.created_at) if baseline else Issue.objects.none()
    charter = Charter.objects.filter(project=project).first()
    state = gates.is_closed(project)
    closed_at = GateApproval.objects.filter(project=project, phase="closure").values_list("at", flat=True).first()
    return Report(
        baseline=baseline, overall=overall, elements=elements, sign_off=sign_off_summary(project),
        added_after_baseline=added.count(), added_listed=list(added.select_related("project").order_by("number")[:LISTED]),
        budget=charter.budget if charter else None, approvals=gates.approvals(project),
        closed_at=closed_at if state else None, lessons=Lesson.objects.filter(project=project).count(),
    )
