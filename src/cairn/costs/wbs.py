"""Where a cost belongs in the work breakdown: every issue of a project answers to the WBS
code of the nearest task of the plan at or above it (a sub-task that is not scheduled
counts for its scheduled parent), and a phase — a summary task — holds every code under
its own ("1.2" holds "1.2" and "1.2.3", not "1.20")."""

from __future__ import annotations

from dataclasses import dataclass

from cairn.planning import plans
from cairn.planning.queries import outline
from cairn.tracker.models import Issue
from cairn.workspaces.models import Project


@dataclass(frozen=True)
class Phase:
    issue_id: int
    key: str
    title: str
    code: str
    level: int


@dataclass
class Breakdown:
    codes: dict[int, str]  # scheduled issue id → WBS code
    parents: dict[int, int | None]  # every issue of the project → its parent
    phases: list[Phase]
    leaves: list[tuple[plans.PlannedTask, str]]

    def code_of(self, issue_id: int | None) -> str:
        """The WBS code an issue's costs are booked to; "" outside the plan."""
        seen: set[int] = set()
        while issue_id is not None and issue_id not in seen:
            if issue_id in self.codes:
                return self.codes[issue_id]
            seen.add(issue_id)
            issue_id = self.parents.get(issue_id)
        return ""

    def phase(self, issue_id: int) -> Phase | None:
        return next((p for p in self.phases if p.issue_id == issue_id), None)


def within(code: str, element: str) -> bool:
    return code == element or code.startswith(element + ".")


def breakdown(project: Project) -> Breakdown:
    loaded = plans.load(project)
    ordered = outline(loaded.tasks)
    parents: dict[int, int | None] = dict(Issue.objects.filter(project=project).values_list("id", "parent_id"))
    return Breakdown(
        codes={t.issue_id: code for t, code, _ in ordered},
        parents=parents,
        phases=[Phase(t.issue_id, t.key, t.title, code, level) for t, code, level in ordered if t.summary],
        leaves=[(t, code) for t, code, _ in ordered if not t.summary],
    )
