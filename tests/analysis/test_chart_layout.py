"""Issue 17: charts read well at 360 px: even axis ticks, wrapped labels, nothing cut."""

import re

import pytest

from analysis import charts
from analysis.charts.base import nice_ticks, wrap_label


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (9, [0, 2, 4, 6, 8, 10]),
        (13, [0, 5, 10, 15]),
        (37, [0, 10, 20, 30, 40]),
        (100, [0, 20, 40, 60, 80, 100]),
        (243, [0, 50, 100, 150, 200, 250]),
        (1240, [0, 500, 1000, 1500]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
    ],
)
def test_ticks_are_nice_steps_that_cover_the_maximum(maximum, ticks):
    assert nice_ticks(maximum) == ticks


def test_bar_axis_shows_even_ticks_not_quarters_of_the_maximum():
    chart = charts.bar_chart(
        key="k",
        title="t",
        description="d",
        threshold=1,
        items=[("a", 9), ("b", 3)],
        value_header="v",
        label_header="l",
    )
    texts = re.findall(r'<text[^>]*text-anchor="middle"[^>]*>([^<]*)</text>', chart.svg)
    assert texts == ["0", "2", "4", "6", "8", "10"]


def test_long_labels_wrap_at_spaces_and_bars_stay_narrow():
    assert wrap_label("People with a disability", 20) == ["People with a", "disability"]
    assert wrap_label("Women", 20) == ["Women"]
    chart = charts.bar_chart(
        key="k",
        title="t",
        description="d",
        threshold=1,
        items=[("Health professionals who listen and explain", 12)],
        value_header="v",
        label_header="l",
    )
    width = int(re.search(r'viewBox="0 0 (\d+) ', chart.svg).group(1))
    assert width <= 480
    assert re.findall(r"<tspan[^>]*>([^<]*)</tspan>", chart.svg) == [
        "Health professionals",
        "who listen and expl…",
    ]


def test_heat_map_column_headers_are_written_in_full():
    header = "Health professionals"
    chart = charts.heat_map(
        key="k",
        title="t",
        description="d",
        row_labels=["r"],
        column_labels=[header],
        values=[[12]],
        threshold=1,
        corner_header="x",
    )
    assert f"</title>{header}</text>" in chart.svg
