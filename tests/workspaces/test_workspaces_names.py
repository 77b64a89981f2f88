"""Workspace and team names are text a column can hold: refused, naming the field, when not."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cairn.errors import Invalid
from cairn.workspaces import services
from cairn.workspaces.models import Team, Workspace


@pytest.mark.parametrize("name", ["x" * 121, "Ops\x00", "  ", None])
def test_a_team_or_workspace_name_that_cannot_be_stored_is_refused(alice: Any, workspace: Any, name: Any) -> None:
    with pytest.raises(Invalid) as refused:
        services.create_team(actor=alice, workspace=workspace, name=name, members=[])
    assert "name" in refused.value.fields
    with pytest.raises(Invalid) as refused:
        services.create_workspace(owner=alice, name=name, now=timezone.now())
    assert "name" in refused.value.fields
    assert not Team.objects.exists() and Workspace.objects.count() == 1
