"""The roadmap as the API answers it and the pages draw it (one shape for both): lanes of
items, releases, and for each scale of the timeline its window, columns and where every
item and release sits. A shared link's answer holds only the fields chosen for it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cairn.engine.product import timeline as tl
from cairn.product.models import Lane
from cairn.product.services import roadmap_links
from cairn.product.services.roadmap import LANES, NEUTRAL, Item, Roadmap, timeline

SCALES = (tl.Scale.MONTH, tl.Scale.QUARTER)
# A millionth of the timeline's width is well under a pixel, and the answer stays short.
PLACES = 6


def team_data(roadmap: Roadmap) -> dict[str, Any]:
    windows = {scale: timeline(roadmap, scale) for scale in SCALES}
    return {
        "product_id": roadmap.product.pk, "product": roadmap.product.name, "today": roadmap.today,
        "lanes": [{"lane": lane, "label": Lane(lane).label,
                   "items": [_team_item(i, windows) for i in roadmap.lanes[lane]]} for lane in LANES],
        "releases": [{"id": m.id, "name": m.name, "date": m.date, "status": m.status, "shipped": m.shipped,
                      **_markers(m.date, windows)} for m in roadmap.releases],
        "scales": {scale.value: _scale(roadmap, *windows[scale]) for scale in SCALES},
        "legend": {"objective": _objective_legend(roadmap.items), "theme": _theme_legend(roadmap.items)},
        "off_roadmap": [_team_item(i, windows) for i in roadmap.off_roadmap],
        "off_roadmap_total": roadmap.off_roadmap_total,
    }


def public_data(shared: roadmap_links.SharedRoadmap) -> dict[str, Any]:
    roadmap, fields = shared.roadmap, set(shared.fields)
    dated = "dates" in fields
    windows = {scale: timeline(roadmap, scale) for scale in SCALES} if dated else {}
    lanes: list[tuple[str, str, list[Item]]] = [("all", "Roadmap", roadmap.items)]
    if "lane" in fields:
        lanes = [(lane, Lane(lane).label, roadmap.lanes[lane]) for lane in LANES]
    data: dict[str, Any] = {
        "product": roadmap.product.name, "fields": shared.fields, "today": roadmap.today,
        "lanes": [{"lane": lane, "label": label, "items": [_public_item(i, fields, windows) for i in items]}
                  for lane, label, items in lanes],
    }
    if dated:
        data["scales"] = {scale.value: _scale(roadmap, *windows[scale]) for scale in SCALES}
    if dated and "release" in fields:
        data["releases"] = [{"name": m.name, "date": m.date, "shipped": m.shipped, **_markers(m.date, windows)}
                            for m in roadmap.releases if m.date]
    if "objective" in fields:
        data["legend"] = _objective_legend(roadmap.items)
    elif "theme" in fields:
        data["legend"] = _theme_legend(roadmap.items)
    return data


def _team_item(item: Item, windows: dict[tl.Scale, tuple[tl.Window, list[tl.Column]]]) -> dict[str, Any]:
    return {
        "id": item.id, "title": item.title, "description": item.description, "lane": item.lane,
        "start": _day(item.start), "end": _day(item.end), "dates_from": item.dates_from, "draggable": item.draggable,
        "kind": item.kind, "type": item.type, "status": item.status, "progress": item.progress, "issue": item.issue,
        "theme": item.theme, "objective": item.objective, "release": item.release,
        "objective_color": item.objective_color, "theme_color": item.theme_color, "shipped": item.shipped,
        **_spans(item, windows),
    }


def _public_item(item: Item, fields: set[str], windows: dict[tl.Scale, tuple[tl.Window, list[tl.Column]]]
                 ) -> dict[str, Any]:
    shown: dict[str, Any] = {}
    plain = {"title": item.title, "description": item.description, "lane": item.lane, "status": item.status,
             "theme": item.theme, "progress": item.progress, "issue": item.issue}
    shown.update({name: value for name, value in plain.items() if name in fields})
    if "type" in fields:
        shown.update(type=item.type, kind=item.kind)
    if "objective" in fields:
        shown["objective"] = item.objective["title"] if item.objective else None
    if "release" in fields:
        shown["release"] = item.release["name"] if item.release else None
    if "dates" in fields:
        shown.update(start=_day(item.start), end=_day(item.end), **_spans(item, windows))
    if "objective" in fields:
        shown["color"] = item.objective_color
    elif "theme" in fields:
        shown["color"] = item.theme_color
    return shown


def _spans(item: Item, windows: dict[tl.Scale, tuple[tl.Window, list[tl.Column]]]) -> dict[str, Any]:
    spans: dict[str, Any] = {}
    for scale, (win, _) in windows.items():
        span = tl.place(item.start, item.end, win) if item.start and item.end else None
        spans[scale.value] = None if span is None else {
            "left": round(span.left, PLACES), "width": round(span.width, PLACES), "clipped_start": span.clipped_start,
            "clipped_end": span.clipped_end}
    return spans


def _markers(day: Any, windows: dict[tl.Scale, tuple[tl.Window, list[tl.Column]]]) -> dict[str, Any]:
    return {scale.value: _round(tl.marker(day, win) if day else None) for scale, (win, _) in windows.items()}


def _day(day: dt.date | None) -> str | None:
    # As text already: the JSON encoder's fallback for dates costs a Python call per date.
    return None if day is None else day.isoformat()


def _round(fraction: float | None) -> float | None:
    return None if fraction is None else round(fraction, PLACES)


def _scale(roadmap: Roadmap, win: tl.Window, columns: list[tl.Column]) -> dict[str, Any]:
    return {"start": win.start, "end": win.end, "days": win.days, "today": _round(tl.marker(roadmap.today, win)),
            "columns": [{"label": c.label, "start": c.start, "left": c.left, "width": c.width} for c in columns]}


def _objective_legend(items: list[Item]) -> list[dict[str, str]]:
    seen: dict[Any, dict[str, str]] = {}
    for item in items:
        key = item.objective["id"] if item.objective else None
        if key not in seen:
            label = item.objective["title"] if item.objective else "No objective"
            seen[key] = {"label": label, "color": item.objective_color}
    return sorted(seen.values(), key=lambda entry: (entry["color"] == NEUTRAL, entry["label"].lower()))


def _theme_legend(items: list[Item]) -> list[dict[str, str]]:
    themes = {item.theme.strip().lower(): item for item in items}
    ordered = sorted(themes.items(), key=lambda pair: (pair[0] == "", pair[0]))
    return [{"label": item.theme or "No theme", "color": item.theme_color} for _, item in ordered]
