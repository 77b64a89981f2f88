"""What the scheduler could not satisfy, and by how much."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from cairn.engine.scheduling.model import Constraint, Dependency, TaskId


class ViolationKind(Enum):
    CONSTRAINT = "constraint"  # links pushed the task past its constraint date
    DEPENDENCY = "dependency"  # the task's constraint or manual dates break a link


@dataclass(frozen=True, slots=True)
class Violation:
    """``minutes`` is the working time by which the task misses: how late it is for
    its constraint, or how early it is for the link."""

    task_id: TaskId
    kind: ViolationKind
    minutes: int
    constraint: Constraint
    dependency: Dependency | None = None

    def __str__(self) -> str:
        if self.dependency is None:
            return (
                f"Task {self.task_id} misses its {self.constraint.type.value} constraint "
                f"({self.constraint.date}) by {self.minutes} working minutes"
            )
        return f"Task {self.task_id} breaks the link {self.dependency} by {self.minutes} working minutes"
