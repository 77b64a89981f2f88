from django import template

from cairn.tracker.views.issues import sort_link as build_sort_link

register = template.Library()


@register.simple_tag
def sort_link(query: str, current: str, column: str) -> str:
    return build_sort_link(query, current, column)
