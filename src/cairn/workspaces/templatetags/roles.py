"""Where a page leaves out what a person's role does not allow, one line says what they
may do and whom to ask for the rest, instead of controls that look usable and are not:
    {% load roles %}{% role_note project "member" "comment and edit" %}"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from cairn.accounts.models import User
from cairn.workspaces import policy
from cairn.workspaces.models import Project, Role, WorkspaceMember

register = template.Library()

YOU_ARE = {Role.GUEST: "a guest in", Role.MEMBER: "a member of", Role.MANAGER: "a manager of"}
MAY = {
    Role.GUEST: "read and follow issues",
    Role.MEMBER: "create, edit and comment on issues",
    Role.MANAGER: "plan the project and change its settings",
}
NOTE = '<p class="role-note" role="note">You are {} {}: you can {}. {} {}.</p>'
NAMED = 3  # managers named before "or another"


@register.simple_tag(takes_context=True)
def role_note(context: Any, project: Project, needs: str, to: str) -> SafeString | str:
    """Nothing when the person's role in the project is at least `needs`."""
    role = policy.project_role(context.get("user"), project)
    needed = Role(needs)
    if role is None or role not in YOU_ARE or policy.RANK[role] >= policy.RANK[needed]:
        return ""
    managers = policy.people_who_may(policy.Action.MANAGE_PROJECT, project)
    return format_html(NOTE, YOU_ARE[role], project.key, MAY[role], _ask(project.key, managers),
                       f"for {needed.label.lower()} access to {to}")


@register.simple_tag(takes_context=True)
def new_project_note(context: Any) -> SafeString | str:
    """For someone who may create projects in none of their workspaces: who may."""
    memberships = WorkspaceMember.objects.filter(user=context.get("user")).select_related("workspace")
    if any(policy.RANK[Role(m.role)] >= policy.RANK[Role.MANAGER] for m in memberships):
        return ""
    return format_html_join("", NOTE, (
        (YOU_ARE[Role(m.role)], m.workspace.name, MAY[Role(m.role)],
         _ask(m.workspace.name, policy.workspace_people(m.workspace, Role.MANAGER)), "to create a project")
        for m in memberships
    ))


def _ask(where: str, managers: list[User]) -> str:
    names = [person.name for person in managers]
    if not names:
        return "Ask a workspace admin"
    if len(names) > NAMED:
        names = names[:NAMED] + ["another"]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return f"Ask a manager of {where} ({listed})"
