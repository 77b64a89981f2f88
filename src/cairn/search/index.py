"""Writing to and asking the full-text index. Services call `index_issue` in the same
transaction as the change, so search never shows a rolled-back edit."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import QuerySet

from cairn.search.models import Document

WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 8


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())[:MAX_WORDS]


def index(kind: str, object_id: int, project_id: int, title: str, body: str) -> None:
    Document.objects.update_or_create(
        kind=kind, object_id=object_id, defaults={"project_id": project_id, "title": title, "body": body}
    )
    if connection.vendor == "postgresql":
        Document.objects.filter(kind=kind, object_id=object_id).update(
            vector=SearchVector("title", weight="A", config="simple") + SearchVector("body", weight="B", config="simple")
        )


def index_many(rows: Iterable[tuple[str, int, int, str, str]]) -> None:
    """Bulk (re)indexing for imports and data generators."""
    batch = [Document(kind=k, object_id=o, project_id=p, title=t, body=b) for k, o, p, t, b in rows]
    Document.objects.bulk_create(batch, batch_size=1000, update_conflicts=True,
                                 unique_fields=["kind", "object_id"], update_fields=["project_id", "title", "body"])
    if connection.vendor == "postgresql":
        Document.objects.filter(vector__isnull=True).update(
            vector=SearchVector("title", weight="A", config="simple") + SearchVector("body", weight="B", config="simple")
        )


def matching_ids(kind: str, text: str, project_ids: Any = None) -> QuerySet[Any] | list[int]:
    """Ids of the objects whose document contains every word of ``text`` (each word also
    matching as a prefix), as a subquery for the caller's own filters."""
    terms = words(text)
    if not terms:
        return []
    docs = Document.objects.filter(kind=kind)
    if project_ids is not None:
        docs = docs.filter(project_id__in=project_ids)
    if connection.vendor == "postgresql":
        query = SearchQuery(" & ".join(f"{t}:*" for t in terms), search_type="raw", config="simple")
        return docs.filter(vector=query).values("object_id")
    match = " AND ".join(f'"{t}"*' for t in terms)
    # Unqualified: inside a subquery Django renames the table (U0).
    return docs.extra(where=["id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"],
                      params=[match]).values("object_id")


def remove(kind: str, object_id: int) -> None:
    Document.objects.filter(kind=kind, object_id=object_id).delete()
