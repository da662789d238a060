"""Exports at any size (issue 22 point 6): the same content as before, memory flat in the rows.

The writers are measured with tracemalloc at 2,000 and 20,000 rows (no database: the rows are
made here); the whole path from the database at 300 and 1,500 stories in chunks of 50.
``bench/exports.py`` measures a million stories.
"""

import io
import re
import tracemalloc
import uuid
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from analysis import exporters, refiqda, services
from analysis.exporters import sheets
from analysis.selectors import AnalysisFilters
from coding.models import CodeApplication
from core import archives
from testimonies.models import ResearchCopy, Testimony
from tests.analysis.factories import apply, codebook_with_themes, story

TEXT = "Le médecin ne m'a pas écoutée. =SUM(A1) " * 20
WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def peak(write) -> int:
    tracemalloc.start()
    try:
        write()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def table(rows: int) -> exporters.Table:
    header = ["story_id", "language", "text", "trust"]
    return exporters.Table("stories", header, ([f"s{i}", "fr", TEXT, i] for i in range(rows)))


def sources(count: int):
    for i in range(count):
        guid = refiqda.stable_guid("story", i)
        codings = [refiqda.QdaCoding("c1", 0, 10, "u1", WHEN), refiqda.QdaCoding("c2", None, None)]
        yield refiqda.QdaSource(guid, f"Story {i}", TEXT, WHEN, codings=codings)


def qdpx(count: int, fh) -> None:
    code = refiqda.QdaCode(guid="c1", name="Theme", children=[refiqda.QdaCode("c2", "Child")])
    refiqda.write_qdpx(
        fh,
        name="Project",
        users=[refiqda.QdaUser("u1", "Coder 1")],
        codes=[code],
        variables=[],
        sources=sources(count),
        notes=[],
        created=WHEN,
    )


def test_qdpx_memory_is_flat_written_to_a_file(tmp_path, monkeypatch):
    # Both sizes past the archive's spill point, so both measure the steady state.
    monkeypatch.setattr(archives.SpillingZipFile, "spill_every", 100)

    def write(n):
        def run():
            with open(tmp_path / f"p-{n}.qdpx", "wb") as fh:
                qdpx(n, fh)

        return run

    small, large = peak(write(2_000)), peak(write(20_000))
    assert large < small * 1.3, (small, large)


def test_xlsx_and_csv_memory_is_flat_written_to_a_file(tmp_path):
    def write(n, kind):
        def run():
            with open(tmp_path / f"t-{n}.{kind}", "wb") as fh:
                if kind == "csv":
                    exporters.write_csv(table(n), fh)
                else:
                    exporters.write_xlsx([table(n)], fh)

        return run

    for kind in ("csv", "xlsx"):
        small, large = peak(write(2_000, kind)), peak(write(20_000, kind))
        assert large < small * 1.3, (kind, small, large)


def test_a_table_longer_than_a_sheet_goes_on_in_more_sheets(monkeypatch):
    rows = list(table(7).rows)
    monkeypatch.setattr(sheets, "XLSX_MAX_ROWS", 3)  # a header and two rows per sheet
    buffer = io.BytesIO()
    exporters.write_xlsx([table(7), exporters.Table("empty", ["a", "b"], iter(()))], buffer)
    workbook = load_workbook(buffer, read_only=True)
    names = ["stories", "stories (2)", "stories (3)", "stories (4)", "empty"]
    assert workbook.sheetnames == names
    values = [[list(r) for r in workbook[name].values] for name in names]
    assert all(sheet[0] == ["story_id", "language", "text", "trust"] for sheet in values[:4])
    assert [len(sheet) for sheet in values] == [3, 3, 3, 2, 1]
    read = [row for sheet in values[:4] for row in sheet[1:]]
    assert read == rows  # every row once, in order


def test_sheet_parts_reads_lazily():
    consumed = []

    def rows():
        for i in range(5):
            consumed.append(i)
            yield [i]

    parts = exporters.sheets.sheet_parts(rows(), 2)
    first = next(parts)
    assert consumed == [0]
    assert list(first) == [[0], [1]]
    assert [list(part) for part in parts] == [[[2], [3]], [[4]]]
    assert [list(part) for part in exporters.sheets.sheet_parts(iter(()), 2)] == [[]]


# From the database -------------------------------------------------------------------------


@pytest.fixture
def selection(db, researcher):
    _book, themes = codebook_with_themes(2)
    for i in range(3):
        testimony = story(text=f"{i} {TEXT}", scopes=("quote_anonymous",), language="fr")
        apply(testimony, themes[0], start=0, end=5, coder=researcher)
        apply(testimony, themes[1], coder=researcher)
    return themes


def build(user, dataset, fmt) -> bytes:
    buffer = io.BytesIO()
    services.export_write(
        user=user, dataset=dataset, format=fmt, filters=AnalysisFilters(), fh=buffer
    )
    return buffer.getvalue()


