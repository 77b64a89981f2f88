"""Every project a person may see, each with where it stands as its latest status report
says: health and its reason, progress, SPI/CPI, next milestone, budget used, top risk.

Reading the latest report (not recomputing each project's earned value) keeps the page
at two queries however many projects there are; a project without a report yet says
so and sorts last. Sorting, filtering and paging are done on those rows in memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Subquery

from cairn import paging
from cairn.accounts.models import User
from cairn.errors import Invalid
from cairn.planning import workload
from cairn.reporting.models import StatusReport
from cairn.reporting.phase import phases_of
from cairn.workspaces import policy

RANK = {"red": 2, "amber": 1, "green": 0}
HEALTHS = ("red", "amber", "green", "none")
LOAD_WEEKS = 4


@dataclass(frozen=True)
class Row:
    key: str
    name: str
    private: bool
    phase: str | None
    report: int | None
    reported_on: str | None
    health: str | None
    reasons: list[str]
    percent: int | None
    spi: Decimal | None
    cpi: Decimal | None
    next_milestone: dict[str, str] | None
    budget_used: int | None
    top_risk: dict[str, Any] | None

    @property
    def url(self) -> str:
        return f"/projects/{self.key}/"

    @property
    def report_url(self) -> str | None:
        return f"/projects/{self.key}/reports/{self.report}/" if self.report else None

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "private": self.private, "phase": self.phase,
                "report": self.report, "reported_on": self.reported_on, "health": self.health,
                "reasons": self.reasons, "percent_complete": self.percent, "spi": self.spi, "cpi": self.cpi,
                "next_milestone": self.next_milestone, "budget_used_percent": self.budget_used,
                "top_risk": self.top_risk, "url": self.url, "report_url": self.report_url}


def _decimal(raw: str | None) -> Decimal | None:
    return None if raw is None else Decimal(raw)


# Each column's sort key; None sorts last both ways. Health ascending is worst first.
COLUMNS: dict[str, tuple[str, Callable[[Row], Any]]] = {
    "key": ("Project", lambda r: r.key),
    "phase": ("Phase", lambda r: r.phase),
    "health": ("Health", lambda r: None if r.health is None else -RANK[r.health]),
    "percent": ("% complete", lambda r: r.percent),
    "spi": ("SPI", lambda r: r.spi),
    "cpi": ("CPI", lambda r: r.cpi),
    "milestone": ("Next milestone", lambda r: r.next_milestone["due"] if r.next_milestone else None),
    "budget": ("Budget used", lambda r: r.budget_used),
    "risk": ("Top risk", lambda r: -r.top_risk["score"] if r.top_risk else None),
}


@dataclass(frozen=True)
class Listing:
    page: paging.Page[Row]
    sort: str
    health: str
    text: str
    counts: dict[str, int]


def rows(user: User | Any) -> list[Row]:
    projects = list(policy.visible_projects(user).only("id", "key", "name", "visibility").order_by("key"))
    ids = [p.pk for p in projects]
    newest = StatusReport.objects.filter(project=OuterRef("project")).order_by("-number").values("number")[:1]
    reports = {r.project_id: r for r in StatusReport.objects.filter(project_id__in=ids, number=Subquery(newest))
               .only("project_id", "number", "figures", "rag")}
    phases = phases_of(projects)
    return [_row(p.key, p.name, p.visibility == "private", phases.get(p.pk), reports.get(p.pk)) for p in projects]


def _row(key: str, name: str, private: bool, phase: str | None, report: StatusReport | None) -> Row:
    if report is None:
        return Row(key, name, private, phase, None, None, None, [], None, None, None, None, None, None)
    f = report.figures
    upcoming = f["milestones"]["next"]
    top = f["risks"]["top"]
    return Row(key, name, private, phase, report.number, f["on"], report.rag, f["health"]["reasons"],
               f["progress"]["percent"], _decimal(f["earned_value"]["spi"]), _decimal(f["earned_value"]["cpi"]),
               upcoming[0] if upcoming else None, f["budget"]["used_percent"], top[0] if top else None)


def listing(user: User | Any, *, sort: str = "key", health: str = "", text: str = "", cursor: str | None = None,
            limit: int = 50) -> Listing:
    column = sort.removeprefix("-")
    if column not in COLUMNS:
        raise Invalid.field("sort", f"must be one of {', '.join(COLUMNS)} (with - to reverse)")
    if health and health not in HEALTHS:
        raise Invalid.field("health", f"must be one of {', '.join(HEALTHS)}")
    if limit < 1 or limit > paging.MAX_LIMIT:
        raise Invalid.field("limit", f"must be between 1 and {paging.MAX_LIMIT}")
    found = rows(user)
    counts = {h: sum(1 for r in found if (r.health or "none") == h) for h in HEALTHS}
    needle = text.strip().lower()
    if needle:
        found = [r for r in found if needle in r.key.lower() or needle in r.name.lower()]
    if health:
        found = [r for r in found if (r.health or "none") == health]
    key = COLUMNS[column][1]
    known = sorted((r for r in found if key(r) is not None), key=key, reverse=sort.startswith("-"))
    ordered = known + [r for r in found if key(r) is None]
    offset = paging.decode_cursor(cursor)
    shown = ordered[offset:offset + limit]
    more = offset + limit < len(ordered)
    page = paging.Page(shown, len(ordered), paging.encode_cursor(offset + limit) if more else None, offset)
    return Listing(page, sort, health, text.strip(), counts)


@dataclass(frozen=True)
class LoadSummary:
    weeks: list[dt.date]
    people: int
    over: list[dict[str, Any]]


def load_summary(user: User | Any, *, today: dt.date) -> LoadSummary:
    """The people over their capacity in the next weeks, across every visible project."""
    found = workload.weekly(user, start=today, weeks=LOAD_WEEKS)
    over = [{"name": p.name or p.username, "weeks": sum(p.over),
             "worst": max((load - cap for load, cap, is_over in p.cells if is_over), default=0.0)}
            for p in found.people if any(p.over)]
    return LoadSummary(found.weeks, len(found.people), sorted(over, key=lambda o: -o["worst"]))
