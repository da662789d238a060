"""Charts rendered on the server as accessible SVG (see ``base``): bars, heat maps, lines.

Every public name is importable from ``analysis.charts``.
"""

from analysis.charts.bars import bar_chart
from analysis.charts.base import (
    DEFAULT_SERIES_COLOURS,
    FONT,
    GRID,
    INK,
    MUTED,
    SCALE_HIGH,
    SCALE_LOW,
    SUPPRESSED_FILL,
    Chart,
    label_width,
    scale_colour,
    short_label,
    suppressed_label,
    svg_attr,
    svg_open,
)
from analysis.charts.heat import heat_map
from analysis.charts.lines import line_chart

__all__ = [
    "DEFAULT_SERIES_COLOURS",
    "FONT",
    "GRID",
    "INK",
    "MUTED",
    "SCALE_HIGH",
    "SCALE_LOW",
    "SUPPRESSED_FILL",
    "Chart",
    "bar_chart",
    "heat_map",
    "label_width",
    "line_chart",
    "scale_colour",
    "short_label",
    "suppressed_label",
    "svg_attr",
    "svg_open",
]
