"""Reading PSPLIB files: single-mode ``.sm`` instances and the result tables.

Kolisch & Sprecher (1996), "PSPLIB - A project scheduling problem library".  Jobs
keep their PSPLIB numbers as task ids ("1" is the dummy source, the last the sink);
resources are "R1", "R2", ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cairn.engine.scheduling.levelling.problem import (
    LevellingError,
    LevellingProblem,
    Precedence,
    Resource,
    Task,
)

_INSTANCE_NAME = re.compile(r"^j(30|60|90|120)(\d+)_(\d+)$")
_ROW = re.compile(r"^\s*(\d+)\s+(\d+)\s+(\d+)(?:\s+(\d+)(?=\s|$))?")


def parse_sm(text: str) -> LevellingProblem:
    lines = text.splitlines()
    successors: dict[str, list[str]] = {}
    durations: dict[str, int] = {}
    demands: dict[str, list[int]] = {}
    capacities: list[int] = []
    section = ""
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith(("*", "-")):
            if stripped.startswith("*"):
                section = ""
            continue
        upper = stripped.upper()
        if upper.startswith("PRECEDENCE RELATIONS"):
            section = "precedence"
            continue
        if upper.startswith("REQUESTS/DURATIONS"):
            section = "requests"
            continue
        if upper.startswith("RESOURCEAVAILABILITIES"):
            section = "availability"
            continue
        fields = stripped.split()
        if not fields[0].isdigit():
            continue  # a column header
        if section == "precedence":
            job, modes, count = fields[0], int(fields[1]), int(fields[2])
            if modes != 1:
                raise LevellingError(f"Job {job} has {modes} modes: not single-mode")
            successors[job] = fields[3 : 3 + count]
        elif section == "requests":
            job = fields[0]
            durations[job] = int(fields[2])
            demands[job] = [int(x) for x in fields[3:]]
        elif section == "availability":
            capacities = [int(x) for x in fields]
    if not durations or not capacities:
        raise LevellingError("Not a PSPLIB single-mode file")
    resources = tuple(Resource(id=f"R{k + 1}", capacity=cap) for k, cap in enumerate(capacities))
    tasks = tuple(
        Task(
            id=job,
            duration=durations[job],
            demands={f"R{k + 1}": q for k, q in enumerate(demands[job]) if q},
        )
        for job in durations
    )
    links = tuple(Precedence(before=job, after=succ) for job, succs in successors.items() for succ in succs)
    return LevellingProblem(tasks=tasks, resources=resources, precedences=links)


def read_sm(path: Path) -> LevellingProblem:
    return parse_sm(path.read_text(encoding="latin-1"))


def instance_key(name: str) -> tuple[str, int, int] | None:
    """("j30", parameter, instance) for a PSPLIB file stem like "j3012_4"."""
    match = _INSTANCE_NAME.match(name)
    if match is None:
        return None
    return f"j{match[1]}", int(match[2]), int(match[3])


@dataclass(frozen=True, slots=True)
class Reference:
    """What is known of one instance's optimum."""

    upper: int
    lower: int

    @property
    def optimal(self) -> bool:
        return self.upper == self.lower


def read_optimum_table(text: str) -> dict[tuple[int, int], int]:
    """``j30opt.sm``: parameter, instance, optimal makespan, CPU time."""
    table: dict[tuple[int, int], int] = {}
    for line in text.splitlines():
        match = _ROW.match(line)
        if match:
            table[int(match[1]), int(match[2])] = int(match[3])
    return table


def read_bounds_table(text: str) -> dict[tuple[int, int], Reference]:
    """``j60lb.sm`` etc.: parameter, instance, upper bound, lower bound."""
    table: dict[tuple[int, int], Reference] = {}
    for line in text.splitlines():
        match = _ROW.match(line)
        if match and match[4] is not None:
            table[int(match[1]), int(match[2])] = Reference(int(match[3]), int(match[4]))
    return table


def read_references(solutions: Path, family: str) -> dict[tuple[int, int], Reference]:
    """Best known upper bound and lower bound per instance of ``family`` ("j60"...),
    combining ``<family>opt.sm``, ``<family>lb.sm`` and ``<family>hrs.sm``."""
    refs: dict[tuple[int, int], Reference] = {}
    optimum = solutions / f"{family}opt.sm"
    if optimum.exists():
        for key, span in read_optimum_table(optimum.read_text(encoding="latin-1")).items():
            refs[key] = Reference(span, span)
    bounds = solutions / f"{family}lb.sm"
    if bounds.exists():
        for key, ref in read_bounds_table(bounds.read_text(encoding="latin-1")).items():
            if key not in refs:
                refs[key] = ref
    heuristic = solutions / f"{family}hrs.sm"
    if heuristic.exists():
        for key, span in read_optimum_table(heuristic.read_text(encoding="latin-1")).items():
            old = refs.get(key)
            if old is None:
                refs[key] = Reference(span, 0)
            elif span < old.upper:
                refs[key] = Reference(span, old.lower)
    return refs
