"""Lessons learned: what went well, what went badly, what to do next time, tagged, and
searchable across every project the reader may see. Members write them; their author or
a manager edits or removes them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db.models import Q, QuerySet

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Forbidden, Invalid, NotFound
from cairn.lifecycle.models import Lesson
from cairn.workspaces import policy
from cairn.workspaces.models import Project

FIELDS = ("title", "went_well", "went_badly", "recommendation", "tags")
TAG = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
MAX_TAGS = 10


def tags(raw: Any) -> list[str]:
    """Tags from a list or from text separated by commas or spaces, lower case."""
    if values.is_blank(raw):
        return []
    if isinstance(raw, str):
        raw = raw.replace(",", " ").split()
    if not isinstance(raw, list) or not all(isinstance(t, str) for t in raw):
        raise Invalid.field("tags", "must be a list of tags")
    found = list(dict.fromkeys(t.strip().lower().lstrip("#") for t in raw if t.strip()))
    bad = [t for t in found if not TAG.fullmatch(t)]
    if bad:
        raise Invalid.field("tags", f"{bad[0][:40]!r} is not a tag: letters, digits and dashes")
    if len(found) > MAX_TAGS:
        raise Invalid.field("tags", f"at most {MAX_TAGS} tags")
    return found


def _parse(data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of a lesson")
    parsed: dict[str, Any] = {}
    if creating or "title" in data:
        parsed["title"] = values.text(data.get("title"), "title", max_length=200, required=True)
    for name in ("went_well", "went_badly", "recommendation"):
        if name in data:
            parsed[name] = values.text(data[name], name, max_length=10_000)
    if "tags" in data:
        listed = tags(data["tags"])
        parsed["tags"] = f",{','.join(listed)}," if listed else ""
    return parsed


def add_lesson(*, actor: User, project: Project, data: dict[str, Any], now: dt.datetime) -> Lesson:
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    parsed = _parse(data, creating=True)
    return Lesson.objects.create(project=project, author=actor, created_at=now, **parsed)


def _may_change(actor: User, lesson: Lesson) -> None:
    policy.require(actor, policy.Action.EDIT_ISSUES, lesson.project)
    if lesson.author_id != actor.pk and not policy.can(actor, policy.Action.MANAGE_PROJECT, lesson.project):
        raise Forbidden("Only its author or a manager may change a lesson")


def update_lesson(*, actor: User, lesson: Lesson, data: dict[str, Any]) -> Lesson:
    _may_change(actor, lesson)
    for name, value in _parse(data, creating=False).items():
        setattr(lesson, name, value)
    lesson.save()
    return lesson


def remove_lesson(*, actor: User, lesson: Lesson) -> None:
    _may_change(actor, lesson)
    lesson.delete()


def lesson_by_id(project: Project, lesson_id: int) -> Lesson:
    found = Lesson.objects.filter(project=project, pk=lesson_id).select_related("project", "author").first()
    if found is None:
        raise NotFound(f"No lesson {lesson_id} in {project.key}")
    return found


def of_project(project: Project) -> QuerySet[Lesson]:
    return Lesson.objects.filter(project=project).select_related("project", "author")


def search(user: User | Any, *, text: str = "", tag: str = "") -> QuerySet[Lesson]:
    """Lessons of every project the user may see, matching every word of the text (in
    the title, the three parts or the project's key and name) and the tag."""
    found = Lesson.objects.filter(project__in=policy.visible_projects(user)).select_related("project", "author")
    for word in values.no_nul(text, "q").split()[:10]:
        found = found.filter(Q(title__icontains=word) | Q(went_well__icontains=word) | Q(went_badly__icontains=word)
                             | Q(recommendation__icontains=word) | Q(tags__icontains=word)
                             | Q(project__key__iexact=word) | Q(project__name__icontains=word))
    if tag.strip():
        found = found.filter(tags__contains=f",{values.no_nul(tag, 'tag').strip().lower().lstrip('#')},")
    return found


def tags_in_use(user: User | Any) -> list[str]:
    used: set[str] = set()
    for text in Lesson.objects.filter(project__in=policy.visible_projects(user)).values_list("tags", flat=True):
        used.update(t for t in text.split(",") if t)
    return sorted(used)
