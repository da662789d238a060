"""Suppression, trust gaps, charts and the REFI-QDA writer: pure functions, no database."""

import csv
import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from analysis import charts, refiqda
from analysis.suppression import is_suppressed, suppress_count, suppress_matrix, suppress_share
from analysis.trust import TrustRow, trust_gaps

# The REFI-QDA project schema, kept in the repository (analysis/schemas/README.md says its source).
PROJECT_XSD = Path(__file__).resolve().parents[2] / "analysis" / "schemas" / "Project.xsd"


# Suppression -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "hidden"), [(0, False), (1, True), (9, True), (10, False), (250, False)]
)
def test_counts_under_the_threshold_are_hidden_but_zero_is_shown(count, hidden):
    assert is_suppressed(count, threshold=10) is hidden
    assert suppress_count(count, threshold=10) == (None if hidden else count)


def test_threshold_is_configurable():
    assert suppress_count(4, threshold=3) == 4
    assert suppress_count(4, threshold=5) is None


def test_a_share_on_a_small_base_shows_nothing():
    share = suppress_share(3, 9, threshold=10)
    assert share.suppressed and share.numerator is None and share.denominator is None


def test_a_share_on_a_large_base_keeps_the_percentage_and_hides_a_small_numerator():
    share = suppress_share(4, 40, threshold=10)
    assert share.percent == 10.0 and share.numerator is None and share.denominator == 40
    assert suppress_share(20, 40, threshold=10).numerator == 20


def test_matrix_suppression_hides_each_small_cell():
    assert suppress_matrix({"a": {"x": 3, "y": 30}}, threshold=10) == {"a": {"x": None, "y": 30}}


def test_threshold_reads_the_setting(settings):
    from analysis.suppression import suppression_threshold

    settings.ENTENDU_SMALL_CELL_THRESHOLD = 5
    assert suppression_threshold() == 5
    settings.ENTENDU_SMALL_CELL_THRESHOLD = 0
    assert suppression_threshold() == 1


# Trust gaps --------------------------------------------------------------------------------


def report_rows() -> list[TrustRow]:
    """The report's example: 82% of ethnic-minority disabled people against 47% in neither."""
    # memberships: (ethnic_minority, disability)
    return [
        TrustRow((True, True), True, 82),
        TrustRow((True, True), False, 18),
        TrustRow((False, False), True, 47),
        TrustRow((False, False), False, 53),
        TrustRow((True, False), True, 30),
        TrustRow((True, False), False, 20),
        TrustRow((None, True), True, 5),  # disability shared, ethnicity not
        TrustRow((None, None), False, 500),  # shared nothing: in no base
    ]


def test_intersection_gap_reproduces_the_report():
    gaps = {g.key: g for g in trust_gaps(report_rows(), ["minority", "disability"], threshold=10)}
    both = gaps["minority+disability"]
    assert both.share.percent == 82.0 and both.share.denominator == 100
    assert both.reference.percent == 47.0 and both.reference.denominator == 100
    assert both.gap_points == 35.0


def test_single_group_is_compared_with_those_known_outside_it():
    gaps = {g.key: g for g in trust_gaps(report_rows(), ["minority", "disability"], threshold=10)}
    minority = gaps["minority"]
    assert minority.share.denominator == 150 and minority.share.numerator == 112
    assert minority.reference.denominator == 100  # (False, False) only; (None, True) is unknown
    disability = gaps["disability"]
    assert disability.share.denominator == 105  # includes the person who did not share ethnicity
    assert disability.reference.denominator == 150


def test_small_intersections_are_suppressed_with_no_gap():
    rows = [TrustRow((True, True), True, 4), TrustRow((False, False), True, 50)]
    gap = trust_gaps(rows, ["a", "b"], threshold=10)[-1]
    assert gap.share.suppressed and gap.gap_points is None
    assert gap.reference.percent == 100.0


# Charts ------------------------------------------------------------------------------------


def parse_svg(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode())  # noqa: S320


