"""The demo's controls: WEB healthy, MOB in trouble."""

from __future__ import annotations

from django.utils import timezone

from cairn.controls import changes, risks, stakeholders
from cairn.controls.models import ChangeRequest, Decision, Risk
from cairn.engine.project.risks import Level


def _open_levels(project):
    return sorted(risks.level(r).value for r in Risk.objects.filter(project=project, status="open"))


def test_web_is_healthy_and_mob_is_in_trouble(projects):
    web, mob = projects["WEB"], projects["MOB"]
    assert set(_open_levels(web)) == {Level.LOW.value}
    assert sum(1 for lv in _open_levels(mob) if lv in ("high", "critical")) == 2
    approved = ChangeRequest.objects.get(project=web, state="approved")
    assert approved.baseline is not None and approved.baseline.name.startswith("CR-1")
    assert approved.impact["added"] and approved.scope_issues.count() == 1
    assert ChangeRequest.objects.filter(project=mob, state="proposed").count() == 1
    assert changes.scope_creep(web).count() == 0 and changes.scope_creep(mob).count() > 0
    assert any(risks.review_overdue(r, timezone.localdate()) for r in Risk.objects.filter(project=mob))


def test_the_exposure_charts_have_a_shape(projects):
    web = [total for _, total in risks.exposure(projects["WEB"], today=timezone.localdate())]
    mob = [total for _, total in risks.exposure(projects["MOB"], today=timezone.localdate())]
    assert web[-1] < max(web) and mob[-1] == max(mob) and mob[-1] > web[-1]


def test_both_projects_have_stakeholders_a_plan_and_decisions(projects):
    for project in projects.values():
        grid = stakeholders.grid(project)
        assert all(grid.values()) or sum(len(v) for v in grid.values()) >= 4
        assert stakeholders.plan(project).count() >= 3
        assert Decision.objects.filter(project=project).count() == 2
