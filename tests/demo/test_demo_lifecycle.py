"""The demo's lifecycle: WEB in Execution with its gates and charter approved and
deliverables partly signed off; MOB in Planning with its gate open; lessons on both."""

from __future__ import annotations

from cairn.lifecycle import closure, gates, initiation, lessons, raci
from cairn.lifecycle.models import Phase


def test_web_is_in_execution_and_mob_in_planning(projects):
    web, mob = projects["WEB"], projects["MOB"]
    assert gates.phase_of(web) == Phase.EXECUTION and gates.phase_of(mob) == Phase.PLANNING
    assert [a.phase for a in gates.approvals(web)] == [Phase.INITIATION, Phase.PLANNING]
    assert initiation.charter(web).approved and initiation.charter(mob).approved
    assert 0 < len(gates.gate(mob).open_items) < len(gates.gate(mob).checks)


def test_deliverables_are_partly_signed_off_with_one_accountable_each(projects):
    web, mob = projects["WEB"], projects["MOB"]
    summary = closure.sign_off_summary(web)
    assert (len(summary.signed), len(summary.open)) == (2, 1)
    assert closure.sign_off_summary(mob).signed == []
    for row in raci.matrix(web).values():
        assert list(row.values()).count("A") == 1


def test_both_projects_have_lessons_learned(projects):
    admin = projects["WEB"].workspace.members.get(user__username="admin").user
    found = {x.project.key for x in lessons.search(admin)}
    assert found == {"WEB", "MOB"} and lessons.search(admin, tag="estimates").count() == 2
