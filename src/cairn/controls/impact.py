"""The schedule impact of a change request, computed by the engine on a copy of the
plan: the plan is loaded, the proposed changes applied to the loaded copy (new
durations, added tasks with their links), scheduled, and compared with the current
schedule. Nothing is stored in the plan."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from cairn.engine import scheduling as engine
from cairn.engine.project.schedule_impact import Dates, Impact, compare
from cairn.errors import Invalid
from cairn.planning import plans, services
from cairn.workspaces.models import Project

NEW = "new-"


def compute(project: Project, changes: list[dict[str, Any]], *, now: dt.datetime) -> dict[str, Any]:
    """The project's finish and every moved task's dates before and after the changes
    (already checked by `changes.parse_schedule_changes`)."""
    loaded = plans.load(project)
    before = _schedule(loaded.engine_plan(now=now))
    by_key = {t.key: t for t in loaded.tasks}
    added_tasks, added_links = [], []
    for n, entry in enumerate(changes, start=1):
        if "issue" in entry:
            services.apply_task_changes(by_key[entry["issue"]], {"duration_minutes": entry["duration_minutes"]})
            continue
        task_id = f"{NEW}{n}"
        added_tasks.append(engine.Task(id=task_id, name=entry["title"], duration=entry["duration_minutes"]))
        added_links += [engine.Dependency(str(by_key[k].issue_id), task_id) for k in entry.get("after", [])]
        added_links += [engine.Dependency(task_id, str(by_key[k].issue_id)) for k in entry.get("before", [])]
    plan = loaded.engine_plan(now=now)
    plan = dataclasses.replace(plan, tasks=plan.tasks + tuple(added_tasks),
                               dependencies=plan.dependencies + tuple(added_links))
    after = _schedule(plan)
    impact = compare(_dates(before), _dates(after), finish_before=before.finish, finish_after=after.finish)
    titles = {t.id: t.name for t in added_tasks}
    return _described(impact, before, after, loaded, titles, now)


def _schedule(plan: engine.Plan) -> engine.Schedule:
    try:
        return engine.schedule(plan)
    except engine.CycleError:
        raise Invalid.field("schedule_changes", "the added links would make a loop in the plan") from None
    except engine.SchedulingError as error:
        raise Invalid.field("schedule_changes", str(error)) from None


def _dates(result: engine.Schedule) -> dict[str, Dates]:
    return {task.id: Dates(task.start, task.finish) for task in result}


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="minutes")


def _described(impact: Impact, before: engine.Schedule, after: engine.Schedule, loaded: plans.LoadedPlan,
               titles: dict[str, str], now: dt.datetime) -> dict[str, Any]:
    per_day = plans.minutes_per_day(loaded.plan)
    tasks = {str(t.issue_id): t for t in loaded.tasks}
    moved = [{
        "key": tasks[m.task].key, "title": tasks[m.task].title,
        "start_before": _iso(before[m.task].start_at), "start_after": _iso(after[m.task].start_at),
        "finish_before": _iso(before[m.task].finish_at), "finish_after": _iso(after[m.task].finish_at),
        "start_delta_days": round(m.start_delta / per_day, 2), "finish_delta_days": round(m.finish_delta / per_day, 2),
    } for m in impact.moved if m.task in tasks]
    added = [{"title": titles[task_id], "start": _iso(after[task_id].start_at),
              "finish": _iso(after[task_id].finish_at)} for task_id in impact.added]
    return {
        "finish_before": _iso(before.finish_at) if len(before) else None,
        "finish_after": _iso(after.finish_at) if len(after) else None,
        "finish_delta_minutes": impact.finish_delta, "finish_delta_days": round(impact.finish_delta / per_day, 2),
        "moved": moved, "added": added, "computed_at": _iso(now),
    }
