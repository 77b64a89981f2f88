"""Where a project's lifecycle phase is read for reports and the portfolio: from the
lifecycle, many projects at once so the portfolio stays a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence

from cairn.lifecycle import gates
from cairn.workspaces.models import Project


def phases_of(projects: Sequence[Project]) -> dict[int, str | None]:
    """Each project's current phase by its id, as its label ("Execution"), or "Closed"."""
    return {pk: "Closed" if closed else phase.label for pk, (phase, closed) in gates.standing_of(projects).items()}
