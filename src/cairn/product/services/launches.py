"""Launch checklists: a workspace's templates (engineering, marketing, sales, support),
and the checklists started from them on a release, whose tasks are assignable and due a
number of days before or after the release's target date.

Managers keep the templates and start checklists; members add, edit, assign and tick
the tasks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Invalid, NotFound
from cairn.product.models import LaunchCategory, LaunchChecklist, LaunchTask, LaunchTemplate, Product, Release
from cairn.product.services import products
from cairn.workspaces import policy
from cairn.workspaces.models import Workspace, WorkspaceMember

Action = policy.Action
MAX_TITLE = 200
MAX_ITEMS = 100
# Offsets beyond a year either way are a typo, not a plan.
MAX_DAYS = 366

DEFAULT_TEMPLATES: list[tuple[str, str, list[tuple[str, int]]]] = [
    ("Engineering launch", LaunchCategory.ENGINEERING, [
        ("Feature flags reviewed", -10), ("Code freeze", -7), ("Release candidate tested", -5),
        ("Migration rehearsed on a copy of production", -3), ("Deploy to production", 0),
        ("Monitor errors and performance", 1), ("Retro", 7),
    ]),
    ("Marketing launch", LaunchCategory.MARKETING, [
        ("Launch messaging agreed", -14), ("Blog post drafted", -7), ("Screenshots and demo video", -5),
        ("Newsletter scheduled", -2), ("Press release", 0), ("Social posts", 0), ("Launch results shared", 7),
    ]),
    ("Sales launch", LaunchCategory.SALES, [
        ("Pricing and packaging confirmed", -10), ("Sales deck updated", -5), ("Sales team briefed", -3),
        ("Customers who asked are contacted", 1),
    ]),
    ("Support launch", LaunchCategory.SUPPORT, [
        ("Help centre articles written", -5), ("Support macros ready", -3), ("Support team trained", -2),
        ("Known issues list published", 0), ("First-week tickets reviewed", 7),
    ]),
]


def templates_for(actor: User | Any, product: Product) -> list[LaunchTemplate]:
    """The workspace's templates; a workspace without any gets the four defaults the
    first time someone looks."""
    products.require(actor, Action.VIEW, product)
    found = list(LaunchTemplate.objects.filter(workspace_id=product.workspace_id))
    if found:
        return found
    with transaction.atomic():
        # Two first visits at once would each add the four defaults: the second waits on
        # the workspace row and then finds the first's.
        Workspace.objects.select_for_update().filter(pk=product.workspace_id).first()
        if LaunchTemplate.objects.filter(workspace_id=product.workspace_id).exists():
            return list(LaunchTemplate.objects.filter(workspace_id=product.workspace_id))
        LaunchTemplate.objects.bulk_create(
            LaunchTemplate(workspace_id=product.workspace_id, name=name, category=category,
                           items=[{"title": title, "days": days} for title, days in items])
            for name, category, items in DEFAULT_TEMPLATES)
    return list(LaunchTemplate.objects.filter(workspace_id=product.workspace_id))


def template_for(actor: User | Any, product: Product, template_id: Any) -> LaunchTemplate:
    for template in templates_for(actor, product):
        if str(template.pk) == str(template_id).strip():
            return template
    raise NotFound(f"No launch template {template_id}")


def update_template(*, actor: User, product: Product, template: LaunchTemplate, fields: dict[str, Any]) -> LaunchTemplate:
    products.require(actor, Action.MANAGE_PROJECT, product)
    unknown = set(fields) - {"name", "items", "category"}
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of a launch template")
    if "name" in fields:
        template.name = values.text(fields["name"], "name", max_length=120, required=True)
    if "category" in fields:
        if fields["category"] not in LaunchCategory.values:
            raise Invalid.field("category", f"must be one of {', '.join(LaunchCategory.values)}")
        template.category = fields["category"]
    if "items" in fields:
        template.items = template_items(fields["items"])
    template.save()
    return template


def template_items(raw: Any) -> list[dict[str, Any]]:
    """A template's items: a list of {"title", "days"}, days relative to the launch date."""
    if not isinstance(raw, list) or len(raw) > MAX_ITEMS:
        raise Invalid.field("items", f"must be a list of at most {MAX_ITEMS} items")
    items = []
    for n, item in enumerate(raw):
        if not isinstance(item, dict) or set(item) - {"title", "days"}:
            raise Invalid.field("items", f"item {n + 1} must have a title and days")
        title = values.text(item.get("title"), f"items.{n + 1}.title", max_length=MAX_TITLE, required=True)
        days = values.whole_number(item.get("days", 0), f"items.{n + 1}.days", minimum=-MAX_DAYS, maximum=MAX_DAYS)
        items.append({"title": title, "days": days})
    return items


