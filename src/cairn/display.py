"""Dates and times as every page shows them: one format, the reader's own. The server
writes ISO (readable without scripts, and what forms take); the browser rewrites each
`<time>` in the person's locale and time zone (cairn.js). Registered as a template
builtin, so every template has `|day`, `|moment` and `|ago`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timesince import timesince

register = template.Library()


def _as_datetime(value: Any) -> dt.datetime | None:
    if not isinstance(value, dt.datetime):
        return None
    return timezone.localtime(value) if timezone.is_aware(value) else value


@register.filter
def day(value: Any) -> SafeString | str:
    """A calendar date (a due date, a holiday): no time, no time zone."""
    if isinstance(value, dt.datetime):
        value = (_as_datetime(value) or value).date()
    if not isinstance(value, dt.date):
        return ""
    iso = value.isoformat()
    return format_html('<time datetime="{}" data-show="day">{}</time>', iso, iso)


@register.filter
def moment(value: Any) -> SafeString | str:
    """A point in time (a comment, a change), to the minute."""
    when = _as_datetime(value)
    if when is None:
        return ""
    return format_html('<time datetime="{}" data-show="moment">{}</time>', when.isoformat(),
                       when.strftime("%Y-%m-%d %H:%M"))


@register.filter
def ago(value: Any) -> SafeString | str:
    """How long ago, with the moment itself on hover."""
    when = _as_datetime(value)
    if when is None:
        return ""
    return format_html('<time datetime="{}" data-show="title">{} ago</time>', when.isoformat(), timesince(when))
