"""Line charts over time."""

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import mark_safe

from analysis.charts.base import (
    GRID,
    INK,
    MUTED,
    Chart,
    nice_ticks,
    short_label,
    svg_attr,
    svg_open,
)
from core import numbers


def line_chart(
    *,
    key: str,
    title: str,
    description: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float | None]]],
    threshold: int,
    x_header: str,
    x_display: Sequence[str] = (),
) -> Chart:
    """One line per series over ``x_labels``; suppressed points break the line.

    ``x_display`` is what the axis shows for each label (a month in the reader's language) when
    the data keep a stable key (``2024-03``); the table shows it too, the CSV keeps the key.
    """
    figures = [v for _n, _c, values in series for v in values if v is not None]
    ticks = nice_ticks(max(figures + [1]))
    plot = _LinePlot(count=max(1, len(x_labels)), maximum=ticks[-1], ticks=ticks)
    parts = svg_open(key, plot.width, plot.height, title, description)
    parts += _line_axes(plot, x_display or x_labels)
    for s_index, (name, colour, values) in enumerate(series):
        parts += _line_series(plot, s_index, name, colour, values)
    parts.append("</svg>")
    columns = [x_header, *[name for name, _c, _v in series]]
    rows = [[label, *[values[i] for _n, _c, values in series]] for i, label in enumerate(x_labels)]
    svg = mark_safe("".join(parts))  # noqa: S308 - every label and value is escaped above
    return Chart(key, title, description, columns, rows, svg, threshold, list(x_display))


@dataclass
class _LinePlot:
    """The geometry of a line chart of ``count`` points up to ``maximum``."""

    count: int
    maximum: float
    ticks: list[float]
    width: int = 680
    height: int = 360
    left: int = 48
    right: int = 16
    top: int = 16
    bottom: int = 150

    @property
    def plot_w(self) -> int:
        return self.width - self.left - self.right

    @property
    def plot_h(self) -> int:
        return self.height - self.top - self.bottom

    def px(self, index: int) -> float:
        if self.count > 1:
            return self.left + self.plot_w * index / (self.count - 1)
        return self.left + self.plot_w / 2

    def py(self, value: float) -> float:
        return self.top + self.plot_h - self.plot_h * value / self.maximum


def _line_axes(plot: _LinePlot, x_labels: Sequence[str]) -> list[str]:
    parts = []
    for value in plot.ticks:
        y = plot.py(value)
        parts.append(
            f'<line x1="{plot.left}" y1="{y:.1f}" x2="{plot.width - plot.right}" y2="{y:.1f}" '
            f'stroke="{GRID}"/>'
            f'<text x="{plot.left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{escape(numbers.number(value, 0))}</text>"
        )
    step = max(1, plot.count // 12)
    for index, label in enumerate(x_labels):
        if index % step == 0:
            parts.append(
                f'<text x="{plot.px(index):.1f}" y="{plot.top + plot.plot_h + 18}" '
                f'text-anchor="middle" fill="{MUTED}">{escape(label)}</text>'
            )
    return parts


def _line_series(
    plot: _LinePlot, s_index: int, name: str, colour: str, values: Sequence[float | None]
) -> list[str]:
    segments: list[list[str]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            segments.append([])
            continue
        segments[-1].append(f"{plot.px(index):.1f},{plot.py(value):.1f}")
    parts = [f"<g><title>{escape(name)}</title>"]
    for points in segments:
        if len(points) > 1:
            parts.append(
                f'<polyline points="{" ".join(points)}" fill="none" '
                f'stroke="{svg_attr(colour)}" stroke-width="2.5"/>'
            )
        for point in points:
            cx, cy = point.split(",")
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="3.5" fill="{svg_attr(colour)}"/>')
    parts.append("</g>")
    # Legend under the plot, two columns.
    lx = plot.left + (s_index % 2) * (plot.plot_w / 2)
    ly = plot.top + plot.plot_h + 44 + (s_index // 2) * 22
    parts.append(
        f'<rect x="{lx:.1f}" y="{ly - 11}" width="14" height="14" fill="{svg_attr(colour)}"/>'
        f'<text x="{lx + 20:.1f}" y="{ly + 1}" fill="{INK}">{escape(short_label(name, 40))}</text>'
    )
    return parts
