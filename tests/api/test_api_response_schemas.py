"""The OpenAPI document describes what clients actually get: every operation declares the
shape of its successful answer, and real answers of the schedule and settings routes
match the declared shape exactly (no undeclared field, no missing one, the right types)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from cairn.api import api
from cairn.planning import levelling, queries, services, workload

DOC = api.get_openapi_schema()
OPERATIONS = [(method.upper(), path, op) for path, methods in DOC["paths"].items() for method, op in methods.items()]
JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,), "array": (list,), "string": (str,), "integer": (int,), "number": (int, float),
    "boolean": (bool,), "null": (type(None),),
}


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = DOC["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _free_form(schema: dict[str, Any], where: str, seen: set[str]) -> list[str]:
    """Places in a schema where any object at all would do: an undescribed answer."""
    if "$ref" in schema:
        if schema["$ref"] in seen:
            return []
        seen.add(schema["$ref"])
    schema = _resolve(schema)
    if not schema:
        return [f"{where}: any value"]
    found = []
    if schema.get("type") == "object" and "properties" not in schema and not isinstance(
            schema.get("additionalProperties"), dict):
        found.append(f"{where}: an object without declared fields")
    for name, sub in schema.get("properties", {}).items():
        found += _free_form(sub, f"{where}.{name}", seen)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            found += _free_form(schema[key], f"{where}[]", seen)
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            found += _free_form(sub, where, seen)
    return found


def test_every_operation_declares_the_shape_of_its_answer() -> None:
    undeclared = []
    for method, path, op in OPERATIONS:
        answers = {str(code): body for code, body in op["responses"].items() if str(code).startswith("2")}
        if not answers:
            undeclared.append(f"{method} {path}: no 2xx answer")
        for code, body in answers.items():
            if code == "204":
                continue
            content = body.get("content", {})
            if not content:
                undeclared.append(f"{method} {path} {code}: no content declared")
            for media, declared in content.items():
                if "json" in media:
                    problems = _free_form(declared.get("schema", {}), "answer", set())
                    undeclared += [f"{method} {path} {code}: {problem}" for problem in problems]
    assert not undeclared, "\n".join(undeclared)


def mismatches(value: Any, schema: dict[str, Any], where: str = "answer") -> list[str]:
    """How a JSON value departs from a JSON Schema of the kind pydantic writes; an object
    field the schema does not declare, or one it declares and the value lacks, is a departure."""
    schema = _resolve(schema)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [mismatches(value, option, where) for option in schema[key]]
            return [] if any(not found for found in options) else min(options, key=len)
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r} is not one of {schema['enum']}"]
    kind = schema.get("type")
    if kind is None:
        return []
    if not isinstance(value, JSON_TYPES[kind]) or (isinstance(value, bool) and kind in ("integer", "number")):
        return [f"{where}: {value!r} is not {kind}"]
    if kind == "string":
        return _format_mismatch(value, schema.get("format"), where)
    if kind == "array":
        return [problem for n, item in enumerate(value) for problem in mismatches(item, schema.get("items", {}), f"{where}[{n}]")]
    if kind == "object":
        return _object_mismatches(value, schema, where)
    return []


def _format_mismatch(value: str, form: str | None, where: str) -> list[str]:
    parse = {"date": dt.date.fromisoformat, "date-time": dt.datetime.fromisoformat}.get(form or "")
    try:
        if parse:
            parse(value)
    except ValueError:
        return [f"{where}: {value!r} is not a {form}"]
    return []


def _object_mismatches(value: dict[str, Any], schema: dict[str, Any], where: str) -> list[str]:
    properties, extra = schema.get("properties", {}), schema.get("additionalProperties")
    # Every declared field is sent, null or not: a client may rely on each being there.
    found = [f"{where}: {name} is missing" for name in {**properties, **dict.fromkeys(schema.get("required", []))}
             if name not in value]
    for name, item in value.items():
        if name in properties:
            found += mismatches(item, properties[name], f"{where}.{name}")
        elif isinstance(extra, dict):
            found += mismatches(item, extra, f"{where}.{name}")
        else:
            found.append(f"{where}: {name} is not declared")
    return found


def declared(method: str, path: str, status: int) -> dict[str, Any]:
    op = DOC["paths"][path][method.lower()]
    body = op["responses"].get(status) or op["responses"][str(status)]
    return body["content"]["application/json"]["schema"]


def _answering(tag: str) -> set[tuple[str, str]]:
    """The operations of a tag that answer a body."""
    return {(method, path) for method, path, op in OPERATIONS
            if tag in op.get("tags", ()) and any(str(code)[0] == "2" and str(code) != "204" for code in op["responses"])}


class Checked:
    """Calls the API and checks each answer against the operation's declared answer."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.checked: list[tuple[str, str]] = []

    def call(self, method: str, path: str, url: str, json: Any = None, status: int = 200) -> Any:
        send = getattr(self.client, method.lower())
        response = send(url, json) if json is not None else send(url)
        assert response.status_code == status, (method, url, response.content)
        body = response.json()
        problems = mismatches(body, declared(method, path, status))
        assert not problems, f"{method} {url}:\n" + "\n".join(problems)
        self.checked.append((method, path))
        return body