def without_clock(xml: bytes) -> bytes:
    """project.qde without the attributes that carry the time of the export."""
    xml = re.sub(rb'(<Project [^>]*?)creationDateTime="[^"]*"', rb"\1", xml)
    return re.sub(rb'name="Entendu selection of [^"]*"', b"", xml)


@pytest.mark.django_db
def test_the_qdpx_is_the_one_zipfile_wrote_before(selection, researcher, monkeypatch):
    """Golden comparison: the archive as today's writer made it (zipfile.ZipFile) and as it is
    now (records spilled after every member): the same members, in the same order, with the
    same bytes."""
    monkeypatch.setattr(refiqda, "SpillingZipFile", zipfile.ZipFile)
    before = build(researcher, "project", "qdpx")
    monkeypatch.setattr(refiqda, "SpillingZipFile", archives.SpillingZipFile)
    monkeypatch.setattr(archives.SpillingZipFile, "spill_every", 1)
    now = build(researcher, "project", "qdpx")
    with zipfile.ZipFile(io.BytesIO(before)) as old, zipfile.ZipFile(io.BytesIO(now)) as new:
        assert new.namelist() == old.namelist() and len(new.namelist()) == 4
        for name in old.namelist():
            if name == "project.qde":
                assert without_clock(new.read(name)) == without_clock(old.read(name))
                assert refiqda.validate_project(new.read(name)) == []
            else:
                assert new.read(name) == old.read(name)


UNIQUE = ("public_id", "withdrawal_code_hash", "withdrawal_id", "submission_key_hash")


def bulk_stories(count: int, themes, coder) -> None:
    """``count`` more stories like the first one of the fixture, in one statement each table."""
    template = Testimony.objects.order_by("id").first()
    copy = ResearchCopy.objects.get(testimony=template)
    fields = {
        f.attname: getattr(template, f.attname)
        for f in Testimony._meta.concrete_fields
        if not f.primary_key and f.attname not in UNIQUE
    }
    created = Testimony.objects.bulk_create(
        Testimony(**fields, withdrawal_code_hash=f"bulk-{count}-{i}") for i in range(count)
    )
    ResearchCopy.objects.bulk_create(
        ResearchCopy(testimony=t, redacted_text=copy.redacted_text, detected_language="fr")
        for t in created
    )
    CodeApplication.objects.bulk_create(
        CodeApplication(testimony=t, code=themes[0], coder=coder, start=0, end=5) for t in created
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "dataset,fmt",
    [("stories", "csv"), ("applications", "xlsx"), ("project", "qdpx")],
)
def test_exports_from_the_database_keep_memory_flat(
    selection, researcher, monkeypatch, tmp_path, dataset, fmt
):
    monkeypatch.setattr(exporters.tables, "CHUNK", 50)
    monkeypatch.setattr(archives.SpillingZipFile, "spill_every", 100)

    def export():
        with open(tmp_path / f"out.{fmt}", "wb") as fh:
            services.export_write(
                user=researcher, dataset=dataset, format=fmt, filters=AnalysisFilters(), fh=fh
            )

    bulk_stories(300, selection, researcher)
    small = peak(export)
    bulk_stories(1_200, selection, researcher)
    large = peak(export)
    assert large < small * 1.3, (small, large)


# The writer's fast paths ---------------------------------------------------------------------


@pytest.mark.parametrize("kind,key", [("user", 1), ("memo", 10**12), ("selection", "ç:0:5:é")])
def test_stable_guid_is_uuid5_in_our_namespace(kind, key):
    expected = str(uuid.uuid5(refiqda.GUID_NAMESPACE, f"{kind}:{key}"))
    assert refiqda.stable_guid(kind, key) == expected


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 1, 2, 3, 4, 5, 999_999, tzinfo=UTC),
        datetime(999, 12, 31, 23, 59, 59),  # naive: taken as UTC
        datetime(2026, 3, 29, 1, 30, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
        datetime(2026, 6, 1, 12, tzinfo=ZoneInfo("Europe/Paris")),
    ],
)
def test_xml_datetime_is_strftime_in_utc(value):
    utc = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    assert refiqda.xml_datetime(value) == utc.strftime("%Y-%m-%dT%H:%M:%SZ").zfill(20)


@pytest.mark.django_db
def test_the_qdpx_reads_no_distinct_query_in_the_models_order(selection, researcher):
    """A DISTINCT over the models' orderings read one row per application (issue 22)."""
    with CaptureQueriesContext(connection) as queries:
        build(researcher, "project", "qdpx")
    distinct = [q["sql"] for q in queries.captured_queries if "DISTINCT" in q["sql"]]
    assert distinct and not [sql for sql in distinct if "ORDER BY" in sql], distinct
