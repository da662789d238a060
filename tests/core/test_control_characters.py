"""Control characters (issue 14, point 8): removed at every text input by one step
(``core.validation.clean_text``), and escaped by every XML export, so that a control character
already in the database never breaks an export."""

import io
import zipfile

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from lxml import etree
from rest_framework.test import APIClient

from analysis import refiqda, services
from analysis.selectors import AnalysisFilters
from coding import exchange
from coding.models import Code, Codebook, Memo
from core.middleware import CleanFormTextMiddleware
from core.validation import clean_text, xml_text
from tests.coding.factories import CodebookFactory, CodeFactory, MemoFactory

CONTROLS = "\x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x80\x85\x9f"
KEPT = "Zoé\t🙂 日本語\nحسن\r\nok"
DIRTY = "A" + CONTROLS + "B"
# NOTE: what a database can hold (PostgreSQL refuses NUL in text).
STORED = DIRTY.replace("\x00", "")


def test_clean_text_removes_control_characters_and_keeps_normal_text():
    assert clean_text(DIRTY) == "AB"
    assert clean_text(KEPT) == KEPT
    assert clean_text(None) is None
    assert clean_text(3) == 3


def test_xml_text_keeps_what_xml_holds():
    assert xml_text("a\x00b\x1bc\ufffe") == "abc"
    assert xml_text(KEPT) == KEPT
    assert xml_text(None) is None


@pytest.fixture
def api(researcher):
    client = APIClient()
    client.force_authenticate(researcher)
    return client


@pytest.mark.parametrize("fmt", ["json", "multipart"])
def test_the_api_removes_control_characters_from_what_it_stores(api, fmt):
    response = api.post(
        "/api/v1/memos/",
        {"kind": "project", "title": "T" + CONTROLS + "itle", "body": DIRTY + KEPT},
        format=fmt,
    )
    assert response.status_code == 201, response.content
    memo = Memo.objects.get(pk=response.json()["id"])
    assert memo.title == "Title"
    assert memo.body == "AB" + KEPT


def test_the_api_cleans_text_inside_json_objects(api, admin_user):
    api.force_authenticate(admin_user)
    book = CodebookFactory()
    response = api.post(
        "/api/v1/codes/",
        {"codebook": book.pk, "key": "k1", "translations": {"en": {"label": "La\x1bbel"}}},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert Code.objects.get(pk=response.json()["id"]).translations["en"]["label"] == "Label"


def test_the_pages_forms_receive_clean_text():
    request = RequestFactory().post("/events/new/", {"title": DIRTY, "notes": KEPT})
    middleware = CleanFormTextMiddleware(lambda r: HttpResponse())
    assert middleware.process_view(request, None, (), {}) is None
    assert request.POST["title"] == "AB"
    assert request.POST["notes"] == KEPT


def test_the_csv_importer_removes_control_characters(researcher):
    data = b"key,label_en\nk1,Tru\x1bst\x00ed\n"
    book = exchange.codebook_import_csv(data=data, user=researcher, name="Imported")
    assert book.codes.get().translations["en"]["label"] == "Trusted"


@pytest.fixture
def dirty_codebook(db):
    """What an older version could store: control characters written straight to the rows."""
    book = CodebookFactory()
    CodeFactory(codebook=book, label_en="Code")
    Codebook.objects.filter(pk=book.pk).update(name=STORED, description="De\x01sc\x85")
    Code.objects.filter(codebook=book).update(
        translations={"en": {"label": "La\x01bel", "description": "D\x1bx"}}
    )
    return Codebook.objects.get(pk=book.pk)


def test_a_qdc_export_of_stored_control_characters_succeeds(dirty_codebook, api, researcher):
    data = exchange.codebook_export_qdc(codebook=dirty_codebook)
    document = etree.fromstring(data)  # noqa: S320 - our own output
    names = [el.get("name") for el in document.iter() if el.get("name")]
    # NOTE: C1 characters are legal in XML 1.0 and kept; C0 ones are not and are removed.
    assert xml_text(STORED) in names and "Label" in names
    assert "\x01" not in xml_text(STORED) and "\x1b" not in xml_text(STORED)
    response = api.get(f"/api/v1/codebooks/{dirty_codebook.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert exchange.codebook_import_qdc(data=response.content, user=researcher)


def test_a_qdpx_export_of_stored_control_characters_succeeds(dirty_codebook, researcher):
    MemoFactory(author=researcher)
    Memo.objects.filter(author=researcher).update(title="M\x0bemo", body="Bo\x07dy \x9f")
    buffer = io.BytesIO()
    services.export_write(
        user=researcher, dataset="project", format="qdpx", filters=AnalysisFilters(), fh=buffer
    )
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        xml = archive.read("project.qde")
    assert refiqda.validate_project(xml) == []
    assert b"Memo" in xml
