"""What a change to one task would do, computed by the engine without storing anything:
the Gantt chart asks while a bar is being dragged, so its status line can say where the
task will land — and why, when a link holds it where the drag does not say."""

from __future__ import annotations

from typing import Any

from cairn.engine import scheduling as engine
from cairn.errors import Invalid, NotFound
from cairn.planning import plans, queries, services
from cairn.tracker.models import Issue

# Links that fix a task's finish rather than its start.
FINISH_LINKS = ("FF", "SF")


def _iso(moment: Any) -> str | None:
    return None if moment is None else plans.naive(plans.aware(moment)).isoformat(timespec="minutes")


def preview(issue: Issue, changes: dict[str, Any]) -> dict[str, Any]:
    loaded = plans.load(issue.project)
    task = next((t for t in loaded.tasks if t.issue_id == issue.pk), None)
    if task is None:
        raise NotFound(f"{issue.key} is not in the schedule")
    before = (_iso(task.start), _iso(task.finish))
    services.apply_task_changes(task, changes)
    try:
        result = engine.schedule(loaded.engine_plan())[str(issue.pk)]
    except engine.CycleError:
        raise Invalid("the plan has a loop") from None
    except engine.SchedulingError as error:
        raise Invalid(str(error)) from None
    start, finish = _iso(result.start_at), _iso(result.finish_at)
    held = "duration_minutes" in changes and finish == before[1] and start != before[0]
    return {
        "key": issue.key, "start": start, "finish": finish, "duration_minutes": task.duration_minutes,
        "finish_held_by": _finish_links(loaded, issue.pk) if held else [],
    }


def _finish_links(loaded: plans.LoadedPlan, issue_id: int) -> list[dict[str, Any]]:
    wbs = {t.issue_id: code for t, code, _ in queries.outline(loaded.tasks)}
    keys = loaded.keys
    return [
        {"key": keys[link.predecessor_id], "wbs": wbs[link.predecessor_id], "type": link.kind,
         "lag_minutes": link.lag_minutes}
        for link in loaded.links
        if link.successor_id == issue_id and link.kind in FINISH_LINKS and link.predecessor_id in keys
    ]
