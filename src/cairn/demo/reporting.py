"""The demo's status reports: a weekly report for each project over the past weeks (WEB
green, MOB red), WEB's schedule on Mondays, and a summary written by its manager."""

from __future__ import annotations

import datetime as dt
import random

from cairn.accounts.models import User
from cairn.reporting import services
from cairn.tracker import services as tracker
from cairn.tracker.models import Issue, StatusCategory
from cairn.workspaces.models import Project

SUMMARIES = {
    "WEB": "The relaunch is **on track**: checkout and the new design are ahead of plan, "
           "spending follows the budget.\n\n- Next: accessibility review\n- Watch: content migration",
    "MOB": "Mobile 2.0 is **in trouble**: the store review and the tablet change request push the dates, "
           "and two high risks are open.\n\n- Asked of the sponsor: a decision on tablet layouts",
}


def seed(projects: dict[str, Project], users: dict[str, User], now: dt.datetime, rng: random.Random) -> None:
    manager = users["maria"]
    _alpha_reached(projects["WEB"], manager, now)
    for key, project in projects.items():
        for weeks_ago in (2, 1, 0):
            report = services.generate(actor=manager, project=project, now=now - dt.timedelta(weeks=weeks_ago))
            services.edit_summary(actor=manager, report=report, summary=SUMMARIES.get(key, ""),
                                  now=now - dt.timedelta(weeks=weeks_ago))
    services.set_schedule(actor=manager, project=projects["WEB"], enabled=True, weekday=0)


def _alpha_reached(project: Project, manager: User, now: dt.datetime) -> None:
    """WEB reached Alpha: what was still open in it moved on to Beta, as its team said."""
    still_open = Issue.objects.filter(project=project, milestone__name="Alpha").exclude(
        status__category=StatusCategory.DONE).select_related("project")
    for issue in still_open:
        tracker.update_issue(actor=manager, issue=issue, fields={"milestone": "Beta"}, now=now)
    if not Issue.objects.filter(project=project, milestone__name="Alpha").exists():
        first_done = Issue.objects.filter(project=project, status__category=StatusCategory.DONE).order_by("number").first()
        if first_done is not None:
            tracker.update_issue(actor=manager, issue=first_done, fields={"milestone": "Alpha"}, now=now)
