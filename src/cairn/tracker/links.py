"""Use cases on links between issues: "WEB-3 blocks WEB-7", "relates to", "duplicates".
A link is shown on both issues, each in its own words, and written into both histories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q

from cairn.accounts.models import User
from cairn.errors import Conflict, Invalid, NotFound
from cairn.events.bus import Event, publish
from cairn.tracker import queries
from cairn.tracker.models import INVERSE_LINK_LABEL, Change, Issue, IssueLink, LinkKind
from cairn.workspaces import policy

# "is blocked by" is written as a "blocks" link the other way round.
KIND_WORDS = {
    "blocks": (LinkKind.BLOCKS, False), "is_blocked_by": (LinkKind.BLOCKS, True),
    "relates": (LinkKind.RELATES, False), "relates_to": (LinkKind.RELATES, False),
    "duplicates": (LinkKind.DUPLICATES, False), "is_duplicated_by": (LinkKind.DUPLICATES, True),
}
MAX_LINKS = 200


@dataclass(frozen=True)
class ShownLink:
    """A link as one of its two issues reads it."""

    id: int
    kind: str
    label: str
    other: Issue


def links_of(actor: User, issue: Issue) -> list[ShownLink]:
    """Both directions, leaving out issues the reader may not see (a private project's)."""
    outgoing = IssueLink.objects.filter(source=issue).select_related(
        "target", "target__project", "target__status")
    incoming = IssueLink.objects.filter(target=issue).select_related(
        "source", "source__project", "source__status")
    shown = [ShownLink(link.pk, link.kind, LinkKind(link.kind).label, link.target) for link in outgoing]
    shown += [ShownLink(link.pk, _inverse_name(link.kind), INVERSE_LINK_LABEL[LinkKind(link.kind)], link.source)
              for link in incoming]
    return [s for s in shown if policy.can(actor, policy.Action.VIEW, s.other.project)]


def _inverse_name(kind: str) -> str:
    return {LinkKind.BLOCKS: "is_blocked_by", LinkKind.DUPLICATES: "is_duplicated_by"}.get(LinkKind(kind), kind)


def add_link(*, actor: User, issue: Issue, kind: str, other_key: str, now: datetime) -> ShownLink:
    policy.require(actor, policy.Action.EDIT_ISSUES, issue.project)
    if kind not in KIND_WORDS:
        raise Invalid.field("kind", f"must be one of {', '.join(KIND_WORDS)}")
    try:
        other = queries.issue_by_key(actor, other_key.strip())
    except NotFound:
        raise Invalid.field("issue", f"no issue {other_key.strip() or '(empty)'} that you can see") from None
    if other.pk == issue.pk:
        raise Invalid.field("issue", "an issue cannot be linked to itself")
    stored_kind, reversed_ = KIND_WORDS[kind]
    source, target = (other, issue) if reversed_ else (issue, other)
    if IssueLink.objects.filter(source=source, target=target, kind=stored_kind).exists():
        raise _already(issue, kind, other)
    if IssueLink.objects.filter(source=issue).count() + IssueLink.objects.filter(target=issue).count() >= MAX_LINKS:
        raise Invalid.field("issue", f"an issue has at most {MAX_LINKS} links")
    try:
        with transaction.atomic():
            link = IssueLink.objects.create(source=source, target=target, kind=stored_kind,
                                            created_by=actor, created_at=now)
            _record(actor, now, link, added=True)
    except IntegrityError:  # the same link made a moment ago by someone else
        raise _already(issue, kind, other) from None
    label = LinkKind(stored_kind).label if not reversed_ else INVERSE_LINK_LABEL[LinkKind(stored_kind)]
    return ShownLink(link.pk, kind, label, other)


def _already(issue: Issue, kind: str, other: Issue) -> Conflict:
    return Conflict(f"{issue.key} already {kind.replace('_', ' ')} {other.key}", fields={"issue": "already linked"})


def remove_link(*, actor: User, issue: Issue, link_id: int, now: datetime) -> None:
    policy.require(actor, policy.Action.EDIT_ISSUES, issue.project)
    link = (IssueLink.objects.select_related("source__project", "target__project")
            .filter(Q(source=issue) | Q(target=issue), pk=link_id).first())
    if link is None:
        raise NotFound(f"{issue.key} has no link {link_id}")
    with transaction.atomic():
        _record(actor, now, link, added=False)
        link.delete()


def _record(actor: User, now: datetime, link: IssueLink, *, added: bool) -> None:
    """One history row on each side, in that side's words, and an event for each."""
    sides = ((link.source, LinkKind(link.kind).label, link.target),
             (link.target, INVERSE_LINK_LABEL[LinkKind(link.kind)], link.source))
    for issue, words, other in sides:
        line = f"{words} {other.key}"
        Change.objects.create(issue=issue, actor=actor, at=now, field="link",
                              old_value="" if added else line, new_value=line if added else "")
        Issue.objects.filter(pk=issue.pk).update(updated_at=now)
        publish(Event("issue.updated", now, actor.pk, issue.project_id,
                      {"key": issue.key, "version": issue.version, "fields": ["links"]}))
