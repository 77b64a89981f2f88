"""What full-text search looks into: one document per searchable thing (an issue with its
description and comments; later wiki pages), with the database's own full-text index
beside it: FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class Document(models.Model):
    kind = models.CharField(max_length=16)
    object_id = models.BigIntegerField()
    project_id = models.BigIntegerField(db_index=True)
    title = models.TextField()
    body = models.TextField(blank=True)
    # Filled on PostgreSQL only; SQLite keeps its FTS5 table in step by triggers.
    vector = SearchVectorField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_object")]
        # The full-text indexes themselves differ per database: see migrations/0002.
