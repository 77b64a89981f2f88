"""The project's phase where the tracker lists projects, without the tracker knowing
about the lifecycle: `{% load lifecycle %}{% with_phases projects %}` once (one query for
the page), then `{% phase project %}` on each card or row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from cairn.lifecycle import gates
from cairn.lifecycle.models import Phase
from cairn.workspaces.models import Project

register = template.Library()


@register.simple_tag
def with_phases(projects: Iterable[Project]) -> str:
    listed = list(projects)
    closed = gates.closed_among(listed)
    for project, phase in zip(listed, gates.phases_of(listed).values(), strict=True):
        project.lifecycle_phase = phase  # type: ignore[attr-defined]
        project.lifecycle_closed = project.pk in closed  # type: ignore[attr-defined]
    return ""


@register.simple_tag
def phase(project: Project) -> SafeString:
    current: Any = getattr(project, "lifecycle_phase", None) or gates.phase_of(project)
    closed = getattr(project, "lifecycle_closed", None)
    if closed is None:
        closed = gates.is_closed(project)
    label = "Closed" if closed else Phase(current).label
    return format_html('<a class="pill phase {}" href="/projects/{}/lifecycle/" title="Project phase">{}</a>',
                       "closed" if closed else Phase(current).value, project.key, label)
