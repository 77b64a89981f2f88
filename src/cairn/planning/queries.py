"""Reading the schedule as the Gantt chart and the API show it: tasks in outline
(WBS) order with their computed dates, links, baseline and people."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.utils import timezone

from cairn.engine import scheduling as engine
from cairn.errors import NotFound
from cairn.planning import plans
from cairn.planning.models import Assignment, Baseline, BaselineTask
from cairn.workspaces.models import Project


def outline(tasks: list[plans.PlannedTask]) -> list[tuple[plans.PlannedTask, str, int]]:
    """Tasks in outline order with their WBS code ("1.2.3") and level (1 = top)."""
    ids = {t.issue_id for t in tasks}
    children: dict[int | None, list[plans.PlannedTask]] = defaultdict(list)
    for t in tasks:
        parent = t.parent_id if t.parent_id in ids else None
        children[parent].append(t)
    ordered: list[tuple[plans.PlannedTask, str, int]] = []

    def walk(parent: int | None, prefix: str, level: int) -> None:
        for n, t in enumerate(children.get(parent, []), start=1):
            code = f"{prefix}{n}"
            ordered.append((t, code, level))
            walk(t.issue_id, code + ".", level + 1)

    walk(None, "", 1)
    return ordered


def _iso(moment: Any) -> str | None:
    return None if moment is None else plans.naive(moment).isoformat(timespec="minutes")


def schedule_view(project: Project, *, baseline_id: int | None = None, now: dt.datetime | None = None) -> dict[str, Any]:
    loaded = plans.load(project)
    per_day = plans.minutes_per_day(loaded.plan)
    baselines = list(Baseline.objects.filter(project=project).values("id", "name", "created_at"))
    if baseline_id is not None and baseline_id not in {b["id"] for b in baselines}:
        raise NotFound(f"No baseline {baseline_id} in {project.key}")
    if baseline_id is None and baselines:
        baseline_id = baselines[0]["id"]
    saved = {
        b.issue_id: b for b in BaselineTask.objects.filter(baseline_id=baseline_id)
    } if baseline_id else {}
    preds: dict[int, list[dict[str, Any]]] = defaultdict(list)
    keys = loaded.keys
    ordered = outline(loaded.tasks)
    # The table writes predecessors by the WBS code its first column shows.
    wbs_of = {t.issue_id: wbs for t, wbs, _ in ordered}
    for link in loaded.links:
        preds[link.successor_id].append({
            "id": link.pk, "key": keys.get(link.predecessor_id, ""), "wbs": wbs_of.get(link.predecessor_id),
            "type": link.kind, "lag_minutes": link.lag_minutes,
        })
    people: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for a in Assignment.objects.filter(issue__project=project).select_related("user"):
        people[a.issue_id].append({"username": a.user.username, "name": a.user.name, "units": a.units})
    rows = []
    for t, wbs, level in ordered:
        base = saved.get(t.issue_id)
        rows.append({
            "key": t.key, "title": t.title, "wbs": wbs, "outline_level": level,
            "parent": keys.get(t.parent_id) if t.parent_id and level > 1 else None,  # type: ignore[arg-type]
            "summary": t.summary, "milestone": t.duration_minutes == 0 and not t.summary,
            "mode": t.mode, "duration_minutes": t.duration_minutes, "duration_days": round(t.duration_minutes / per_day, 2),
            "start": _iso(t.start), "finish": _iso(t.finish),
            "early_start": _iso(t.early_start), "early_finish": _iso(t.early_finish),
            "late_start": _iso(t.late_start), "late_finish": _iso(t.late_finish),
            "total_float_minutes": t.total_float_minutes, "free_float_minutes": t.free_float_minutes,
            "critical": t.critical, "status": t.status, "status_category": t.status_category,
            "constraint": None if t.constraint == "ASAP" else {"type": t.constraint, "date": _iso(t.constraint_date)},
            "predecessors": preds.get(t.issue_id, []),
            "assignments": people.get(t.issue_id, []),
            "baseline": None if base is None else {"start": _iso(base.start), "finish": _iso(base.finish),
                                                   "duration_minutes": base.duration_minutes},
        })
    by_id = {str(k): v for k, v in keys.items()}
    violations = []
    if loaded.tasks:
        result = engine.schedule(loaded.engine_plan(now=now or timezone.now()))
        violations = [{"key": by_id.get(v.task_id, v.task_id), "kind": v.kind.value, "minutes": v.minutes,
                       "message": _violation_text(v, by_id)} for v in result.violations]
    starts = [r["start"] for r in rows if r["start"]]
    finishes = [r["finish"] for r in rows if r["finish"]]
    return {
        "project": project.key,
        "revision": loaded.plan.revision,
        "start": min(starts) if starts else loaded.plan.start_date.isoformat(),
        "finish": max(finishes) if finishes else loaded.plan.start_date.isoformat(),
        "minutes_per_day": per_day,
        "calendar": {
            "start_date": loaded.plan.start_date.isoformat(),
            "working_week": loaded.plan.working_week,
            "holidays": [{"date": h.date.isoformat(), "name": h.name} for h in loaded.plan.holidays.all()],
        },
        "baselines": [{"id": b["id"], "name": b["name"], "created_at": b["created_at"].isoformat()} for b in baselines],
        "baseline_id": baseline_id,
        "tasks": rows,
        "violations": violations,
    }


def _violation_text(v: Any, keys: dict[str, str]) -> str:
    text = str(v)
    for task_id, key in keys.items():
        text = text.replace(f"Task {task_id} ", f"{key} ").replace(f" {task_id} -> ", f" {key} -> ")
        text = text.replace(f"-> {task_id} (", f"-> {key} (")
    return text
