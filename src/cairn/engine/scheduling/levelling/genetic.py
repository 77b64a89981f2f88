"""A genetic algorithm on activity lists, every child improved by justification.

After Hartmann (1998) for the encoding and the two-point crossover, and Valls,
Ballestín & Quintanilla (2005) / Debels & Vanhoucke (2007) for justifying every
schedule and writing the justified order back into the chromosome.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cairn.engine.scheduling.levelling.compiled import Compiled
from cairn.engine.scheduling.levelling.priority import (
    PriorityRule,
    priority_order,
    priority_values,
    sampled_order,
)
from cairn.engine.scheduling.levelling.sgs import justify, makespan, serial_pass


@dataclass(frozen=True, slots=True)
class Budget:
    deadline: float
    max_schedules: int
    clock: Callable[[], float] = time.perf_counter


@dataclass(slots=True)
class Individual:
    order: list[int]
    starts: list[int]
    span: int


#: Generations without a better schedule before the population restarts.
STALL_GENERATIONS = 8
#: Chance that a child has one task moved elsewhere in its list (links allowing).
MUTATION_RATE = 0.5
#: Share of the tasks moved when a restart shakes the best schedule's order.
SHAKE_RATE = 0.1


class _Stop(Exception):
    pass


class Evolution:
    def __init__(self, cp: Compiled, rng: random.Random, budget: Budget) -> None:
        self.cp = cp
        self.rng = rng
        self.budget = budget
        self.schedules = 0
        self.restarts = 0
        self.best: Individual | None = None
        self.lft = priority_values(cp, PriorityRule.LFT)
        self.spread = 2.0 * sum(cp.dur) / max(1, cp.n) + 1.0

    def evaluate(self, order: list[int]) -> Individual:
        budget = self.budget
        if self.schedules >= budget.max_schedules or budget.clock() >= budget.deadline:
            raise _Stop
        cp = self.cp
        starts = serial_pass(cp, cp.forward, order)
        starts, span, order, passes = justify(cp, starts, makespan(cp, starts))
        self.schedules += 1 + passes
        child = Individual(order, starts, span)
        if self.best is None or span < self.best.span:
            self.best = child
            if span <= cp.lower_bound:
                raise _Stop
        return child

    def first_pass(self, order: list[int]) -> None:
        """One schedule whatever the budget says: there is always an answer."""
        budget = self.budget
        self.budget = Budget(float("inf"), 2**62, budget.clock)
        try:
            self.evaluate(order)
        except _Stop:
            pass
        finally:
            self.budget = budget

    def run(self, seeds: Sequence[list[int]], population_size: int) -> None:
        try:
            population = self._initial(seeds, population_size)
            stall = 0
            while True:
                before = self.best.span if self.best else 0
                population = self._generation(population, population_size)
                stall = stall + 1 if self.best and self.best.span >= before else 0
                if stall >= STALL_GENERATIONS:
                    population = self._restart(population_size)
                    stall = 0
        except _Stop:
            return

    def _initial(self, seeds: Sequence[list[int]], size: int) -> list[Individual]:
        cp = self.cp
        population = [self.evaluate(list(order)) for order in seeds]
        for rule in PriorityRule:
            population.append(self.evaluate(priority_order(cp, priority_values(cp, rule))))
        while len(population) < size:
            population.append(self._sample())
        return _select(population, size)

    def _sample(self) -> Individual:
        """A schedule from a randomly blurred latest-finish-time rule."""
        return self.evaluate(sampled_order(self.cp, self.lft, self.rng, self.spread))

    def _generation(self, population: list[Individual], size: int) -> list[Individual]:
        rng = self.rng
        parents = population[:]
        rng.shuffle(parents)
        children: list[Individual] = []
        n = self.cp.n
        try:
            for k in range(0, len(parents) - 1, 2):
                mother, father = parents[k], parents[k + 1]
                q1 = rng.randrange(n + 1)
                q2 = rng.randrange(n + 1)
                if q1 > q2:
                    q1, q2 = q2, q1
                for a, b in ((mother, father), (father, mother)):
                    order = _two_point(a.order, b.order, q1, q2)
                    if rng.random() < MUTATION_RATE:
                        self._shift(order, 1)
                    children.append(self.evaluate(order))
        finally:
            # Keep what the interrupted generation found for the final answer.
            population.extend(children)
        return _select(population, size)

    def _restart(self, size: int) -> list[Individual]:
        """Alternately a fresh sample (diversify) and shaken copies of the best
        schedule (intensify), always keeping the best."""
        assert self.best is not None
        best = self.best
        fresh = [best]
        self.restarts += 1
        if self.restarts % 2 == 0:
            while len(fresh) < size:
                fresh.append(self._sample())
            return _select(fresh, size)
        while len(fresh) < size:
            order = best.order[:]
            self._shift(order, max(2, int(self.cp.n * SHAKE_RATE)))
            fresh.append(self.evaluate(order))
        return _select(fresh, size)

    def _shift(self, order: list[int], moves: int) -> None:
        """Move random tasks to random places between their predecessors and
        successors in the list."""
        rng = self.rng
        preds = self.cp.forward.preds
        succs = self.cp.succs
        n = len(order)
        for _ in range(moves):
            position = [0] * n
            for p, j in enumerate(order):
                position[j] = p
            k = rng.randrange(n)
            j = order[k]
            lo = max((position[i] + 1 for i, _ in preds[j]), default=0)
            hi = min((position[i] - 1 for i, _ in succs[j]), default=n - 1)
            target = rng.randint(lo, hi)
            del order[k]
            order.insert(target, j)


def _two_point(mother: list[int], father: list[int], q1: int, q2: int) -> list[int]:
    child = mother[:q1]
    taken = bytearray(len(mother))
    for j in child:
        taken[j] = 1
    for j in father:
        if len(child) >= q2:
            break
        if not taken[j]:
            child.append(j)
            taken[j] = 1
    for j in mother:
        if not taken[j]:
            child.append(j)
    return child


def _select(population: list[Individual], size: int) -> list[Individual]:
    """The ``size`` best distinct schedules."""
    seen: set[tuple[int, ...]] = set()
    kept: list[Individual] = []
    for ind in sorted(population, key=lambda ind: ind.span):
        key = tuple(ind.starts)
        if key not in seen:
            seen.add(key)
            kept.append(ind)
            if len(kept) == size:
                break
    return kept
