"""Charts as server-rendered SVG: no script, no build step. Each chart carries its own
text alternative (a title and a description listing every value), and the page shows
the same figures in a table next to it."""

from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
BAR = 22
GAP = 8
LABEL = 180


def _describe(title: str, points: list[tuple[str, int | float]]) -> str:
    if not points:
        return f"{title}: no data yet."
    return f"{title}: " + "; ".join(f"{label}, {_n(value)}" for label, value in points) + "."


def bars(points: list[tuple[str, int | float]], *, title: str) -> SafeString:
    """Horizontal bars, one per (label, value), labels on the left, values at the end."""
    height = max(1, len(points)) * (BAR + GAP) + GAP
    top = max([v for _l, v in points] or [0]) or 1
    room = WIDTH - LABEL - 60
    parts = [
        format_html(
            '<svg class="chart" role="img" viewBox="0 0 {} {}" width="100%" '
            'aria-labelledby="{}-t {}-d"><title id="{}-t">{}</title><desc id="{}-d">{}</desc>',
            WIDTH, height, _id(title), _id(title), _id(title), title, _id(title),
            _describe(title, points),
        )
    ]  # fmt: skip
    if not points:
        parts.append(format_html('<text x="8" y="20" class="chart-label">{}</text>', "No data yet"))
    for i, (label, value) in enumerate(points):
        y = GAP + i * (BAR + GAP)
        w = max(1.0, room * value / top) if value else 0
        short = label if len(label) <= 26 else label[:25] + "…"
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"></rect>'
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                LABEL - 8, _n(y + BAR * 0.7), short, LABEL, y, _n(w), BAR,
                _n(LABEL + w + 6), _n(y + BAR * 0.7), _n(value),
            )
        )  # fmt: skip
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def columns(points: list[tuple[str, int | float]], *, title: str) -> SafeString:
    """Vertical columns over time, first and last labels shown under the axis."""
    height, bottom = 200, 170
    n = max(1, len(points))
    step = (WIDTH - 40) / n
    top = max([v for _l, v in points] or [0]) or 1
    parts = [
        format_html(
            '<svg class="chart" role="img" viewBox="0 0 {} {}" width="100%" '
            'aria-labelledby="{}-t {}-d"><title id="{}-t">{}</title><desc id="{}-d">{}</desc>'
            '<line x1="30" y1="{}" x2="{}" y2="{}" class="chart-axis"></line>'
            '<text x="26" y="18" text-anchor="end" class="chart-value">{}</text>',
            WIDTH, height, _id(title), _id(title), _id(title), title, _id(title),
            _describe(title, points), bottom, WIDTH - 8, bottom, _n(top),
        )
    ]  # fmt: skip
    for i, (_label, value) in enumerate(points):
        h = (bottom - 20) * value / top
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar">'
                "<title>{}: {}</title></rect>",
                _n(32 + i * step), _n(bottom - h), _n(max(1.0, step - 2)), _n(h), _label, _n(value),
            )
        )  # fmt: skip
    if points:
        parts.append(
            format_html(
                '<text x="32" y="{}" class="chart-label">{}</text>'
                '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>',
                bottom + 20, points[0][0], WIDTH - 8, bottom + 20, points[-1][0],
            )
        )  # fmt: skip
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _id(title: str) -> str:
    return "c-" + "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:40]


__all__ = ["bars", "columns", "escape"]