def parse_lines(text: str) -> list[dict[str, Any]]:
    """Items written one a line as "-7 Code freeze" (the page's form of the items)."""
    items: list[dict[str, Any]] = []
    for line in text.splitlines():
        head, _, rest = line.strip().partition(" ")
        if not head:
            continue
        if head.lstrip("+-").isdigit():
            items.append({"title": rest.strip(), "days": int(head.lstrip("+")) if head[0] != "-" else int(head)})
        else:
            items.append({"title": line.strip(), "days": 0})
    return items


# Checklists and tasks

def checklists_of(actor: User | Any, release: Release) -> list[LaunchChecklist]:
    products.require(actor, Action.VIEW, release.product)
    return list(release.checklists.prefetch_related("tasks__assignee", "tasks__done_by"))


def start_checklist(*, actor: User, release: Release, template_id: Any) -> LaunchChecklist:
    products.require(actor, Action.MANAGE_PROJECT, release.product)
    template = template_for(actor, release.product, template_id)
    with transaction.atomic():
        checklist = LaunchChecklist.objects.create(release=release, name=template.name, category=template.category)
        LaunchTask.objects.bulk_create(
            LaunchTask(checklist=checklist, title=item["title"], offset_days=item["days"], position=n)
            for n, item in enumerate(template_items(template.items)))
    return checklist


def checklist_for(actor: User | Any, product: Product, checklist_id: Any) -> LaunchChecklist:
    products.require(actor, Action.VIEW, product)
    checklist = LaunchChecklist.objects.filter(pk=_pk(checklist_id, "checklist"), release__product=product) \
        .select_related("release").first()
    if checklist is None:
        raise NotFound(f"No launch checklist {checklist_id}")
    checklist.release.product = product
    return checklist


def delete_checklist(*, actor: User, checklist: LaunchChecklist) -> None:
    products.require(actor, Action.MANAGE_PROJECT, checklist.release.product)
    checklist.delete()


def task_for(actor: User | Any, product: Product, task_id: Any) -> LaunchTask:
    products.require(actor, Action.VIEW, product)
    task = LaunchTask.objects.filter(pk=_pk(task_id, "task"), checklist__release__product=product) \
        .select_related("checklist__release", "assignee", "done_by").first()
    if task is None:
        raise NotFound(f"No launch task {task_id}")
    task.checklist.release.product = product
    return task


def add_task(*, actor: User, checklist: LaunchChecklist, title: Any, offset_days: Any = 0,
             assignee: Any = None) -> LaunchTask:
    product = checklist.release.product
    products.require(actor, Action.EDIT_ISSUES, product)
    last = checklist.tasks.aggregate(last=Max("position"))["last"]
    task = LaunchTask(checklist=checklist, position=(last or 0) + 1)
    _apply(task, product, actor, {"title": title, "offset_days": offset_days, "assignee": assignee}, None)
    task.save()
    return task


def update_task(*, actor: User, task: LaunchTask, fields: dict[str, Any], now: dt.datetime) -> LaunchTask:
    """Changes title, offset_days, assignee (a username, or empty) and done (true/false)."""
    product = task.checklist.release.product
    products.require(actor, Action.EDIT_ISSUES, product)
    unknown = set(fields) - {"title", "offset_days", "assignee", "done"}
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of a launch task")
    _apply(task, product, actor, fields, now)
    task.save()
    return task


def delete_task(*, actor: User, task: LaunchTask) -> None:
    products.require(actor, Action.EDIT_ISSUES, task.checklist.release.product)
    task.delete()


def due_date(task: LaunchTask, release: Release) -> dt.date | None:
    if release.target_date is None:
        return None
    return values.within_range(release.target_date + dt.timedelta(days=task.offset_days))


def overdue(task: LaunchTask, release: Release, today: dt.date) -> bool:
    due = due_date(task, release)
    return task.done_at is None and due is not None and due < today


def _apply(task: LaunchTask, product: Product, actor: User, fields: dict[str, Any], now: dt.datetime | None) -> None:
    if "title" in fields:
        task.title = values.text(fields["title"], "title", max_length=MAX_TITLE, required=True)
    if "offset_days" in fields:
        task.offset_days = values.whole_number(fields["offset_days"], "offset_days", minimum=-MAX_DAYS,
                                               maximum=MAX_DAYS)
    if "assignee" in fields:
        task.assignee = _member(product, fields["assignee"])
    if "done" in fields and now is not None:
        if not isinstance(fields["done"], bool):
            raise Invalid.field("done", "must be true or false")
        if fields["done"] and task.done_at is None:
            task.done_at, task.done_by = now, actor
        elif not fields["done"]:
            task.done_at = task.done_by = None


def _member(product: Product, raw: Any) -> User | None:
    if values.is_blank(raw):
        return None
    username = values.text(raw, "assignee", max_length=150)
    member = (WorkspaceMember.objects.filter(workspace_id=product.workspace_id, user__username__iexact=username)
              .select_related("user").first())
    if member is None:
        raise Invalid.field("assignee", f"{username} is not in this workspace")
    return member.user


def _pk(raw: Any, what: str) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise NotFound(f"No launch {what} {raw}") from None
