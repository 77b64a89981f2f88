"""A release's notes: generated in Markdown from the done issues of its scope, grouped by
issue type, then edited by hand, and exported as Markdown or as a standalone HTML page.

A line is the issue's "Release note" custom field when its project has one and it is
filled (the words written for customers), else the name of the product feature the issue
delivers, else the issue's title; the key follows.

Notes are read by everyone who may see the product, guests and customers included, so
work of private projects is never written into them, whoever generates them: the page
says how many such issues were left out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.html import escape
from django.utils.text import slugify

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Conflict
from cairn.markup import render
from cairn.product.models import Feature, Release
from cairn.product.services import products, releases, work
from cairn.tracker.models import CustomField, Issue
from cairn.workspaces import policy
from cairn.workspaces.models import Visibility

NOTE_FIELD = "release note"
MAX_NOTES = 100_000
# Features first, then fixes, then the rest by name: what readers look for first.
TYPE_ORDER = {"Feature": 0, "Epic": 1, "Bug": 2}


def generate_notes(*, actor: User, release: Release, now: dt.datetime, overwrite: bool = False) -> Release:
    """Writes generated notes. Notes already written are only replaced when asked to
    (`overwrite`): they may hold hand edits."""
    products.require(actor, policy.Action.MANAGE_PROJECT, release.product)
    if release.notes.strip() and not overwrite:
        raise Conflict("The release has notes already; generate again with overwrite to replace them")
    release.notes = draft_notes(actor, release)
    release.notes_generated_at = now
    release.save(update_fields=["notes", "notes_generated_at"])
    return release


def set_notes(*, actor: User, release: Release, notes: Any) -> Release:
    products.require(actor, policy.Action.MANAGE_PROJECT, release.product)
    release.notes = values.text(notes, "notes", max_length=MAX_NOTES, strip=False)
    release.save(update_fields=["notes"])
    return release


def draft_notes(actor: User | Any, release: Release) -> str:
    """The notes as generated now, from the done issues of the scope in projects open to
    the workspace."""
    scope = _public_scope(release)
    done = [w for w in work.work_of(actor, scope).values() if w.done]
    lines = _note_lines([w.id for w in done])
    features = _feature_names(release, [w.id for w in done])
    groups: dict[str, list[tuple[str, str]]] = {}
    for item in done:
        text = lines.get(item.id) or features.get(item.id) or item.title
        groups.setdefault(item.type, []).append((item.key, text))
    parts = [f"# {release.name}"]
    if release.target_date:
        parts.append(f"_{(release.shipped_at.date() if release.shipped_at else release.target_date).isoformat()}_")
    if not groups:
        parts.append("Nothing is done in this release yet.")
    for kind in sorted(groups, key=lambda k: (TYPE_ORDER.get(k, len(TYPE_ORDER)), k.lower())):
        entries = sorted(groups[kind], key=_key_order)
        parts.append(f"## {_plural(kind)}\n\n" + "\n".join(f"- {_one_line(text)} ({key})" for key, text in entries))
    return "\n\n".join(parts) + "\n"


def private_work_left_out(release: Release) -> int:
    """How many issues of the scope belong to private projects, and so stay out of the
    generated notes."""
    scope = releases.scope_ids([release])[release.pk]
    return Issue.objects.filter(id__in=list(scope), project__visibility=Visibility.PRIVATE).count()


def _public_scope(release: Release) -> set[int]:
    scope = releases.scope_ids([release])[release.pk]
    return set(Issue.objects.filter(id__in=list(scope), project__visibility=Visibility.WORKSPACE)
               .values_list("id", flat=True))


def _feature_names(release: Release, issue_ids: list[int]) -> dict[int, str]:
    """The product feature each issue delivers, by issue id: what customers know it as."""
    rows = Feature.objects.filter(product_id=release.product_id, issue_id__in=issue_ids).order_by("rank", "id")
    found: dict[int, str] = {}
    for issue_id, title in rows.values_list("issue_id", "title"):
        found.setdefault(issue_id, title)
    return found


def _note_lines(issue_ids: list[int]) -> dict[int, str]:
    """Each issue's filled "Release note" field, by issue id."""
    rows = list(Issue.objects.filter(id__in=issue_ids).values_list("id", "project_id", "custom_values"))
    fields = {project: str(pk) for pk, project in CustomField.objects.filter(
        project_id__in={r[1] for r in rows}, name__iexact=NOTE_FIELD).values_list("id", "project_id")}
    found = {}
    for pk, project, custom in rows:
        value = (custom or {}).get(fields.get(project, ""))
        if isinstance(value, str) and value.strip():
            found[pk] = value.strip()
    return found


def _key_order(entry: tuple[str, str]) -> tuple[str, int]:
    project, _, number = entry[0].rpartition("-")
    return project, int(number)


def _plural(kind: str) -> str:
    return kind if kind.endswith("s") else f"{kind}s"


def _one_line(text: str) -> str:
    # A note written over several lines would break out of its list item.
    return " ".join(text.split())


def markdown_file(release: Release) -> tuple[str, str]:
    """The notes as a Markdown file: (file name, content)."""
    return f"{_file_stem(release)}.md", release.notes


def html_file(release: Release) -> tuple[str, str]:
    """The notes as a standalone HTML page, the Markdown sanitised like any user text."""
    title = escape(f"{release.product.name} {release.name} release notes")
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem;
color: #1f2937; }} h1, h2 {{ line-height: 1.2; }} code {{ background: #f3f4f6; padding: 0 .2rem; }}</style>
</head>
<body>
{render(release.notes)}
</body>
</html>
"""
    return f"{_file_stem(release)}.html", page


def _file_stem(release: Release) -> str:
    return f"{slugify(release.product.name) or 'product'}-{slugify(release.name) or release.pk}-release-notes"
