"""Use cases on the conversation of an issue: comments with Markdown and @mentions."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from cairn import markup, values
from cairn.accounts.models import User
from cairn.errors import Forbidden, NotFound
from cairn.events.bus import Event, publish
from cairn.tracker import indexing
from cairn.tracker.models import Comment, Issue
from cairn.workspaces import policy
from cairn.workspaces.services import assignable_users

MAX_COMMENT = 50_000


def _validated_body(body: object) -> str:
    return values.text(body, "body", max_length=MAX_COMMENT, required=True, strip=False)


def _mentionable(issue: Issue, body: str) -> list[User]:
    names = {n.lower() for n in markup.mentioned_usernames(body)}
    if not names:
        return []
    return [u for u in assignable_users(issue.project) if u.username.lower() in names]


def _render(body: str, mentioned: list[User]) -> str:
    known = {u.username.lower() for u in mentioned}
    return markup.render(body, is_user=lambda name: name.lower() in known)


def add_comment(*, actor: User, issue: Issue, body: object, now: datetime) -> Comment:
    policy.require(actor, policy.Action.COMMENT, issue.project)
    text = _validated_body(body)
    mentioned = _mentionable(issue, text)
    with transaction.atomic():
        comment = Comment.objects.create(
            issue=issue, author=actor, body=text, body_html=_render(text, mentioned), created_at=now
        )
        if mentioned:
            comment.mentions.set(mentioned)
            issue.watchers.add(*mentioned)
        issue.watchers.add(actor)
        payload = {
            "key": issue.key,
            "comment_id": comment.pk,
            "mentions": [u.pk for u in mentioned],
        }
        indexing.index_issue(issue)
        publish(Event("comment.added", now, actor.pk, issue.project_id, payload))
    return comment


def edit_comment(*, actor: User, comment: Comment, body: object, now: datetime) -> Comment:
    policy.require(actor, policy.Action.COMMENT, comment.issue.project)
    if comment.author_id != actor.pk:
        raise Forbidden("Only the author may edit a comment")
    text = _validated_body(body)
    mentioned = _mentionable(comment.issue, text)
    with transaction.atomic():
        comment.body = text
        comment.body_html = _render(text, mentioned)
        comment.edited_at = now
        comment.save(update_fields=["body", "body_html", "edited_at"])
        comment.mentions.set(mentioned)
        if mentioned:  # someone mentioned in an edit is as involved as in a new comment
            comment.issue.watchers.add(*mentioned)
        indexing.index_issue(comment.issue)
        publish(
            Event("comment.edited", now, actor.pk, comment.issue.project_id, {"key": comment.issue.key})
        )
    return comment


def get_comment(*, actor: User, issue: Issue, comment_id: int) -> Comment:
    policy.require(actor, policy.Action.VIEW, issue.project)
    comment = issue.comments.select_related("author").filter(pk=comment_id).first()
    if comment is None:
        raise NotFound(f"No comment {comment_id} on {issue.key}")
    return comment
