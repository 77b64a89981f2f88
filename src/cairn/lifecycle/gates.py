"""Phases and their gates. A project moves Initiation → Planning → Execution →
Monitoring & controlling → Closure; to leave a phase its gate's checklist (from the
workspace's template) must be ticked in full, and a manager approves it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Conflict, Invalid, NotFound
from cairn.lifecycle.models import PHASES, GateApproval, GateItem, GateTick, Phase, ProjectPhase
from cairn.workspaces import policy
from cairn.workspaces.models import Project, Role, Workspace

DEFAULTS: dict[Phase, tuple[str, ...]] = {
    Phase.INITIATION: ("Business case written", "Charter approved", "Sponsor and project manager named"),
    Phase.PLANNING: ("Scope statement agreed", "Deliverables have acceptance criteria", "RACI agreed",
                     "Schedule baselined", "Budget set"),
    Phase.EXECUTION: ("Every deliverable produced", "Open change requests decided"),
    Phase.MONITORING: ("Every deliverable signed off", "Risks reviewed and closed", "Costs reconciled"),
    Phase.CLOSURE: ("Hand-over done", "Lessons learned recorded", "Post-project report reviewed",
                    "Contracts and accounts closed"),
}


@dataclass(frozen=True)
class Check:
    item: GateItem
    tick: GateTick | None

    @property
    def ticked(self) -> bool:
        return self.tick is not None


@dataclass(frozen=True)
class Gate:
    phase: Phase
    checks: list[Check]

    @property
    def open_items(self) -> list[str]:
        return [c.item.text for c in self.checks if not c.ticked]


def phase_of(project: Project) -> Phase:
    found = ProjectPhase.objects.filter(project=project).values_list("phase", flat=True).first()
    return Phase(found) if found else Phase.INITIATION


def phases_of(projects: Iterable[Project]) -> dict[int, Phase]:
    """Each project's phase in one query, for lists."""
    ids = [p.pk for p in projects]
    found = dict(ProjectPhase.objects.filter(project_id__in=ids).values_list("project_id", "phase"))
    return {pk: Phase(found.get(pk, Phase.INITIATION)) for pk in ids}


def standing_of(projects: Iterable[Project]) -> dict[int, tuple[Phase, bool]]:
    """Each project's phase and whether it is closed, in one query, for lists."""
    ids = [p.pk for p in projects]
    rows = {pk: (phase, closed_at is not None) for pk, phase, closed_at in
            ProjectPhase.objects.filter(project_id__in=ids).values_list("project_id", "phase", "closed_at")}
    return {pk: (Phase(rows[pk][0]), rows[pk][1]) if pk in rows else (Phase.INITIATION, False) for pk in ids}


def closed_among(projects: Iterable[Project]) -> set[int]:
    """Which of these projects are closed (their Closure gate approved), in one query."""
    ids = [p.pk for p in projects]
    return set(ProjectPhase.objects.filter(project_id__in=ids, closed_at__isnull=False)
               .values_list("project_id", flat=True))


def is_closed(project: Project) -> bool:
    return ProjectPhase.objects.filter(project=project, closed_at__isnull=False).exists()


def template(workspace: Workspace) -> dict[Phase, list[GateItem]]:
    """The workspace's gate template, made from the defaults the first time it is asked for."""
    items = list(GateItem.objects.filter(workspace=workspace))
    if not items:
        with transaction.atomic():
            Workspace.objects.select_for_update().filter(pk=workspace.pk).first()
            items = list(GateItem.objects.filter(workspace=workspace))
            if not items:
                GateItem.objects.bulk_create(
                    GateItem(workspace=workspace, phase=phase, text=text, position=n)
                    for phase, texts in DEFAULTS.items() for n, text in enumerate(texts))
                items = list(GateItem.objects.filter(workspace=workspace))
    by_phase: dict[Phase, list[GateItem]] = {phase: [] for phase in PHASES}
    for item in items:
        by_phase[Phase(item.phase)].append(item)
    return by_phase


def set_template(*, actor: User, workspace: Workspace, phase: Any, items: Any) -> list[GateItem]:
    """Replace one phase's checklist in the workspace's template. Ticks on lines kept
    (same text) survive; a removed line takes its ticks with it."""
    policy.require_workspace(actor, workspace, Role.MANAGER)
    chosen = parse_phase(phase)
    if not isinstance(items, list) or not all(isinstance(t, str) for t in items):
        raise Invalid.field("items", "must be a list of texts")
    texts = [values.text(t, "items", max_length=200) for t in items]
    texts = list(dict.fromkeys(t for t in texts if t))
    current = template(workspace)[chosen]
    with transaction.atomic():
        kept = {item.text: item for item in current}
        GateItem.objects.filter(pk__in=[i.pk for i in current if i.text not in texts]).delete()
        for n, text in enumerate(texts):
            item = kept.get(text) or GateItem(workspace=workspace, phase=chosen, text=text)
            item.position = n
            item.save()
    return template(workspace)[chosen]


def parse_phase(raw: Any) -> Phase:
    if raw not in Phase.values:
        raise Invalid.field("phase", f"must be one of {', '.join(Phase.values)}")
    return Phase(raw)


def gate(project: Project, phase: Phase | None = None) -> Gate:
    chosen = phase or phase_of(project)
    items = template(project.workspace)[chosen]
    ticks = {t.item_id: t for t in GateTick.objects.filter(project=project, item__in=items).select_related("by")}
    return Gate(chosen, [Check(item, ticks.get(item.pk)) for item in items])


def _item(project: Project, item_id: int) -> GateItem:
    found = GateItem.objects.filter(workspace_id=project.workspace_id, pk=item_id).first()
    if found is None:
        raise NotFound(f"No gate item {item_id} in {project.key}'s template")
    return found


def tick(*, actor: User, project: Project, item_id: int, ticked: bool, now: dt.datetime) -> Gate:
    """Tick or untick a line of the current gate's checklist (members)."""
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    item = _item(project, item_id)
    current = phase_of(project)
    if item.phase != current or is_closed(project):
        raise Conflict(f"{project.key} is in {current.label}: only its gate's items can be ticked")
    if ticked:
        GateTick.objects.get_or_create(project=project, item=item, defaults={"by": actor, "at": now})
    else:
        GateTick.objects.filter(project=project, item=item).delete()
    return gate(project, current)


def approve(*, actor: User, project: Project, now: dt.datetime) -> GateApproval:
    """A manager approves the current gate: the project moves to the next phase (or, at
    Closure, is closed). Refused while items are open, naming them."""
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    with transaction.atomic():
        Project.objects.select_for_update().filter(pk=project.pk).first()
        state, _ = ProjectPhase.objects.get_or_create(project=project)
        if state.closed_at is not None:
            raise Conflict(f"{project.key} is closed")
        current = gate(project, Phase(state.phase))
        if current.open_items:
            raise Invalid.field("gate", "still open: " + "; ".join(current.open_items))
        approval = GateApproval.objects.create(
            project=project, phase=current.phase, by=actor, at=now,
            checklist=[{"text": c.item.text, "by": c.tick.by.username if c.tick and c.tick.by else None}
                       for c in current.checks])
        following = PHASES.index(current.phase) + 1
        if following < len(PHASES):
            state.phase = PHASES[following]
        else:
            state.closed_at = now
        state.save()
    return approval


def approvals(project: Project) -> list[GateApproval]:
    return list(GateApproval.objects.filter(project=project).select_related("by"))
