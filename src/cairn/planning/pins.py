"""The pins levelling sets: what each levelling pinned and what the pins replaced, so the
last levelling can be undone exactly and every levelling pin cleared at once — leaving
alone the constraints people set by hand, including a levelling pin someone changed
since (it is theirs then)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from cairn.accounts.models import User
from cairn.errors import Invalid
from cairn.planning.models import ConstraintKind, Levelling, LevellingPin, TaskSchedule
from cairn.planning.services import reschedule
from cairn.workspaces import policy
from cairn.workspaces.models import Project

Constraint = tuple[str, dt.datetime | None]


@dataclass
class Unpinned:
    """What an undo or a clearing did: the tasks put back, the ones left as people set them."""

    project: str
    restored: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"project": self.project, "restored": self.restored, "kept": self.kept}

    def sentence(self, done: str) -> str:
        kept = f" {len(self.kept)} left as someone set them since." if self.kept else ""
        return f"{done} {len(self.restored)} tasks back as they were.{kept}"


def record(*, project: Project, actor: User, now: dt.datetime,
           pinned: Iterable[tuple[int, Constraint, dt.datetime]]) -> Levelling | None:
    """Keeps what a levelling is applying: per task, the constraint it replaces and the
    start-no-earlier-than date it sets."""
    rows = list(pinned)
    if not rows:
        return None
    levelling = Levelling.objects.create(project=project, applied_at=now, applied_by=actor)
    LevellingPin.objects.bulk_create(
        LevellingPin(levelling=levelling, task_id=task_id, previous_constraint=kind, previous_date=date, pinned_date=pin)
        for task_id, (kind, date), pin in rows
    )
    return levelling


def _in_place(pin: LevellingPin, now: Constraint) -> bool:
    return now == (ConstraintKind.SNET, pin.pinned_date)


def _pins(project: Project) -> dict[int, list[LevellingPin]]:
    """The pins of the levellings not undone, by task, the newest first."""
    found: dict[int, list[LevellingPin]] = defaultdict(list)
    rows = (LevellingPin.objects.filter(levelling__project=project, levelling__undone_at__isnull=True)
            .select_related("task__issue__project").order_by("-levelling__applied_at", "-levelling_id"))
    for pin in rows:
        found[pin.task_id].append(pin)
    return found


def _unwound(task: TaskSchedule, pins: list[LevellingPin]) -> Constraint | None:
    """The constraint under the levelling pins still on ``task`` (None if it has none)."""
    current: Constraint = (task.constraint, task.constraint_date)
    unwound = None
    for pin in pins:
        if not _in_place(pin, current):
            break
        current = unwound = (pin.previous_constraint, pin.previous_date)
    return unwound


def replaced(project: Project) -> dict[int, Constraint]:
    """For each task still pinned by levelling, the constraint people gave it before."""
    found = {}
    for pins in _pins(project).values():
        under = _unwound(pins[0].task, pins)
        if under is not None:
            found[pins[0].task_id] = under
    return found


def summary(project: Project) -> dict[str, Any]:
    """The last levelling that can be undone, and how many tasks levelling pins hold."""
    last = Levelling.objects.filter(project=project, undone_at__isnull=True).select_related("applied_by").first()
    return {
        "last": None if last is None else {
            "applied_at": last.applied_at, "applied_by": last.applied_by.username if last.applied_by else None,
            "tasks": last.pins.count(),
        },
        "pinned": len(replaced(project)),
    }


def undo_last(*, actor: User, project: Project, now: dt.datetime) -> Unpinned:
    """Puts back the constraints the last levelling replaced, where its pins still are."""
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    with transaction.atomic():
        last = Levelling.objects.select_for_update().filter(project=project, undone_at__isnull=True).first()
        if last is None:
            raise Invalid.field("levelling", "Nothing to undo: no levelling applied since the last undo or clearing")
        outcome = Unpinned(project.key)
        for pin in last.pins.select_related("task__issue__project").order_by("task__position", "task_id"):
            _restore(outcome, pin.task, [pin])
        Levelling.objects.filter(pk=last.pk).update(undone_at=now)
        reschedule(project, actor=actor, now=now)
    return outcome


def clear(*, actor: User, project: Project, now: dt.datetime) -> Unpinned:
    """Removes every pin levelling set that is still in place: each task gets back the
    constraint it had before levelling first pinned it."""
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    with transaction.atomic():
        open_levellings = Levelling.objects.select_for_update().filter(project=project, undone_at__isnull=True)
        list(open_levellings)
        outcome = Unpinned(project.key)
        for pins in sorted(_pins(project).values(), key=lambda p: (p[0].task.position, p[0].task_id)):
            _restore(outcome, pins[0].task, pins)
        open_levellings.update(undone_at=now)
        reschedule(project, actor=actor, now=now)
    return outcome


def _restore(outcome: Unpinned, task: TaskSchedule, pins: list[LevellingPin]) -> None:
    under = _unwound(task, pins)
    if under is None:
        outcome.kept.append(task.issue.key)
        return
    TaskSchedule.objects.filter(pk=task.pk).update(constraint=under[0], constraint_date=under[1])
    outcome.restored.append(task.issue.key)
