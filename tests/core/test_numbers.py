"""Figures shown to people follow the reader's language: separators, percent sign, months."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.translation import override

from core import numbers

NB = "\u00a0"
# language: (1234.5, 12.5 %, March 2024)
EXPECTED = {
    "en": ("1,234.5", "12.5%", "March 2024"),
    "fr": (f"1{NB}234,5", f"12,5{NB}%", "mars 2024"),
    "de": ("1.234,5", f"12,5{NB}%", "März 2024"),
    "es": (f"1{NB}234,5", f"12,5{NB}%", "marzo de 2024"),
    "pt-br": ("1.234,5", "12,5%", "Março de 2024"),
    "ja": ("1,234.5", "12.5%", "2024年3月"),
}


@pytest.mark.parametrize("language", EXPECTED)
def test_number_percent_and_month_in_each_language(language):
    figure, share, month = EXPECTED[language]
    with override(language):
        assert numbers.number(1234.5) == figure
        assert numbers.percent(12.5) == share
        assert numbers.month("2024-03") == numbers.month(date(2024, 3, 1))
        assert numbers.month("2024-03").casefold() == month.casefold()


def test_whole_numbers_lose_their_point_and_text_passes_through():
    with override("de"):
        assert numbers.number(3.0) == "3"
        assert numbers.number(12000) == "12.000"
        assert numbers.number(Decimal("0.125"), 2) == "0,13"
        assert numbers.number("fewer than 10") == "fewer than 10"
        assert numbers.number(None) == ""
        assert numbers.percent(None) == ""
        assert numbers.percent(50, 0) == f"50{NB}%"
        assert numbers.month("not a month") == "not a month"


@pytest.mark.parametrize("language", EXPECTED)
def test_template_filters(language):
    figure, share, _month = EXPECTED[language]
    template = Template(
        "{% load entendu_formats %}{{ a|number }}|{{ b|percent }}|{{ c|ratio_percent }}|"
        "{{ d|number }}"
    )
    with override(language):
        out = template.render(Context({"a": 1234.5, "b": 12.5, "c": 0.125, "d": "–"}))
    assert out.split("|")[:2] == [figure, share]
    assert out.split("|")[2] == share.replace("12,5", "13").replace("12.5", "13")
    assert out.split("|")[3] == "–"
