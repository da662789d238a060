"""Charts rendered on the server as accessible SVG: no script, font or image from anywhere else.

Each chart carries a title and a description (``<title>``/``<desc>`` referenced by
``aria-labelledby``/``aria-describedby``) and the table of its data, which the page shows as the
text alternative and which downloads as CSV. Every style is an SVG attribute, not a CSS class, so
the same markup downloads as an SVG file and draws on a canvas for the PNG download.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.exports import csv_text

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"
INK = "#1b1b1f"
MUTED = "#4a4a55"
GRID = "#c9ced6"
SUPPRESSED_FILL = "#e5e7eb"
# Two ends of the heat-map scale (light to dark blue); text switches colour to keep 4.5:1.
SCALE_LOW = (0xF3, 0xF6, 0xF9)
SCALE_HIGH = (0x14, 0x45, 0x6B)
DEFAULT_SERIES_COLOURS = ["#1f5f8b", "#a1441b", "#2e6b30", "#6b3fa0", "#8a6100", "#0f6f74"]


@dataclass
class Chart:
    """A chart and its data. In ``rows`` a suppressed cell is None (null in the API); the page
    table and the CSV show it as "fewer than N" (``display_rows``)."""

    key: str
    title: str
    description: str
    columns: list[str]
    rows: list[list]
    svg: SafeString = field(default=mark_safe(""))  # noqa: S308 - empty literal
    threshold: int = 10

    @property
    def display_rows(self) -> list[list]:
        label = suppressed_label(self.threshold)
        return [[label if value is None else value for value in row] for row in self.rows]

    def csv_text(self) -> str:
        return csv_text([self.columns, *self.display_rows])


def suppressed_label(threshold: int) -> str:
    return _("fewer than %(n)s") % {"n": threshold}


def _attr(value) -> str:
    return escape(str(value), quote=True)


def _short(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _svg_open(key: str, width: int, height: int, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="chart-{_attr(key)}" class="chart" '
        f'role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="chart-{_attr(key)}-title" aria-describedby="chart-{_attr(key)}-desc" '
        f'font-family="{_attr(FONT)}" font-size="13">',
        f'<title id="chart-{_attr(key)}-title">{escape(title)}</title>',
        f'<desc id="chart-{_attr(key)}-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def scale_colour(fraction: float) -> tuple[str, str]:
    """Fill and text colour for a heat-map cell at ``fraction`` (0..1) of the maximum."""
    fraction = min(1.0, max(0.0, fraction))
    rgb = tuple(
        round(lo + (hi - lo) * fraction) for lo, hi in zip(SCALE_LOW, SCALE_HIGH, strict=True)
    )
    text = "#ffffff" if _luminance(rgb) < 0.18 else INK
    return "#{:02x}{:02x}{:02x}".format(*rgb), text


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
    parts = _svg_open(key, box.width, box.height, title, description)
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

    @property
    def x0(self) -> int:
        return self.label_w


def _bar_box(items, *, percent: bool, legend: bool) -> _BarBox:
    longest = max((len(label) for label, _v in items), default=10)
    label_w = min(330, max(120, 7 * min(longest, 46) + 16))
    bar_w, row_h, top = 340, 30, 12
    legend_h = 26 if legend else 0
    return _BarBox(
        label_w=label_w,
        width=label_w + 420,
        height=top + row_h * max(1, len(items)) + 34 + legend_h,
        bar_w=bar_w,
        row_h=row_h,
        top=top,
        legend_h=legend_h,
        maximum=100.0 if percent else max([v for _label, v in items if v is not None] + [1]),
    )


def _bar_axis(box: _BarBox, percent: bool) -> list[str]:
    parts = []
    for tick in range(5):
        x = box.x0 + box.bar_w * tick / 4
        value = box.maximum * tick / 4
        text = f"{value:.0f}%" if percent else f"{value:.0f}"
        parts.append(
            f'<line x1="{x:.1f}" y1="{box.top}" x2="{x:.1f}" '
            f'y2="{box.height - 28 - box.legend_h}" '
            f'stroke="{GRID}"/><text x="{x:.1f}" y="{box.height - 12 - box.legend_h}" '
            f'text-anchor="middle" fill="{MUTED}">{text}</text>'
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
    parts = [
        f"<g><title>{escape(label)}</title>",
        f'<text x="{box.label_w - 8}" y="{y + 19}" text-anchor="end" fill="{INK}">'
        f"{escape(_short(label, (box.label_w - 16) // 7))}</text>",
    ]
    if value is None:
        parts.append(
            f'<rect x="{x0}" y="{y + 5}" width="{box.bar_w}" height="{row_h - 10}" '
            f'fill="{SUPPRESSED_FILL}" stroke="{GRID}" stroke-dasharray="4 3"/>'
            f'<text x="{x0 + 8}" y="{y + 19}" fill="{INK}">'
            f"{escape(hidden)}"
            "</text>"
        )
    else:
        length = box.bar_w * (value / box.maximum) if box.maximum else 0
        text = f"{value:.1f}%" if percent else f"{value:g}"
        parts.append(
            f'<rect x="{x0}" y="{y + 5}" width="{length:.1f}" height="{row_h - 10}" '
            f'fill="{_attr(colour)}"/>'
            f'<text x="{x0 + length + 6:.1f}" y="{y + 19}" fill="{INK}">{text}</text>'
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
    cell_format: str = "{:g}",
) -> Chart:
    """A grid of cells shaded by value; None cells are suppressed and drawn hatched."""
    cell_w, cell_h = 64, 34
    longest = max((len(label) for label in row_labels), default=10)
    label_w = min(330, max(120, 7 * min(longest, 46) + 16))
    top = 20 + 6 * min(24, max((len(label) for label in column_labels), default=4))
    width = label_w + cell_w * max(1, len(column_labels)) + 16
    height = top + cell_h * max(1, len(row_labels)) + 16
    numbers = [v for row in values for v in row if v is not None]
    maximum = max(numbers + [1])
    parts = _svg_open(key, width, height, title, description)
    for j, label in enumerate(column_labels):
        x = label_w + j * cell_w + cell_w / 2
        parts.append(
            f'<text transform="translate({x:.1f},{top - 8}) rotate(-45)" fill="{INK}">'
            f"<title>{escape(label)}</title>{escape(_short(label, 24))}</text>"
        )
    for i, label in enumerate(row_labels):
        y = top + i * cell_h
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 22}" text-anchor="end" fill="{INK}">'
            f"<title>{escape(label)}</title>{escape(_short(label, (label_w - 16) // 7))}</text>"
        )
        for j, value in enumerate(values[i]):
            x = label_w + j * cell_w
            cell_title = f"{label} × {column_labels[j]}: "
            if value is None:
                cell_title += suppressed_label(threshold)
                parts.append(
                    f'<g><title>{escape(cell_title)}</title><rect x="{x}" y="{y}" '
                    f'width="{cell_w - 2}" height="{cell_h - 2}" fill="{SUPPRESSED_FILL}" '
                    f'stroke="{GRID}" stroke-dasharray="3 3"/><text x="{x + cell_w / 2 - 1:.1f}" '
                    f'y="{y + 21}" text-anchor="middle" fill="{INK}">–</text></g>'
                )
                continue
            fill, ink = scale_colour(value / maximum if maximum else 0)
            text = cell_format.format(value)
            cell_title += text
            parts.append(
                f'<g><title>{escape(cell_title)}</title><rect x="{x}" y="{y}" '
                f'width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}"/>'
                f'<text x="{x + cell_w / 2 - 1:.1f}" y="{y + 21}" text-anchor="middle" '
                f'fill="{ink}">{escape(text)}</text></g>'
            )
    parts.append("</svg>")
    columns = [corner_header, *column_labels]
    rows = [[label, *values[i]] for i, label in enumerate(row_labels)]
    svg = mark_safe("".join(parts))  # noqa: S308 - every label and value is escaped above
    return Chart(key, title, description, columns, rows, svg, threshold)


def line_chart(
    *,
    key: str,
    title: str,
    description: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float | None]]],
    threshold: int,
    x_header: str,
) -> Chart:
    """One line per series over ``x_labels``; suppressed points break the line."""
    numbers = [v for _n, _c, values in series for v in values if v is not None]
    plot = _LinePlot(count=max(1, len(x_labels)), maximum=max(numbers + [1]))
    parts = _svg_open(key, plot.width, plot.height, title, description)
    parts += _line_axes(plot, x_labels)
    for s_index, (name, colour, values) in enumerate(series):
        parts += _line_series(plot, s_index, name, colour, values)
    parts.append("</svg>")
    columns = [x_header, *[name for name, _c, _v in series]]
    rows = [[label, *[values[i] for _n, _c, values in series]] for i, label in enumerate(x_labels)]
    svg = mark_safe("".join(parts))  # noqa: S308 - every label and value is escaped above
    return Chart(key, title, description, columns, rows, svg, threshold)


@dataclass
class _LinePlot:
    """The geometry of a line chart of ``count`` points up to ``maximum``."""

    count: int
    maximum: float
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
    for tick in range(5):
        value = plot.maximum * tick / 4
        y = plot.py(value)
        parts.append(
            f'<line x1="{plot.left}" y1="{y:.1f}" x2="{plot.width - plot.right}" y2="{y:.1f}" '
            f'stroke="{GRID}"/>'
            f'<text x="{plot.left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{value:.0f}</text>"
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
                f'stroke="{_attr(colour)}" stroke-width="2.5"/>'
            )
        for point in points:
            cx, cy = point.split(",")
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="3.5" fill="{_attr(colour)}"/>')
    parts.append("</g>")
    # Legend under the plot, two columns.
    lx = plot.left + (s_index % 2) * (plot.plot_w / 2)
    ly = plot.top + plot.plot_h + 44 + (s_index // 2) * 22
    parts.append(
        f'<rect x="{lx:.1f}" y="{ly - 11}" width="14" height="14" fill="{_attr(colour)}"/>'
        f'<text x="{lx + 20:.1f}" y="{ly + 1}" fill="{INK}">{escape(_short(name, 40))}</text>'
    )
    return parts
