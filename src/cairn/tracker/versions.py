"""Optimistic concurrency on issues, one module for the API and the pages. Every write
bumps an issue's version. The API shows it as the `ETag` and takes it back in
`If-Match`; the issue page keeps it in a hidden field that each inline save sends. A
write based on an older version is refused with 412 and the current state — never
merged — and a write that names no version is not checked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpResponse

from cairn.errors import PreconditionFailed

if TYPE_CHECKING:
    from cairn.tracker.models import Issue


def etag(issue: Issue) -> str:
    return f'"{issue.pk}.{issue.version}"'


def with_etag(response: HttpResponse, issue: Issue) -> None:
    response["ETag"] = etag(issue)


def from_if_match(header: str | None, issue: Issue) -> int | None:
    """The version an If-Match header was based on; None for no header or `*`. A tag that
    is no version of this issue can never match, so the write is refused (RFC 9110)."""
    if header is None or header.strip() == "*":
        return None
    tag = header.strip().removeprefix("W/").strip('"')
    pk, _, version = tag.partition(".")
    if pk != str(issue.pk) or not version.isdigit():
        raise PreconditionFailed(f"If-Match does not name a version of {issue.key}", current=issue)
    return int(version)


def from_form(value: str) -> int | None:
    """The version the issue page's hidden field sent; None when it sent none."""
    return int(value) if value.isdigit() else None


def require_current(current: Issue, expected: int | None) -> None:
    """For a service, with the row locked: refuses a write based on an older version."""
    if expected is not None and current.version != expected:
        raise PreconditionFailed(f"{current.key} changed since you read it (version {current.version})",
                                 current=current)


def api_refusal(stale: PreconditionFailed) -> tuple[dict[str, Any], dict[str, str]]:
    """What the API's 412 adds to its error body (the issue as it is now, in `current`)
    and to its headers (that state's ETag, to retry with)."""
    from cairn.tracker.schemas import issue_out  # the schemas import the models, which import this

    return {"current": issue_out(stale.current).model_dump(mode="json")}, {"ETag": etag(stale.current)}


def page_refusal(issue: Issue, stale: PreconditionFailed) -> HttpResponse:
    """The issue page's 412: a message for its toast, and the current version."""
    response = HttpResponse(
        f"{issue.key} was changed by someone else since you opened it. Reload to see the "
        "latest version; your edit was not saved.", status=412, content_type="text/plain",
    )
    response["X-Current-Version"] = str(stale.current.version) if stale.current else ""
    return response
