"""core.exports: one formula-injection guard for every CSV and XLSX export."""

import csv
import io

import pytest
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from accounts.roles import Role
from coding import services
from core.exports import csv_cell, csv_lines, csv_text, csv_writer, xlsx_cell, xlsx_text
from tests.coding.factories import CodebookFactory, CodeFactory, story
from tests.factories import UserFactory


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_prefixes_get_an_apostrophe(prefix):
    assert csv_cell(prefix + "1+1") == "'" + prefix + "1+1"


@pytest.mark.parametrize("value", ["plain", "", "a=b", "'=already", " =spaced"])
def test_other_text_is_unchanged(value):
    assert csv_cell(value) == value


@pytest.mark.parametrize("value", [None, 3, -3, 2.5, True])
def test_non_text_keeps_its_type(value):
    assert csv_cell(value) is value


def test_lazy_text_is_guarded():
    assert csv_cell(gettext_lazy("=lazy")) == "'=lazy"


def test_csv_lines_yield_one_guarded_line_per_row():
    lines = list(csv_lines([["a", "b"], ["=x", None], [1, "@y"]]))
    assert lines == ["a,b\r\n", "'=x,\r\n", "1,'@y\r\n"]
    assert csv_text([["a"], ["-1"]]) == "a\r\n'-1\r\n"


def test_csv_writer_guards_every_cell():
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["+cmd", "ok"])
    writer.writerows([["=1"], ["two"]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'+cmd", "ok"], ["'=1"], ["two"]]


def test_xlsx_cells_are_text_guarded_and_clean():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("s")
    sheet.append([xlsx_cell(sheet, v) for v in ("=SUM(1)", "bell\x07", 7)])
    out = io.BytesIO()
    workbook.save(out)
    row = next(load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    assert row == ("'=SUM(1)", "bell", 7)
    assert xlsx_text("a\x00b") == "ab"


@pytest.mark.django_db
def test_agreement_csv_guards_code_labels(client_for):
    a, b = (UserFactory(roles=[Role.RESEARCHER], display_name=n) for n in ("Ana", "Ben"))
    book = CodebookFactory()
    code = CodeFactory(codebook=book, key="heard", label_en="=HYPERLINK(1)")
    s = story()
    services.application_create(testimony=s, code=code, coder=a)
    services.application_create(testimony=s, code=code, coder=b)
    response = client_for(a).get(f"/coding/agreement/?codebook={book.pk}&download=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    labels = {row[2] for row in rows[1:] if row[1] == "heard"}
    assert labels == {"'=HYPERLINK(1)"}
