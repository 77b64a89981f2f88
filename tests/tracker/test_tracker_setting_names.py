"""A project's types, statuses, priorities, labels, milestones and custom fields are
named once in any case, and the database holds to it too."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from cairn.tracker.models import CustomField, IssueType, Label, Milestone, Priority, Status

BEFORE = [("tracker", "0002_issue_project_assignee_status")]
AFTER = [("tracker", "0003_setting_names_unique_in_any_case")]


@pytest.mark.parametrize("model, extra", [
    (IssueType, {}), (Status, {"category": "todo"}), (Priority, {}), (Label, {}), (Milestone, {}),
    (CustomField, {"kind": "text"}),
])
def test_the_database_refuses_a_name_differing_only_in_case(web: Any, model: Any, extra: dict[str, Any]) -> None:
    model.objects.create(project=web, name="Flamingo", **extra)
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(project=web, name="FLAMINGO", **extra)


@pytest.mark.django_db(transaction=True)
def test_the_migration_numbers_the_names_that_differ_only_in_case(web: Any, sec: Any) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_label = executor.loader.project_state(BEFORE).apps.get_model("tracker", "Label")
    for project, name in ((web, "ui"), (web, "UI"), (web, "Ui"), (web, "ui (2)"), (sec, "UI"), (web, "x" * 60),
                          (web, "X" * 60)):
        old_label.objects.create(project_id=project.pk, name=name)
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    assert sorted(Label.objects.filter(project=web).values_list("name", flat=True)) == sorted(
        ["ui", "UI (3)", "Ui (4)", "ui (2)", "x" * 60, "X" * 56 + " (2)"])
    assert list(Label.objects.filter(project=sec).values_list("name", flat=True)) == ["UI"]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
