"""Pages: the workspace home, the project list and a project's overview."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import paging
from cairn.errors import Invalid
from cairn.tracker import queries, setup
from cairn.tracker.models import Change, Issue, Milestone, StatusCategory
from cairn.workspaces import policy
from cairn.workspaces.models import Role, Visibility, Workspace
from cairn.workspaces.services import project_members, workspaces_of

OPEN = ~Q(status__category=StatusCategory.DONE)
PAGE_SIZE = 50


def _open_counts(projects: list) -> dict[int, dict[str, int]]:
    rows = (
        Issue.objects.filter(project__in=projects)
        .values("project_id")
        .annotate(
            total=Count("id"),
            open=Count("id", filter=OPEN),
            overdue=Count("id", filter=queries.overdue_q()),
        )
    )
    return {r["project_id"]: r for r in rows}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if not workspaces_of(request.user).exists():
        return redirect("/setup/")
    projects = list(policy.visible_projects(request.user).filter(archived=False).select_related("lead"))
    counts = _open_counts(projects)
    for project in projects:
        project.counts = counts.get(project.pk, {"total": 0, "open": 0, "overdue": 0})
    activity = (
        Change.objects.filter(issue__project__in=projects)
        .select_related("actor", "issue", "issue__project")
        .order_by("-at", "-id")[:25]
    )
    return render(request, "tracker/home.html", {
        "nav": "home",
        "projects": projects,
        "my_issues": queries.open_issues_of(request.user)[:20],
        "today": timezone.localdate(),
        "activity": activity,
    })


def _managed_workspaces(user) -> list[Workspace]:  # type: ignore[no-untyped-def]
    return [
        ws for ws in Workspace.objects.filter(members__user=user).order_by("name")
        if policy.RANK[policy.workspace_role(user, ws.pk) or Role.GUEST] >= policy.RANK[Role.MANAGER]
    ]


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    workspaces = _managed_workspaces(request.user)
    errors: dict[str, str] = {}
    values = {"visibility": Visibility.WORKSPACE}
    if request.method == "POST":
        values = request.POST.dict()
        workspace = next((w for w in workspaces if str(w.pk) == values.get("workspace")), None)
        try:
            if workspace is None:
                raise Invalid.field("workspace", "you may not create projects there")
            project = setup.create_project(
                actor=request.user, workspace=workspace, key=values.get("key", ""),
                name=values.get("name", ""), description=values.get("description", ""),
                visibility=values.get("visibility", Visibility.WORKSPACE), now=timezone.now(),
            )
            return redirect(f"/projects/{project.key}/")
        except Invalid as error:
            errors = error.fields or {"form": error.message}
    page = paging.paginate(policy.visible_projects(request.user).select_related("lead", "workspace").order_by("key"),
                           cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    previous_url, next_url = paging.page_urls(request.GET, page, PAGE_SIZE)
    projects = page.items
    counts = _open_counts(projects)
    for project in projects:
        project.counts = counts.get(project.pk, {"total": 0, "open": 0, "overdue": 0})
    status = 422 if errors else 200
    return render(request, "tracker/project_list.html", {
        "nav": "projects", "projects": projects, "workspaces": workspaces, "errors": errors,
        "page": page, "previous_url": previous_url, "next_url": next_url,
        "values": values, "visibilities": Visibility.choices,
    }, status=status)


@login_required
def project_overview(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    issues = Issue.objects.filter(project=project)
    by_category = dict(issues.values_list("status__category").annotate(n=Count("id")))
    by_status = list(
        issues.values("status__name", "status__category").annotate(n=Count("id")).order_by("status__position")
    )
    milestones = list(
        Milestone.objects.filter(project=project, closed=False).annotate(
            total=Count("issues"),
            done=Count("issues", filter=Q(issues__status__category=StatusCategory.DONE)),
        )
    )
    for m in milestones:
        m.percent = round(100 * m.done / m.total) if m.total else 0
    activity = (
        Change.objects.filter(issue__project=project)
        .select_related("actor", "issue", "issue__project")
        .order_by("-at", "-id")[:20]
    )
    return render(request, "tracker/project_overview.html", {
        "nav": "projects",
        "project": project,
        "section": "overview",
        "role": policy.project_role(request.user, project),
        "can_edit": policy.can(request.user, policy.Action.EDIT_ISSUES, project),
        "open": by_category.get(StatusCategory.TO_DO, 0) + by_category.get(StatusCategory.IN_PROGRESS, 0),
        "in_progress": by_category.get(StatusCategory.IN_PROGRESS, 0),
        "done": by_category.get(StatusCategory.DONE, 0),
        "overdue": issues.filter(queries.overdue_q()).count(),
        "by_status": by_status,
        "milestones": milestones,
        "activity": activity,
        "members": project_members(project),
    })
