"""Resource levelling: the resource-constrained project scheduling problem (RCPSP).

``level(problem)`` returns a schedule that respects every link and every resource's
capacity in every period, with as short a makespan as the time limit allows.
``preview_moves(current, levelled)`` lists what levelling would move.
"""

from cairn.engine.scheduling.levelling.cpsat import available as cpsat_available
from cairn.engine.scheduling.levelling.preview import TaskMove, preview_moves
from cairn.engine.scheduling.levelling.priority import PriorityRule
from cairn.engine.scheduling.levelling.problem import (
    LevelledSchedule,
    LevellingError,
    LevellingProblem,
    LinkKind,
    Precedence,
    Resource,
    ResourceId,
    Task,
    TaskId,
)
from cairn.engine.scheduling.levelling.solve import (
    Solver,
    critical_path_starts,
    level,
    priority_rule_schedule,
)
from cairn.engine.scheduling.levelling.verify import violations

__all__ = [
    "LevelledSchedule",
    "LevellingError",
    "LevellingProblem",
    "LinkKind",
    "Precedence",
    "PriorityRule",
    "Resource",
    "ResourceId",
    "Solver",
    "Task",
    "TaskId",
    "TaskMove",
    "cpsat_available",
    "critical_path_starts",
    "level",
    "preview_moves",
    "priority_rule_schedule",
    "violations",
]
