"""What a status report states about a project on a day, gathered from the tracker,
the controls and the costs, as plain JSON so that a report keeps the figures it was
generated with. The colour is the engine's (cairn.engine.project.health)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from cairn.controls import changes, risks
from cairn.controls.models import ChangeState, Risk, RiskStatus
from cairn.costs import earned
from cairn.costs.models import BudgetLine
from cairn.engine.project import health
from cairn.reporting.phase import phases_of
from cairn.tracker.models import Issue, Milestone, StatusCategory
from cairn.workspaces.models import Project

TOP_RISKS = 5
NEXT_MILESTONES = 5
MILESTONE_TYPE = "milestone"


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(Decimal("0.01")))


def _index(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(Decimal("0.01")))


def gather(project: Project, *, today: dt.date) -> dict[str, Any]:
    ev = earned.report(project, today=today)
    measured = ev.figures
    spi, cpi, eac = measured.spi, measured.cpi, measured.eac
    milestones = _milestones(project)
    open_risks = list(Risk.objects.filter(project=project, status=RiskStatus.OPEN).select_related("owner")
                      .order_by("-score", "number"))
    assessed = health.assess(spi=(spi.value, spi.why_not), cpi=(cpi.value, cpi.why_not), milestones=milestones,
                             open_risks=[risks.level(r) for r in open_risks], today=today)
    spent = _burn(project, measured.ac)
    proposed = list(changes.listed(project, state=ChangeState.PROPOSED).order_by("number"))
    return {
        "on": today.isoformat(),
        "phase": phases_of([project])[project.pk],
        "health": {
            "rag": assessed.rag.name.lower(), "reasons": assessed.reasons,
            "findings": [{"rule": f.rule, "rag": f.rag.name.lower(), "reason": f.reason} for f in assessed.findings],
        },
        "progress": _progress(project, ev),
        "earned_value": {
            "baseline": ev.baseline.name if ev.baseline else None,
            "bac": _money(measured.bac), "pv": _money(measured.pv), "ev": _money(measured.ev),
            "ac": _money(measured.ac), "spi": _index(spi.value), "cpi": _index(cpi.value),
            "spi_why_not": spi.why_not, "cpi_why_not": cpi.why_not,
            "eac": _money(eac.value), "eac_why_not": eac.why_not,
        },
        "milestones": {
            "next": [{"name": m.name, "due": m.due.isoformat()}
                     for m in sorted((m for m in milestones if not m.done and m.due >= today),
                                     key=lambda m: m.due)[:NEXT_MILESTONES]],
            "missed": [{"name": m.name, "due": m.due.isoformat(), "days_late": (today - m.due).days}
                       for m in sorted((m for m in milestones if not m.done and m.due < today), key=lambda m: m.due)],
        },
        "risks": {
            "open": len(open_risks),
            "top": [{"ref": r.ref, "title": r.title, "score": r.score, "level": risks.level(r).value,
                     "owner": r.owner.name if r.owner else None} for r in open_risks[:TOP_RISKS]],
        },
        "changes": {
            "open": len(proposed),
            "items": [{"ref": c.ref, "title": c.title, "cost_impact": _money(c.cost_impact),
                       "finish_delta_days": (c.impact or {}).get("finish_delta_days")} for c in proposed],
        },
        "budget": {**spent, "eac": _money(eac.value)},
    }


def _milestones(project: Project) -> list[health.Milestone]:
    """The tracker's milestones with a due date — done once closed, or once every issue
    in one is done — and the issues typed Milestone with a due date."""
    done = Q(issues__status__category=StatusCategory.DONE)
    found = [health.Milestone(name, due, closed or (total > 0 and finished == total))
             for name, due, closed, total, finished in Milestone.objects.filter(
                 project=project, due_date__isnull=False).annotate(
                 total=Count("issues"), finished=Count("issues", filter=done)).values_list(
                 "name", "due_date", "closed", "total", "finished") if due is not None]
    found += [health.Milestone(f"{project.key}-{number} {title}", due, category == StatusCategory.DONE)
              for number, title, due, category in Issue.objects.filter(
                  project=project, type__name__iexact=MILESTONE_TYPE, due_date__isnull=False).values_list(
                  "number", "title", "due_date", "status__category") if due is not None]
    return found


def _progress(project: Project, ev: earned.Report) -> dict[str, Any]:
    """Earned value over the budget when there is a baselined budget; else the share of
    the issues done."""
    if ev.baseline is not None and ev.figures.bac:
        return {"percent": round(100 * ev.figures.ev / ev.figures.bac), "basis": "schedule"}
    counts = Issue.objects.filter(project=project).aggregate(
        total=Count("id"), done=Count("id", filter=Q(status__category=StatusCategory.DONE)))
    total = counts["total"] or 0
    return {"percent": round(100 * counts["done"] / total) if total else 0, "basis": "issues",
            "done": counts["done"], "total": total}


def _burn(project: Project, actual: Decimal) -> dict[str, Any]:
    """The budget's lines against the actual cost to date (earned value's AC: the same
    time entries and expenses as the costs page's summary, read once)."""
    total = BudgetLine.objects.filter(project=project).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    used = round(100 * actual / total) if total else None
    return {"budget": _money(total), "actual": _money(actual), "used_percent": used}
