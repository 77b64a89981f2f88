"""Renders the API reference (docs/api.md) from the OpenAPI document, so the reference
can never drift from the code: a test fails when the committed file is stale."""

from __future__ import annotations

from typing import Any

HEADER = """# API reference

Generated from the OpenAPI document (`/api/openapi.json`; interactive docs at `/api/docs`)
by `cairn api_reference > docs/api.md`. Do not edit by hand.

Authenticate with a personal access token: `Authorization: Bearer <token>`. Lists answer
`{"items": [...], "total": N, "next_cursor": "..."}`; pass `cursor` and `limit` (1–200)
for the next page. Errors answer `{"message": "...", "errors": {"field": "what is wrong"}}`
with a 4xx status. Writes to an issue answer an `ETag`; send it back as `If-Match` and a
stale write is refused with `412 Precondition Failed` and the current issue in `current`.

Issues in a project's schedule get their dates from it. `PATCH /issues/{key}` with a new
`start_date` gives the task a *start no earlier than* constraint on that day, a new
`due_date` a *finish no later than* constraint on that day (the newer replaces the older;
both at once answer 422), `null` removes that constraint; the plan is rescheduled and the
answer carries the dates it gives. A due date that the schedule already meets stays a
deadline: the answer's `due_date` is the scheduled finish. A manually scheduled task moves
to the new start, keeping its length, or to the new due date; a summary task's dates
answer 422. `due_date` in a bulk edit works the same. Dates sent unchanged are no edit.
History lines written by a reschedule have `"via": "schedule"` and name who caused it; a
reschedule tells the project's live stream once, `issues.dates_moved` with the `keys`.

Issue list filters repeat to mean "any of" (`status=open&status=In review`); `status`
also takes `open`, `closed` and the categories `todo`, `in_progress`, `done`; `assignee`
takes `me` and `none`. Date ranges are half-open: `due_after` includes its day,
`due_before` does not. `text` matches every word (as a prefix) in the title, description
and comments, or an issue key. `sort` takes `key`, `created`, `updated`, `due`, `start`,
`priority`, `status`, `type`, `title`, `assignee`, `points`, with `-` for descending,
comma separated; empty values sort last.

Dates are written `2026-12-31` and date-times `2026-12-01T08:00` (UTC unless an offset is
given). Every date Cairn accepts, in a body or a query, lies between 1900-01-01 and
2199-12-31; one outside is refused with 422 naming the field.
"""


def _type(schema: dict[str, Any], components: dict[str, Any]) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_type(s, components) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list[{_type(schema.get('items', {}), components)}]"
    return str(schema.get("format") or schema.get("type") or "any")


def render(spec: dict[str, Any]) -> str:
    components = spec.get("components", {}).get("schemas", {})
    lines = [HEADER]
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            lines.append(f"## `{method.upper()} {path}`\n")
            lines.append(f"{op.get('summary', '')}\n")
            params = op.get("parameters", [])
            if params:
                lines.append("| parameter | in | type | required |\n|---|---|---|---|")
                for p in params:
                    lines.append(f"| `{p['name']}` | {p['in']} | {_type(p.get('schema', {}), components)} | "
                                 f"{'yes' if p.get('required') else 'no'} |")
                lines.append("")
            body = op.get("requestBody", {}).get("content", {})
            for content_type, content in body.items():
                lines.append(f"Body ({content_type}): `{_type(content.get('schema', {}), components)}`\n")
            codes = ", ".join(f"`{code}`" for code in op.get("responses", {}))
            lines.append(f"Responses: {codes}\n")
    lines.append("## Schemas\n")
    for name, schema in components.items():
        lines.append(f"### {name}\n")
        props = schema.get("properties", {})
        required = set(schema.get("required", []))
        if props:
            lines.append("| field | type | required |\n|---|---|---|")
            for field, prop in props.items():
                lines.append(f"| `{field}` | {_type(prop, components)} | {'yes' if field in required else 'no'} |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
