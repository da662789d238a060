"""Charts, chart tables and quote sheets in the reader's language (de, fr, ja, pt-br, es)."""

import io
import re

import pytest
from django.utils import translation
from django.utils.translation import override

from analysis import charts, exporters, services
from analysis.selectors import AnalysisFilters
from testimonies.models import ConsentMethod, Scope
from tests.analysis.factories import apply, codebook_with_themes, story
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

NB = "\u00a0"
# language: (bar of 1234.5, bar of 12.5 %, 20 % tick (nice steps), month "2024-03")
CHART_TEXT = {
    "de": ("1.234,5", f"12,5{NB}%", f"20{NB}%", "März 2024"),
    "fr": (f"1{NB}234,5", f"12,5{NB}%", f"20{NB}%", "mars 2024"),
    "ja": ("1,234.5", "12.5%", "20%", "2024年3月"),
    "pt-br": ("1.234,5", "12,5%", "20%", "Março de 2024"),
}


@pytest.fixture(autouse=True)
def _english_after():
    """A request leaves its language active in the thread: later tests expect the default."""
    yield
    translation.deactivate()


def svg_texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


@pytest.mark.parametrize("language", CHART_TEXT)
def test_chart_figures_ticks_and_months_are_localised(language):
    figure, share, tick, month = CHART_TEXT[language]
    common = {"key": "k", "title": "t", "description": "d", "threshold": 10}
    with override(language):
        counts = charts.bar_chart(
            items=[("a", 1234.5)], value_header="v", label_header="l", **common
        )
        shares = charts.bar_chart(
            items=[("a", 12.5)], value_header="v", label_header="l", percent=True, **common
        )
        heat = charts.heat_map(
            row_labels=["r"],
            column_labels=["c"],
            values=[[12.5]],
            corner_header="x",
            percent=True,
            **common,
        )
        line = charts.line_chart(
            x_labels=["2024-03"],
            x_display=["März 2024" if language == "de" else month],
            series=[("s", "#1f5f8b", [1500])],
            x_header="m",
            **common,
        )
    assert figure in svg_texts(counts.svg)
    assert share in svg_texts(shares.svg) and tick in svg_texts(shares.svg)
    assert "13" in "".join(svg_texts(heat.svg))  # 12.5 rounds half up, with the sign
    assert month in svg_texts(line.svg)
    assert ("1.500" if language in ("de", "pt-br") else "1") in "".join(svg_texts(line.svg))
    # The data keep their stable key: the CSV and the API say 2024-03.
    assert line.rows[0][0] == "2024-03" and line.table_rows[0][0] == month


@pytest.fixture
def shares(researcher, settings):
    """Eight stories, one of them coded with the first theme: a share of 12.5 %."""
    settings.ENTENDU_SMALL_CELL_THRESHOLD = 1
    _book, themes = codebook_with_themes(2)
    event = EventFactory(country="FR")
    stories = [story(event=event, trust="yes" if i % 2 else "no") for i in range(8)]
    apply(stories[0], themes[0], start=0, end=3, coder=researcher)
    return themes


@pytest.mark.parametrize(
    ("language", "share", "tick"),
    [
        ("de", "12,5", f"20{NB}%"),
        ("fr", "12,5", f"20{NB}%"),
        ("ja", "12.5", "20%"),
        ("pt-br", "12,5", "20%"),
    ],
)
def test_analysis_pages_show_localised_figures(
    shares, client_for, researcher, language, share, tick
):
    c = client_for(researcher)
    c.cookies["django_language"] = language
    body = c.get("/analysis/").content.decode()
    assert f'<html lang="{language}"' in body
    cells = re.findall(r"<td>([^<]*)</td>", body)
    assert share in cells, cells
    trust = c.get("/analysis/trust/").content.decode()
    assert tick in re.findall(r"<text[^>]*>([^<]*)</text>", trust)
    assert "20%" not in trust.replace(tick, "") or tick == "20%"


def quote_sheet_project(researcher):
    book, themes = codebook_with_themes(1)
    themes[0].label_en = themes[0].label_fr = "Q-1"  # a code label is data, not interface
    themes[0].save()
    event = EventFactory(country="FR")
    named = story(
        event=event,
        text="Personne ne m'a écoutée.",
        scopes=("quote_named", "disability", "gender", "age_band"),
        first_name="Zoé",
    )
    apply(named, themes[0], start=0, end=8, coder=researcher)
    anonymous = story(event=event, text="Attente trop longue.", scopes=("quote_anonymous",))
    apply(anonymous, themes[0], start=0, end=7, coder=researcher)


def english_interface() -> list[str]:
    """Every interface string a quote sheet can show, in English."""
    with override("en"):
        strings = [
            *exporters.receipt_labels().values(),
            *[str(label) for label in Scope.labels],
            *[str(label) for label in ConsentMethod.labels],
            "Anonymous participant",
            "Quote sheet",
            "Each quote is shown with the attribution",
            "Generated on",
            "France",
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ]
    return strings


def sheet_text(user, format: str) -> str:
    fh = io.BytesIO()
    services.export_write(
        user=user, dataset="quotes", format=format, filters=AnalysisFilters(), fh=fh
    )
    if format == "html":
        return fh.getvalue().decode()
    from docx import Document

    document = Document(io.BytesIO(fh.getvalue()))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(
        [document.core_properties.title, *(p.text for p in document.paragraphs), *cells]
    )


def test_an_english_quote_sheet_shows_the_english_interface(researcher):
    quote_sheet_project(researcher)
    with override("en"):
        text = sheet_text(researcher, "docx")
    assert "Anonymous participant" in text and "Receipt id" in text and "Zoé, France" in text
    assert "Share whether I have a disability" in text and "“Personne" in text


@pytest.mark.parametrize("language", ["es", "de", "ja", "pt-br"])
@pytest.mark.parametrize("format", ["docx", "html"])
def test_a_quote_sheet_has_no_english_interface_string(researcher, language, format):
    quote_sheet_project(researcher)
    with override(language):
        text = sheet_text(researcher, format)
    assert "Personne" in text and "Attente" in text
    english = [s for s in english_interface() if s in text]
    assert english == []


def test_japanese_labels_are_cut_by_their_width():
    label = "全人的で、その人を中心としたケアを優先する"  # 21 wide characters
    assert charts.label_width(label) == 42 and charts.label_width("abc") == 3
    assert charts.short_label(label, 11) == "全人的で、…"
    assert charts.short_label("Prioritise holistic care", 11) == "Prioritise…"
    chart = charts.bar_chart(
        key="k",
        title="t",
        description="d",
        threshold=10,
        items=[(label, 12)],
        value_header="v",
        label_header="l",
    )
    # Long labels wrap onto two lines measured by width (a wide character counts twice, else
    # the label would run off the left edge); the full label stays in the row's <title>.
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", chart.svg)
    assert lines == ["全人的で、その人を中", "心としたケアを優先…"]
    assert all(charts.label_width(line) <= 20 for line in lines)
    assert f"<title>{label}</title>" in chart.svg
