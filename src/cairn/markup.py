"""User Markdown to safe HTML. Everything users write passes through here: markdown-it
renders, nh3 (ammonia) strips anything that could run script."""

from __future__ import annotations

import re
from collections.abc import Callable

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"linkify": False, "html": False}).enable("table").enable(
    "strikethrough"
)
MENTION = re.compile(r"(?<![\w@/])@([A-Za-z0-9_.+-]{1,150})")
_TAGS = {
    "a", "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "img", "span",
}
_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title"},
    "span": {"class"},
    "code": {"class"},
    "th": {"align"},
    "td": {"align"},
}


def mentioned_usernames(text: str) -> set[str]:
    return {m.rstrip(".") for m in MENTION.findall(text)}


def render(text: str, *, is_user: Callable[[str], bool] | None = None) -> str:
    """Markdown to sanitised HTML; `@name` is marked up as a mention when is_user knows it."""
    html = _md.render(text)
    if is_user is not None:
        html = _mark_mentions(html, is_user)
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def _mark_mentions(html: str, is_user: Callable[[str], bool]) -> str:
    # Only text outside tags and code is rewritten; splitting on tags keeps attributes intact.
    parts = re.split(r"(<[^>]+>)", html)
    in_code = 0
    for i, part in enumerate(parts):
        if part.startswith("<"):
            if re.match(r"<(code|pre)\b", part):
                in_code += 1
            elif re.match(r"</(code|pre)>", part):
                in_code = max(0, in_code - 1)
            continue
        if in_code:
            continue
        parts[i] = MENTION.sub(lambda m: _mention(m, is_user), part)
    return "".join(parts)


def _mention(match: re.Match[str], is_user: Callable[[str], bool]) -> str:
    name = match.group(1).rstrip(".")
    if not is_user(name):
        return match.group(0)
    rest = match.group(1)[len(name) :]
    return f'<span class="mention">@{name}</span>{rest}'
