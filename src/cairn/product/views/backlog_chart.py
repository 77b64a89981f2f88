"""The value/effort 2×2 as server-drawn SVG: effort across, value up, the quadrants'
borders where the engine puts them, one linked point per scored item."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cairn.engine.product import scoring
from cairn.product.models import Product
from cairn.product.services import backlog

WIDTH, HEIGHT = 560, 340
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 40
# More points than this are a cloud, not a chart: the best value for effort are drawn.
MOST_POINTS = 200
# Efforts beyond this sit on the right edge, so one huge item does not squash the rest.
WIDEST_EFFORT = 24.0


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    url: str
    label: str
    quadrant: str


def chart(product: Product, kind: str) -> dict[str, Any]:
    items = (backlog.ranked_ideas(product) if kind == "ideas" else product.features.all())
    scored = items.filter(value__isnull=False, effort__isnull=False)
    rows = list(scored.order_by("-value_effort_score", "rank", "id")
                .values_list("id", "title", "value", "effort")[:MOST_POINTS])
    total = scored.count() if len(rows) == MOST_POINTS else len(rows)
    widest = min(max([6.0, *(float(e) * 1.1 for *_, e in rows)]), WIDEST_EFFORT)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(effort: float) -> float:
        return round(LEFT + min(effort, widest) / widest * plot_w, 1)

    def y(value: float) -> float:
        return round(TOP + plot_h - value / 10 * plot_h, 1)

    # Scores repeat (value 1–10, a few usual efforts): each pair is placed once.
    placed: dict[tuple[int, Any], tuple[float, float, str, str]] = {}
    points = []
    for pk, title, value, effort in rows:
        if (value, effort) not in placed:
            where = scoring.quadrant(value, effort).value
            placed[value, effort] = (x(float(effort)), y(value), where, f"value {value}, effort {scoring.fmt(effort)} ({where})")
        px, py, where, numbers = placed[value, effort]
        points.append(Point(px, py, f"/products/{product.pk}/{kind}/{pk}/", f"{title} — {numbers}",
                            where.replace(" ", "-")))
    split_x, split_y = x(float(scoring.HIGH_EFFORT_ABOVE)), y(scoring.HIGH_VALUE_ABOVE + 0.5)
    return {
        "width": WIDTH, "height": HEIGHT, "points": points, "marks": _marks(points), "total": total, "left": LEFT, "top": TOP,
        "right": WIDTH - RIGHT, "bottom": HEIGHT - BOTTOM, "split_x": split_x, "split_y": split_y,
        "mid_y": (TOP + HEIGHT - BOTTOM) / 2,
        "x_ticks": [(x(t), scoring.fmt(t)) for t in _ticks(widest)],
        "y_ticks": [(y(t), t) for t in (0, 2, 4, 6, 8, 10)],
        "labels": [
            ((LEFT + split_x) / 2, TOP + 14, "Quick wins"), ((split_x + WIDTH - RIGHT) / 2, TOP + 14, "Big bets"),
            ((LEFT + split_x) / 2, HEIGHT - BOTTOM - 6, "Fill-ins"),
            ((split_x + WIDTH - RIGHT) / 2, HEIGHT - BOTTOM - 6, "Money pits"),
        ],
    }


def _marks(points: list[Point]) -> SafeString:
    # Drawn here rather than in the template: two hundred points through the template
    # engine's number formatting cost more than the rest of the backlog page.
    return mark_safe("".join(  # noqa: S308 - the only text from users, the label, is escaped
        f'<a href="{p.url}"><circle class="point {p.quadrant}" cx="{p.x}" cy="{p.y}" r="5">'
        f"<title>{escape(p.label)}</title></circle></a>" for p in points))


def _ticks(widest: float) -> list[float]:
    step = next(s for s in (1, 2, 3, 4, 6, 12) if widest / s <= 8)
    return [float(n * step) for n in range(int(widest // step) + 1)]