def test_the_schedule_routes_answer_what_they_declare(api_as: Any, alice: Any, bob: Any, web: Any) -> None:
    check = Checked(api_as(alice))
    check.call("PUT", "/api/v1/projects/{key}/calendar", "/api/v1/projects/WEB/calendar",
               {"start_date": "2026-11-02", "holidays": [{"date": "2026-11-11", "name": "Armistice"}]})
    keys = []
    for title in ("Design", "Build", "Write the manual"):
        key = check.client.post("/api/v1/projects/WEB/issues", {"title": title}).json()["key"]
        check.call("POST", "/api/v1/issues/{issue_key}/schedule", f"/api/v1/issues/{key}/schedule",
                   {"duration_minutes": 960}, status=201)
        check.call("PUT", "/api/v1/issues/{issue_key}/assignments/{username}",
                   f"/api/v1/issues/{key}/assignments/bob", {"units": 100})
        keys.append(key)
    design, build, _ = keys
    check.call("POST", "/api/v1/projects/{key}/dependencies", "/api/v1/projects/WEB/dependencies",
               {"predecessor": design, "successor": build, "lag_minutes": 60}, status=201)
    baseline = check.call("POST", "/api/v1/projects/{key}/baselines", "/api/v1/projects/WEB/baselines",
                          {"name": "Agreed"}, status=201)
    # A finish the link cannot allow: the schedule reports it as a violation.
    schedule = check.call("PATCH", "/api/v1/issues/{issue_key}/schedule", f"/api/v1/issues/{build}/schedule",
                          {"constraint": "MFO", "constraint_date": "2026-11-03T17:00"})
    assert schedule["violations"] and schedule["baselines"]
    assert any(t["constraint"] and t["predecessors"] and t["assignments"] and t["baseline"] for t in schedule["tasks"])
    check.call("GET", "/api/v1/projects/{key}/schedule", f"/api/v1/projects/WEB/schedule?baseline={baseline['id']}")
    variance = check.call("GET", "/api/v1/projects/{key}/baselines/{baseline_id}/variance",
                          f"/api/v1/projects/WEB/baselines/{baseline['id']}/variance")
    assert variance["tasks"]
    preview = check.call("GET", "/api/v1/projects/{key}/levelling", "/api/v1/projects/WEB/levelling")
    assert preview["moves"], "bob works on two tasks at once: levelling moves one"
    check.call("POST", "/api/v1/projects/{key}/levelling", "/api/v1/projects/WEB/levelling", {})
    pins = check.call("GET", "/api/v1/projects/{key}/levelling/pins", "/api/v1/projects/WEB/levelling/pins")
    assert pins["last"] and pins["pinned"]
    check.call("POST", "/api/v1/projects/{key}/levelling/undo", "/api/v1/projects/WEB/levelling/undo", {})
    check.call("POST", "/api/v1/projects/{key}/levelling", "/api/v1/projects/WEB/levelling", {})
    check.call("DELETE", "/api/v1/projects/{key}/levelling/pins", "/api/v1/projects/WEB/levelling/pins")
    workload = check.call("GET", "/api/v1/workload", "/api/v1/workload?start=2026-11-02")
    assert workload["people"][0]["tasks"]
    check.call("POST", "/api/v1/people/{username}/time-off", "/api/v1/people/bob/time-off",
               {"start_date": "2026-11-16", "end_date": "2026-11-17", "reason": "Moving house"}, status=201)
    assert check.call("GET", "/api/v1/people/{username}/time-off", "/api/v1/people/bob/time-off")
    check.call("PUT", "/api/v1/people/{username}/capacity", "/api/v1/people/bob/capacity", {"units": 80})
    check.call("GET", "/api/v1/people/{username}/capacity", "/api/v1/people/bob/capacity")
    _edit_the_plan_on_the_page(check, keys)
    assert set(check.checked) == _answering("schedule")


