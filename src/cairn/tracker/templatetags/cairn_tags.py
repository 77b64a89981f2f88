from django import template

from cairn.tracker.views.issues import sort_link as build_sort_link
from cairn.tracker.views.widgets import LABELS

register = template.Library()


@register.simple_tag
def sort_link(query: str, current: str, column: str) -> str:
    return build_sort_link(query, current, column)


@register.filter
def field_label(name: str) -> str:
    """A field as the history's sentences name it: "start", not "start_date"."""
    return LABELS.get(name, name).lower()
