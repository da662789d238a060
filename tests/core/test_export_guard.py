"""Issue 14, point 10: every CSV and XLSX cell the project writes goes through the one guard,
``core.exports.csv_cell``. The source is read for writers that bypass it, and every export path
is run with a stored ``=HYPERLINK(...)`` value that must come out guarded."""

import ast
import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from accounts.roles import Role
from analysis import exporters, selectors
from analysis.selectors import AnalysisFilters
from coding import services as coding_services
from core.exports import FORMULA_PREFIXES, csv_cell, csv_text
from events.models import Event
from tests.analysis.factories import apply, codebook_with_themes, story
from tests.coding.factories import CodebookFactory, CodeFactory
from tests.coding.factories import story as coding_story
from tests.factories import EventFacilitatorFactory, EventFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "core", "events", "testimonies", "coding", "nlp", "analysis", "config")
EVIL = '=HYPERLINK("http://evil.example","Click")'


def _modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_no_module_writes_csv_or_xlsx_around_the_guard():
    bypass = []
    for path, tree in _modules():
        if path == ROOT / "core" / "exports.py":
            continue
        uses_openpyxl = any(
            isinstance(node, ast.ImportFrom | ast.Import)
            and any("openpyxl" in (getattr(node, "module", "") or a.name) for a in node.names)
            for node in ast.walk(tree)
        )
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            name = node.func.attr
            if name in ("writer", "DictWriter") and getattr(node.func.value, "id", "") == "csv":
                bypass.append(f"{path.relative_to(ROOT)}:{node.lineno} csv.{name}")
            if uses_openpyxl and name == "append":
                guarded = node.args and getattr(node.args[0], "func", None) is not None
                if not guarded or getattr(node.args[0].func, "id", "") != "xlsx_row":
                    bypass.append(f"{path.relative_to(ROOT)}:{node.lineno} unguarded append")
    assert bypass == []


@pytest.mark.parametrize(
    "value", ["=1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "＝1", "＋1", "－1", "＠SUM(A1)"]
)
def test_every_formula_prefix_including_full_width_is_guarded(value):
    assert csv_cell(value) == "'" + value
    assert value[0] in "".join(FORMULA_PREFIXES)


@pytest.mark.parametrize("value", [-1, 2.5, 0, -0.25])
def test_numbers_stay_numbers(value):
    assert csv_cell(value) == value
    assert csv_text([[value]]).strip() == str(value)


def _cells_of_csv(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _cells_of_xlsx(data: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(data), read_only=True)
    return [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    ]


def _assert_guarded(cells: list[str]) -> None:
    evil = [c for c in cells if "HYPERLINK" in c]
    assert evil, "the stored value did not reach the export"
    assert all(c.startswith("'") for c in evil), evil
    assert not any(c.startswith(FORMULA_PREFIXES) for c in cells)


def _body(response) -> str:
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.django_db
def test_events_csv(client_for, facilitator):
    event = EventFactory()
    EventFacilitatorFactory(event=event, user=facilitator)
    Event.objects.filter(pk=event.pk).update(title=EVIL, description=EVIL)
    _assert_guarded(_cells_of_csv(_body(client_for(facilitator).get("/events/export.csv"))))


@pytest.mark.django_db
def test_codebook_csv_page_and_api(client_for, researcher):
    book = CodebookFactory()
    CodeFactory(codebook=book, key="evil", label_en=EVIL)
    c = client_for(researcher)
    _assert_guarded(_cells_of_csv(_body(c.get(f"/coding/codebooks/{book.slug}/export.csv"))))
    api = c.get(f"/api/v1/codebooks/{book.pk}/export/?type=csv")
    _assert_guarded(_cells_of_csv(_body(api)))


@pytest.mark.django_db
def test_agreement_csv(client_for):
    a, b = (UserFactory(roles=[Role.RESEARCHER], display_name=n) for n in ("Ana", "Ben"))
    book = CodebookFactory()
    code = CodeFactory(codebook=book, key="evil", label_en=EVIL)
    s = coding_story()
    coding_services.application_create(testimony=s, code=code, coder=a)
    coding_services.application_create(testimony=s, code=code, coder=b)
    response = client_for(a).get(f"/coding/agreement/?codebook={book.pk}&download=csv")
    _assert_guarded(_cells_of_csv(_body(response)))


@pytest.fixture
def analysed(researcher):
    _book, themes = codebook_with_themes(2)
    themes[0].translations = {"en": {"label": EVIL}}
    themes[0].save()
    event = EventFactory(country="FR", title=EVIL)
    stories = [story(event=event, scopes=("gender",), characteristics={"gender": "woman"})]
    for s in stories:
        apply(s, themes[0], coder=researcher)
    return event


@pytest.mark.django_db
def test_chart_csv(client_for, researcher, analysed):
    c = client_for(researcher)
    _assert_guarded(_cells_of_csv(_body(c.get("/analysis/charts/themes-by.csv?by=event"))))
    _assert_guarded(_cells_of_csv(_body(c.get("/analysis/charts/themes.csv"))))


@pytest.mark.django_db
@pytest.mark.parametrize("dataset", ["stories", "codes", "applications"])
def test_analysis_exports_csv_streamed_and_xlsx(client_for, researcher, analysed, dataset):
    stories = selectors.stories_for_analysis(user=researcher, filters=AnalysisFilters())
    builders = {
        "stories": lambda: exporters.stories_table(stories),
        "codes": lambda: exporters.codes_table(selectors.default_codebook()),
        "applications": lambda: exporters.applications_table(stories),
    }
    out = io.BytesIO()
    exporters.write_csv(builders[dataset](), out)
    _assert_guarded(_cells_of_csv(out.getvalue().decode()))
    out = io.BytesIO()
    table = builders[dataset]()
    table.header = [*table.header, EVIL]  # a header cell is guarded too
    exporters.write_xlsx([table], out)
    _assert_guarded(_cells_of_xlsx(out.getvalue()))