def _edit_the_plan_on_the_page(check: Checked, keys: list[str]) -> None:
    """The calls the Gantt page makes to build a plan row by row."""
    design, build, manual = keys
    spare = check.client.post("/api/v1/projects/WEB/issues", {"title": "Spare"}).json()["key"]
    unscheduled = check.call("GET", "/api/v1/projects/{key}/schedule/unscheduled",
                             "/api/v1/projects/WEB/schedule/unscheduled")
    assert [i["key"] for i in unscheduled] == [spare]
    added = check.call("POST", "/api/v1/projects/{key}/schedule/tasks", "/api/v1/projects/WEB/schedule/tasks",
                       {"title": "Phase one", "after": manual}, status=201)
    assert len(added["added"]) == 1
    check.call("POST", "/api/v1/issues/{issue_key}/schedule/outline", f"/api/v1/issues/{manual}/schedule/outline",
               {"action": "up"})
    check.call("PUT", "/api/v1/issues/{issue_key}/predecessors", f"/api/v1/issues/{manual}/predecessors",
               {"predecessors": "1FS+1d"})
    check.call("PUT", "/api/v1/issues/{issue_key}/assignments", f"/api/v1/issues/{manual}/assignments",
               {"assignments": [{"username": "bob", "units": 50}]})
    check.call("GET", "/api/v1/issues/{issue_key}/schedule/preview",
               f"/api/v1/issues/{manual}/schedule/preview?duration_minutes=1920")
    check.call("DELETE", "/api/v1/issues/{issue_key}/schedule", f"/api/v1/issues/{manual}/schedule")


def test_the_declared_shapes_drop_nothing_the_planner_computes(api_as: Any, alice: Any, web: Any) -> None:
    """The API filters what it sends through the declared schema, so a field the schema
    forgot would vanish silently: the planner's own answers must match it as they are."""
    api = api_as(alice)
    api.put("/api/v1/projects/WEB/calendar", {"start_date": "2026-11-02", "holidays": [{"date": "2026-11-11", "name": "Armistice"}]})
    for title in ("Design", "Build"):
        key = api.post("/api/v1/projects/WEB/issues", {"title": title}).json()["key"]
        api.post(f"/api/v1/issues/{key}/schedule", {"duration_minutes": 960})
        api.put(f"/api/v1/issues/{key}/assignments/alice", {"units": 100})
    api.post("/api/v1/projects/WEB/dependencies", {"predecessor": "WEB-1", "successor": "WEB-2"})
    baseline = services.save_baseline(actor=alice, project=web, name="Agreed", now=timezone.now())
    api.patch("/api/v1/issues/WEB-2/schedule", {"constraint": "MFO", "constraint_date": "2026-11-03T17:00"})
    computed = {
        ("GET", "/api/v1/projects/{key}/schedule"): queries.schedule_view(web),
        ("GET", "/api/v1/projects/{key}/baselines/{baseline_id}/variance"): {
            "baseline": baseline.name, "tasks": levelling.variance_rows(web, baseline, now=timezone.now())},
        ("GET", "/api/v1/projects/{key}/levelling"): levelling.preview(web, now=timezone.now()).as_dict(),
        ("GET", "/api/v1/workload"): workload.weekly(alice, start=dt.date(2026, 11, 2), weeks=4).as_dict(),
    }
    for (method, path), answer in computed.items():
        problems = mismatches(json.loads(json.dumps(answer, cls=DjangoJSONEncoder)), declared(method, path, 200))
        assert not problems, f"{method} {path}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("kind", "payload"), [
    ("types", {"name": "Spike", "color": "#123abc"}),
    ("statuses", {"name": "Blocked", "category": "in_progress"}),
    ("priorities", {"name": "Urgent"}),
    ("labels", {"name": "ux"}),
    ("milestones", {"name": "Beta", "due_date": "2026-10-01", "description": "First outside users"}),
    ("custom-fields", {"name": "Size", "kind": "select", "options": ["S", "M"], "required": True}),
])
def test_each_kind_of_setting_answers_its_own_shape(api_as: Any, alice: Any, web: Any, kind: str,
                                                    payload: dict[str, Any]) -> None:
    check = Checked(api_as(alice))
    added = check.call("POST", f"/api/v1/projects/{{key}}/{kind}", f"/api/v1/projects/WEB/{kind}", payload, status=201)
    listed = check.call("GET", f"/api/v1/projects/{{key}}/{kind}", f"/api/v1/projects/WEB/{kind}")
    assert added in listed
    assert None not in added.values(), "a field that does not belong to this kind"


def test_the_checker_sees_an_undeclared_field_a_missing_one_and_a_wrong_type() -> None:
    schema = {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"},
                                                                   "due": {"type": "string", "format": "date"}}}
    assert mismatches({"id": 1, "due": "2026-01-01"}, schema) == []
    assert mismatches({"id": True, "due": "soon", "color": None}, schema) == [
        "answer.id: True is not integer", "answer.due: 'soon' is not a date", "answer: color is not declared"]
    assert mismatches({"due": "2026-01-01"}, schema) == ["answer: id is missing"]
    assert mismatches({"id": 1}, schema) == ["answer: due is missing"]
