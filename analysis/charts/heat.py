"""Heat maps (a table of coloured cells)."""

from collections.abc import Sequence
from html import escape

from django.utils.safestring import mark_safe

from analysis.charts.base import (
    GRID,
    INK,
    SUPPRESSED_FILL,
    Chart,
    label_width,
    scale_colour,
    short_label,
    suppressed_label,
    svg_open,
)
from core import numbers


def heat_map(
    *,
    key: str,
    title: str,
    description: str,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    values: Sequence[Sequence[float | None]],
    threshold: int,
    corner_header: str,
    percent: bool = False,
) -> Chart:
    """A grid of cells shaded by value; None cells are suppressed and drawn hatched.

    Cell values are written in the reader's language (``12 %`` with ``percent``, else ``1.234``).
    """
    cell_w, cell_h = 64, 34
    longest = max((label_width(label) for label in row_labels), default=10)
    label_w = min(330, max(120, 7 * min(longest, 46) + 16))
    # NOTE: column headers are written in full (slanted), not cut: the top grows to hold them.
    top = 20 + 6 * min(48, max((label_width(label) for label in column_labels), default=4))
    width = label_w + cell_w * max(1, len(column_labels)) + 16
    height = top + cell_h * max(1, len(row_labels)) + 16
    figures = [v for row in values for v in row if v is not None]
    maximum = max(figures + [1])
    parts = svg_open(key, width, height, title, description)
    for j, label in enumerate(column_labels):
        x = label_w + j * cell_w + cell_w / 2
        parts.append(
            f'<text transform="translate({x:.1f},{top - 8}) rotate(-45)" fill="{INK}">'
            f"<title>{escape(label)}</title>{escape(short_label(label, 48))}</text>"
        )
    for i, label in enumerate(row_labels):
        y = top + i * cell_h
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 22}" text-anchor="end" fill="{INK}">'
            f"<title>{escape(label)}</title>"
            f"{escape(short_label(label, (label_w - 16) // 7))}</text>"
        )
        for j, value in enumerate(values[i]):
            x = label_w + j * cell_w
            cell_title = f"{label} × {column_labels[j]}: "
            parts.append(
                _cell(x, y, cell_w, cell_h, cell_title, value, maximum, threshold, percent)
            )
    parts.append("</svg>")
    columns = [corner_header, *column_labels]
    rows = [[label, *values[i]] for i, label in enumerate(row_labels)]
    svg = mark_safe("".join(parts))  # noqa: S308 - every label and value is escaped above
    return Chart(key, title, description, columns, rows, svg, threshold)


def _cell(x, y, cell_w, cell_h, cell_title, value, maximum, threshold, percent) -> str:
    """One cell: shaded by value, or hatched with a dash where the value is suppressed."""
    if value is None:
        cell_title += suppressed_label(threshold)
        return (
            f'<g><title>{escape(cell_title)}</title><rect x="{x}" y="{y}" '
            f'width="{cell_w - 2}" height="{cell_h - 2}" fill="{SUPPRESSED_FILL}" '
            f'stroke="{GRID}" stroke-dasharray="3 3"/><text x="{x + cell_w / 2 - 1:.1f}" '
            f'y="{y + 21}" text-anchor="middle" fill="{INK}">–</text></g>'
        )
    fill, ink = scale_colour(value / maximum if maximum else 0)
    text = numbers.percent(value, 0) if percent else numbers.number(value)
    cell_title += text
    return (
        f'<g><title>{escape(cell_title)}</title><rect x="{x}" y="{y}" '
        f'width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}"/>'
        f'<text x="{x + cell_w / 2 - 1:.1f}" y="{y + 21}" text-anchor="middle" '
        f'fill="{ink}">{escape(text)}</text></g>'
    )
