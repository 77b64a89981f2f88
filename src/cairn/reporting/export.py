"""A status report as Markdown (the mail's body and a download) and as CSV (one row per
figure), both from the snapshot, so an export of an old report says what it said then."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from cairn.reporting.models import StatusReport


def _shown(value: Any, unknown: str = "—") -> str:
    return unknown if value is None or value == "" else str(value)


def as_markdown(report: StatusReport) -> str:
    f = report.figures
    ev, progress, spent = f["earned_value"], f["progress"], f["budget"]
    lines = [
        f"# {report.project.key} status report {report.number} — {f['on']}",
        "",
        f"**Health: {f['health']['rag'].capitalize()}** — " + "; ".join(f["health"]["reasons"]),
        "",
        f"- Phase: {_shown(f.get('phase'))}",
        f"- Progress: {progress['percent']}% complete (from the {progress['basis']})",
        f"- SPI {_shown(ev['spi'])} · CPI {_shown(ev['cpi'])}",
        f"- Budget: {_shown(spent['actual'])} spent of {_shown(spent['budget'])}"
        f" ({_shown(spent['used_percent'])}%); EAC {_shown(spent['eac'])}",
        "",
    ]
    if report.summary.strip():
        lines += ["## Summary", "", report.summary.strip(), ""]
    lines += ["## Health rules", ""] + [f"- {x['rule']}: {x['rag']} — {x['reason']}" for x in f["health"]["findings"]]
    lines += ["", "## Milestones", ""]
    lines += [f"- Missed: {m['name']} (due {m['due']}, {m['days_late']} days late)" for m in f["milestones"]["missed"]]
    lines += [f"- Next: {m['name']} (due {m['due']})" for m in f["milestones"]["next"]]
    if not f["milestones"]["missed"] and not f["milestones"]["next"]:
        lines.append("- None dated.")
    lines += ["", f"## Top risks ({f['risks']['open']} open)", ""]
    lines += [f"- {r['ref']} {r['title']} — score {r['score']} ({r['level']})" for r in f["risks"]["top"]] or ["- None."]
    lines += ["", f"## Open change requests ({f['changes']['open']})", ""]
    lines += [f"- {c['ref']} {c['title']}" for c in f["changes"]["items"]] or ["- None."]
    return "\n".join(lines) + "\n"


def _rows(report: StatusReport) -> Iterator[tuple[str, str, str]]:
    f = report.figures
    yield "report", "number", str(report.number)
    yield "report", "on", f["on"]
    yield "report", "phase", _shown(f.get("phase"), "")
    yield "health", "rag", f["health"]["rag"]
    for finding in f["health"]["findings"]:
        yield "health", finding["rule"], f"{finding['rag']}: {finding['reason']}"
    yield "progress", "percent", str(f["progress"]["percent"])
    yield "progress", "basis", f["progress"]["basis"]
    for name in ("bac", "pv", "ev", "ac", "spi", "cpi", "eac"):
        yield "earned value", name, _shown(f["earned_value"][name], "")
    for name in ("budget", "actual", "used_percent"):
        yield "budget", name, _shown(f["budget"][name], "")
    for m in f["milestones"]["missed"]:
        yield "milestone missed", m["name"], m["due"]
    for m in f["milestones"]["next"]:
        yield "milestone next", m["name"], m["due"]
    for r in f["risks"]["top"]:
        yield "risk", f"{r['ref']} {r['title']}", str(r["score"])
    for c in f["changes"]["items"]:
        yield "change request", f"{c['ref']} {c['title']}", _shown(c["cost_impact"], "")


def as_csv(report: StatusReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "item", "value"])
    for row in _rows(report):
        # A cell starting with = + - @ is a formula to a spreadsheet: quote it as text.
        writer.writerow([("'" + c) if c[:1] in ("=", "+", "-", "@") else c for c in row])
    return out.getvalue()
