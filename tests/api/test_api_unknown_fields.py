"""A misspelt field is an error naming it, never a silent 200 that changes nothing."""

from __future__ import annotations

from typing import Any

from cairn.tracker.models import Issue


def test_a_misspelt_field_is_refused_by_name(api_as: Any, alice: Any, issue: Any) -> None:
    response = api_as(alice).patch(f"/api/v1/issues/{issue.key}", {"titel": "Typo"})
    assert response.status_code == 422
    assert "titel" in response.json()["errors"]
    assert Issue.objects.get(pk=issue.pk).version == issue.version


def test_a_new_issue_with_an_unknown_field_is_not_created(api_as: Any, alice: Any, web: Any) -> None:
    response = api_as(alice).post("/api/v1/projects/WEB/issues", {"title": "Ok", "severity": "high"})
    assert response.status_code == 422 and "severity" in response.json()["errors"]
    assert not Issue.objects.exists()


def test_an_unknown_endpoint_answers_json(api_as: Any, alice: Any) -> None:
    response = api_as(alice).get("/api/v1/colours")
    assert response.status_code == 404 and "/api/v1/colours" in response.json()["message"]