def test_bar_chart_is_accessible_self_contained_svg():
    chart = charts.bar_chart(
        key="themes",
        title="Themes <all>",
        description="Stories per theme",
        items=[("Education", 42), ("Research & data", None)],
        value_header="Stories",
        label_header="Theme",
        threshold=10,
    )
    root = parse_svg(chart.svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-themes-title"
    assert root.find(f"{ns}title").text == "Themes <all>"
    assert root.find(f"{ns}desc").text == "Stories per theme"
    assert "http" not in chart.svg.replace("http://www.w3.org/2000/svg", "")
    assert "suppressed" in chart.svg
    rows = list(csv.reader(io.StringIO(chart.csv_text())))
    assert rows == [["Theme", "Stories"], ["Education", "42"], ["Research & data", "fewer than 10"]]


def test_heat_map_cells_keep_text_contrast():
    chart = charts.heat_map(
        key="co",
        title="Co-occurrence",
        description="d",
        row_labels=["a", "b"],
        column_labels=["a", "b"],
        values=[[100, None], [None, 1]],
        threshold=10,
        corner_header="Code",
    )
    parse_svg(chart.svg)
    dark_fill, dark_text = charts.scale_colour(1.0)
    light_fill, light_text = charts.scale_colour(0.0)
    assert dark_text == "#ffffff" and light_text == charts.INK
    assert chart.rows[0] == ["a", 100, None]
    assert chart.display_rows[0] == ["a", 100, "fewer than 10"]


def test_line_chart_breaks_at_suppressed_points():
    chart = charts.line_chart(
        key="time",
        title="Over time",
        description="d",
        x_labels=["2026-01", "2026-02", "2026-03"],
        series=[("Education", "#1f5f8b", [12, None, 15])],
        threshold=10,
        x_header="Month",
    )
    root = parse_svg(chart.svg)
    assert not root.findall(".//{http://www.w3.org/2000/svg}polyline")  # no segment of 2 points
    assert len(root.findall(".//{http://www.w3.org/2000/svg}circle")) == 2


def test_labels_are_escaped_in_svg():
    chart = charts.bar_chart(
        key="x",
        title="t",
        description="d",
        items=[('<script>alert("x")</script>', 12)],
        value_header="v",
        label_header="l",
        threshold=10,
    )
    assert "<script>" not in chart.svg


# REFI-QDA ----------------------------------------------------------------------------------


def sample_project(target) -> None:
    when = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    coder = refiqda.QdaUser(refiqda.stable_guid("user", 1), "Coder One")
    theme = refiqda.QdaCode(refiqda.stable_guid("code", 1), "Education", colour="#1f5f8b")
    child = refiqda.QdaCode(refiqda.stable_guid("code", 2), "Listening")
    theme.children.append(child)
    root = refiqda.QdaCode(
        refiqda.stable_guid("code", "root"), "Themes", is_codable=False, children=[theme]
    )
    variable = refiqda.QdaVariable(
        refiqda.stable_guid("var", "disability"), "Disability", "Boolean"
    )
    memo = refiqda.QdaNote(refiqda.stable_guid("note", 1), "Memo", "A memo é 🙂", when, coder.guid)
    text = "Zoé 🙂 n'a pas été écoutée."
    source = refiqda.QdaSource(
        refiqda.stable_guid("story", 1),
        "Story 1",
        text,
        when,
        codings=[
            refiqda.QdaCoding(child.guid, 6, 26, coder.guid, when),
            refiqda.QdaCoding(theme.guid, 6, 26, coder.guid, when),
            refiqda.QdaCoding(theme.guid, None, None, coder.guid, when),
        ],
        variable_values=[(variable.guid, "Boolean", True)],
        note_guids=[memo.guid],
    )
    refiqda.write_qdpx(
        target,
        name="Selection",
        users=[coder],
        codes=[root],
        variables=[variable],
        sources=iter([source]),
        notes=iter([memo]),
        created=when,
    )


def test_qdpx_is_valid_against_the_shared_schema(tmp_path):
    path = tmp_path / "p.qdpx"
    sample_project(path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("project.qde")
        names = archive.namelist()
    schema = etree.XMLSchema(etree.parse(str(PROJECT_XSD)))
    document = etree.fromstring(xml)  # noqa: S320
    assert schema.validate(document), schema.error_log
    assert refiqda.validate_project(xml) == []
    assert any(n.startswith("sources/") and n.endswith(".txt") for n in names)


def test_qdpx_spans_are_code_points_and_text_has_no_bom(tmp_path):
    path = tmp_path / "p.qdpx"
    sample_project(path)
    ns = {"q": refiqda.NAMESPACE}
    with zipfile.ZipFile(path) as archive:
        document = etree.fromstring(archive.read("project.qde"))  # noqa: S320
        source = document.find(".//q:TextSource", ns)
        raw = archive.read(source.get("plainTextPath").replace("internal://", "sources/"))
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    selections = {
        (int(s.get("startPosition")), int(s.get("endPosition"))): s
        for s in source.findall("q:PlainTextSelection", ns)
    }
    assert text[6:26] == "n'a pas été écoutée."
    assert len(selections[(6, 26)].findall("q:Coding", ns)) == 2
    # The document-level code: a Coding on the source and a selection over the whole text.
    assert (0, len(text)) in selections
    assert len(source.findall("q:Coding", ns)) == 1
    assert source.find("q:VariableValue/q:BooleanValue", ns).text == "true"
    assert source.find("q:NoteRef", ns) is not None


def test_qdpx_codebook_puts_themes_under_a_non_codable_parent(tmp_path):
    path = tmp_path / "p.qdpx"
    sample_project(path)
    ns = {"q": refiqda.NAMESPACE}
    with zipfile.ZipFile(path) as archive:
        document = etree.fromstring(archive.read("project.qde"))  # noqa: S320
    top = document.findall("q:CodeBook/q:Codes/q:Code", ns)
    assert [c.get("isCodable") for c in top] == ["false"]
    assert [c.get("name") for c in top[0].findall("q:Code", ns)] == ["Education"]


def test_guids_are_stable():
    assert refiqda.stable_guid("code", 7) == refiqda.stable_guid("code", 7)
    assert refiqda.stable_guid("code", 7) != refiqda.stable_guid("code", 8)


# Japanese search terms ---------------------------------------------------------------------


def test_a_japanese_query_is_cut_into_the_bigrams_the_index_holds():
    from analysis.fts import cjk_runs, cjk_tsquery

    runs = cjk_runs("「説明する」 doctor 差")
    assert runs == ["説明する", "差"]
    assert cjk_tsquery(runs) == "'説明' & '明す' & 'する' & '差':*"
    assert cjk_runs("the doctor") == []
