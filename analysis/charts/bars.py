"""Horizontal bar charts."""

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from analysis.charts.base import (
    DEFAULT_SERIES_COLOURS,
    GRID,
    INK,
    MUTED,
    SUPPRESSED_FILL,
    Chart,
    label_width,
    nice_ticks,
    suppressed_label,
    svg_attr,
    svg_label_lines,
    svg_open,
    wrap_label,
)
from core import numbers


def bar_chart(
    *,
    key: str,
    title: str,
    description: str,
    items: Sequence[tuple[str, float | None]],
    value_header: str,
    label_header: str,
    threshold: int,
    percent: bool = False,
    colours: Sequence[str] | None = None,
    reference: float | None = None,
    reference_label: str = "",
    references: Sequence[float | None] = (),
    references_label: str = "",
    extra_columns: Sequence[str] = (),
    extra_values: Sequence[Sequence] = (),
) -> Chart:
    """Horizontal bars, one per item; a None value is a suppressed cell, drawn as such.

    ``references`` draws, on each bar, a black tick at that row's point of comparison (the
    trust gaps' "neither group"), explained in a legend under the axis.
    """
    box = _bar_box(items, percent=percent, legend=bool(references_label))
    parts = svg_open(key, box.width, box.height, title, description)
    parts += _bar_axis(box, percent)
    hidden = _("suppressed: %(label)s") % {"label": suppressed_label(threshold)}
    palette = colours or DEFAULT_SERIES_COLOURS
    for index, (label, value) in enumerate(items):
        row_reference = references[index] if index < len(references) else None
        parts += _bar_row(
            box,
            index,
            label,
            value,
            colour=palette[index % len(palette)],
            hidden=hidden,
            percent=percent,
            reference=row_reference,
        )
    parts += _bar_references(box, reference, reference_label, references_label)
    parts.append("</svg>")
    columns = [label_header, value_header, *extra_columns]
    rows = []
    for index, (label, value) in enumerate(items):
        extra = list(extra_values[index]) if index < len(extra_values) else []
        rows.append([label, value, *extra])
    svg = mark_safe("".join(parts))  # noqa: S308 - every label and value is escaped above
    return Chart(key, title, description, columns, rows, svg, threshold)


@dataclass
class _BarBox:
    """The geometry of a bar chart: bars start at ``x0`` and are at most ``bar_w`` long."""

    label_w: int
    width: int
    height: int
    bar_w: int
    row_h: int
    top: int
    legend_h: int
    maximum: float
    ticks: list[float]

    @property
    def x0(self) -> int:
        return self.label_w


def _bar_box(items, *, percent: bool, legend: bool) -> _BarBox:
    # NOTE: narrow enough to read at 360 px once scaled to the screen: long labels wrap onto
    # two lines (LABEL_CHARS each) rather than widening the chart.
    longest = max((label_width(label) for label, _v in items), default=10)
    label_w = min(7 * LABEL_CHARS + 16, max(96, 7 * longest + 16))
    bar_w, row_h, top = 240, 40, 12
    legend_h = 26 if legend else 0
    largest = max([v for _label, v in items if v is not None] + [1])
    ticks = nice_ticks(100.0 if percent else largest)
    return _BarBox(
        label_w=label_w,
        width=label_w + bar_w + 70,
        height=top + row_h * max(1, len(items)) + 34 + legend_h,
        bar_w=bar_w,
        row_h=row_h,
        top=top,
        legend_h=legend_h,
        maximum=ticks[-1],
        ticks=ticks,
    )


LABEL_CHARS = 20


def _bar_axis(box: _BarBox, percent: bool) -> list[str]:
    parts = []
    for value in box.ticks:
        x = box.x0 + box.bar_w * value / box.maximum
        text = numbers.percent(value, 0) if percent else numbers.number(value, 0)
        parts.append(
            f'<line x1="{x:.1f}" y1="{box.top}" x2="{x:.1f}" '
            f'y2="{box.height - 28 - box.legend_h}" '
            f'stroke="{GRID}"/><text x="{x:.1f}" y="{box.height - 12 - box.legend_h}" '
            f'text-anchor="middle" fill="{MUTED}">{escape(text)}</text>'
        )
    return parts


def _bar_row(
    box: _BarBox,
    index: int,
    label: str,
    value: float | None,
    *,
    colour: str,
    hidden: str,
    percent: bool,
    reference: float | None,
) -> list[str]:
    x0, y, row_h = box.x0, box.top + index * box.row_h, box.row_h
    rows = wrap_label(label, (box.label_w - 16) // 7)
    parts = [
        f"<g><title>{escape(label)}</title>",
        f'<text x="{box.label_w - 8}" y="{y + row_h / 2 + 5:.1f}" text-anchor="end" '
        f'fill="{INK}">{svg_label_lines(rows, x=box.label_w - 8)}</text>',
    ]
    if value is None:
        parts.append(
            f'<rect x="{x0}" y="{y + 5}" width="{box.bar_w}" height="{row_h - 10}" '
            f'fill="{SUPPRESSED_FILL}" stroke="{GRID}" stroke-dasharray="4 3"/>'
            f'<text x="{x0 + 8}" y="{y + row_h / 2 + 5:.1f}" fill="{INK}">'
            f"{escape(hidden)}"
            "</text>"
        )
    else:
        length = box.bar_w * (value / box.maximum) if box.maximum else 0
        text = numbers.percent(value, 1) if percent else numbers.number(value)
        parts.append(
            f'<rect x="{x0}" y="{y + 5}" width="{length:.1f}" height="{row_h - 10}" '
            f'fill="{svg_attr(colour)}"/>'
            f'<text x="{x0 + length + 6:.1f}" y="{y + row_h / 2 + 5:.1f}" fill="{INK}">'
            f"{escape(text)}</text>"
        )
        if reference is not None and box.maximum:
            rx = x0 + box.bar_w * reference / box.maximum
            parts.append(
                f'<line x1="{rx:.1f}" y1="{y + 2}" x2="{rx:.1f}" y2="{y + row_h - 2}" '
                f'stroke="{INK}" stroke-width="3"/>'
            )
    parts.append("</g>")
    return parts


def _bar_references(
    box: _BarBox, reference: float | None, reference_label: str, references_label: str
) -> list[str]:
    """The dashed line of ``reference`` across the bars, and the legend of the per-row ticks."""
    parts = []
    if reference is not None and box.maximum:
        x = box.x0 + box.bar_w * reference / box.maximum
        parts.append(
            f'<line x1="{x:.1f}" y1="{box.top - 4}" x2="{x:.1f}" y2="{box.height - 28}" '
            f'stroke="{INK}" stroke-width="2" stroke-dasharray="6 4">'
            f"<title>{escape(reference_label)}</title></line>"
        )
    if references_label:
        ly = box.height - 10
        parts.append(
            f'<line x1="{box.x0}" y1="{ly - 10}" x2="{box.x0}" y2="{ly + 2}" stroke="{INK}" '
            f'stroke-width="3"/><text x="{box.x0 + 8}" y="{ly}" fill="{INK}">'
            f"{escape(references_label)}</text>"
        )
    return parts
