"""What every chart shares: the Chart (its data and SVG), colours, SVG helpers.

Charts are rendered on the server as accessible SVG: no script, font or image from anywhere else.
Each chart carries a title and a description (``<title>``/``<desc>`` referenced by
``aria-labelledby``/``aria-describedby``) and the table of its data, which the page shows as the
text alternative and which downloads as CSV. Every style is an SVG attribute, not a CSS class, so
the same markup downloads as an SVG file and draws on a canvas for the PNG download.
"""

import math
import unicodedata
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.exports import csv_text

# NOTE: system fonts only (nothing downloaded); the CJK families draw Japanese labels when the
# SVG is opened on its own, outside the page's CSS.
FONT = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Hiragino Sans', "
    "'Hiragino Kaku Gothic ProN', 'Yu Gothic', Meiryo, 'Noto Sans CJK JP', sans-serif"
)
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
    # What the page's table shows in each row's first cell when the data keep a stable key
    # (a month as "März 2024" for the key "2024-03"); empty: the key itself.
    row_display: list[str] = field(default_factory=list)

    @property
    def display_rows(self) -> list[list]:
        label = suppressed_label(self.threshold)
        return [[label if value is None else value for value in row] for row in self.rows]

    @property
    def table_rows(self) -> list[list]:
        """The rows the page shows: as ``display_rows``, the first cell as ``row_display``."""
        rows = self.display_rows
        if len(self.row_display) == len(rows):
            return [[shown, *row[1:]] for shown, row in zip(self.row_display, rows, strict=True)]
        return rows

    def csv_text(self) -> str:
        return csv_text([self.columns, *self.display_rows])


def suppressed_label(threshold: int) -> str:
    return _("fewer than %(n)s") % {"n": threshold}


def svg_attr(value) -> str:
    return escape(str(value), quote=True)


def label_width(label: str) -> int:
    """How many narrow characters ``label`` is as wide as: a Japanese character (east Asian wide
    or full width) takes the room of two Latin ones."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in label)


def short_label(label: str, limit: int = 30) -> str:
    """``label`` cut with "…" to at most ``limit`` narrow characters' width (see label_width)."""
    if label_width(label) <= limit:
        return label
    kept, width = [], 1
    for char in label:
        width += label_width(char)
        if width > limit:
            break
        kept.append(char)
    return "".join(kept) + "…"


def nice_ticks(maximum: float, *, count: int = 5, integer: bool = True) -> list[float]:
    """Evenly spaced axis ticks from 0 past ``maximum``, in steps of 1, 2 or 5 × 10^n (never
    0 2 4 7 9): about ``count`` of them, the last one at or above ``maximum``. ``integer``:
    whole steps only (counts of stories: no 0.2 ticks shown as "0")."""
    if maximum <= 0:
        return [0, 1]
    if integer and maximum <= count:
        return list(range(math.ceil(maximum) + 1))
    rough = maximum / max(1, count)
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    if power >= 1 or integer:
        step = max(1, round(step))
    last = math.ceil(maximum / step - 1e-9)
    return [round(step * i, 10) for i in range(last + 1)]


def wrap_label(label: str, limit: int, *, lines: int = 2) -> list[str]:
    """``label`` on at most ``lines`` lines of ``limit`` narrow characters' width, broken at
    spaces where there are any (Japanese at any character); the last line is cut with "…"."""
    rows: list[str] = []
    rest = label.strip()
    while rest and len(rows) < lines - 1 and label_width(rest) > limit:
        cut, width = 0, 0
        for i, char in enumerate(rest):
            if char == " ":
                cut = i  # a space may end a full line
            width += label_width(char)
            if width > limit:
                break
            if unicodedata.east_asian_width(char) in "WF":
                cut = i + 1
        if cut == 0:
            break
        rows.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    rows.append(short_label(rest, limit))
    return [row for row in rows if row]


def svg_label_lines(rows: list[str], *, x: float, line_h: int = 15) -> str:
    """The lines of a wrapped label as ``<tspan>``s, centred on the text's own y."""
    first = -(len(rows) - 1) * line_h / 2
    return "".join(
        f'<tspan x="{x:.1f}" dy="{(first if i == 0 else line_h):.1f}">{escape(row)}</tspan>'
        for i, row in enumerate(rows)
    )


def svg_open(key: str, width: int, height: int, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="chart-{svg_attr(key)}" class="chart" '
        f'role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="chart-{svg_attr(key)}-title" '
        f'aria-describedby="chart-{svg_attr(key)}-desc" '
        f'font-family="{svg_attr(FONT)}" font-size="13">',
        f'<title id="chart-{svg_attr(key)}-title">{escape(title)}</title>',
        f'<desc id="chart-{svg_attr(key)}-desc">{escape(description)}</desc>',
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
