"""Every operation the OpenAPI document promises is routed to its view: Django routes on
the path alone, so two routers sharing a path would silently answer 405."""

from __future__ import annotations

import re

import pytest

from cairn.api import api

OPERATIONS = [
    (method.upper(), path)
    for path, methods in api.get_openapi_schema()["paths"].items()
    for method in methods
]
SAMPLE = {"key": "WEB", "issue_key": "WEB-1", "kind": "labels", "setting_id": "999999",
          "comment_id": "999999", "attachment_id": "999999", "token_id": "999999", "username": "bob",
          "link_id": "999999", "baseline_id": "999999", "time_off_id": "999999", "filter_id": "999999",
          "slug": "acme", "product_id": "999999",
          "metric_id": "999999", "day": "2026-01-01",
          "idea_id": "999999", "customer_id": "999999", "feedback_id": "999999",
          "release_id": "999999", "feature_id": "999999", "checklist_id": "999999", "task_id": "999999",
          "template_id": "999999",
          "objective_id": "999999", "key_result_id": "999999", "competitor_id": "999999", "row_id": "999999",
          "note_id": "999999", "insight_id": "999999", "token": "no-such-token-at-all",
          "risk_id": "999999", "change_id": "999999", "stakeholder_id": "999999", "communication_id": "999999",
          "decision_id": "999999",
          "entry_id": "999999", "week": "2026-11-02", "timesheet_id": "999999", "rate_id": "999999",
          "expense_id": "999999", "line_id": "999999", "number": "999999",
          "item_id": "999999", "phase": "planning", "deliverable_id": "999999", "lesson_id": "999999"}


def test_the_document_lists_the_operations_the_pages_and_scripts_rely_on():
    assert ("POST", "/api/v1/projects") in OPERATIONS
    assert ("GET", "/api/v1/projects/{key}/labels") in OPERATIONS
    assert ("POST", "/api/v1/projects/{key}/labels") in OPERATIONS
    assert len(OPERATIONS) == len(set(OPERATIONS)) >= 30


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_every_documented_operation_is_routed_to_its_view(api_as, alice, issue, method, path):
    url = re.sub(r"\{(\w+)\}", lambda m: SAMPLE[m.group(1)], path)
    response = getattr(api_as(alice), method.lower())(url, json={} if method in ("POST", "PUT", "PATCH") else None)
    assert response.status_code not in (405, 500), (response.status_code, response.content)
    # A 404 from the router itself is HTML; the views answer JSON.
    assert response["Content-Type"].startswith("application/json") or response.status_code in (200, 204)
