"""REFI-QDA .qdc and CSV codebook exchange."""

import csv
import io
from pathlib import Path

import pytest
from lxml import etree

from accounts.roles import Role
from coding.exchange import (
    NS,
    codebook_export_csv,
    codebook_export_qdc,
    codebook_import_csv,
    codebook_import_qdc,
)
from coding.models import Code, Codebook
from coding.services import codebook_default_seed
from core.exceptions import ApplicationError
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# The REFI-QDA codebook schema imports are validated against (coding/schemas/README.md).
XSD = ROOT / "coding" / "schemas" / "Codebook.xsd"


@pytest.fixture
def schema():
    return etree.XMLSchema(etree.parse(str(XSD)))


@pytest.fixture
def user():
    return UserFactory(roles=[Role.RESEARCHER])


def test_default_codebook_exports_valid_qdc_with_a_non_codable_root(schema):
    book = codebook_default_seed()
    Code.objects.filter(codebook=book, key="person_centred").update(is_exclusive_group=True)
    data = codebook_export_qdc(codebook=book)
    doc = etree.fromstring(data)
    schema.assertValid(doc)
    roots = doc.findall(f"{{{NS}}}Codes/{{{NS}}}Code")
    assert len(roots) == 1 and roots[0].get("isCodable") == "false"
    themes = roots[0].findall(f"{{{NS}}}Code")
    assert [t.get("name") for t in themes][:2] == [
        "Empower through education",
        "Champion diversity in research",
    ]
    assert len(themes) == 6 and all(t.get("isCodable") == "true" for t in themes)
    person = next(t for t in themes if t.get("name").startswith("Prioritise"))
    assert "Not listened to" in [c.get("name") for c in person.findall(f"{{{NS}}}Code")]
    assert doc.find(f"{{{NS}}}Sets/{{{NS}}}Set") is not None


def test_qdc_without_groups_has_no_empty_sets(schema):
    book = codebook_default_seed()
    doc = etree.fromstring(codebook_export_qdc(codebook=book))
    schema.assertValid(doc)
    assert doc.find(f"{{{NS}}}Sets") is None


def test_qdc_round_trip_keeps_tree_labels_criteria_and_colours(user, schema):
    book = codebook_default_seed()
    code = Code.objects.get(codebook=book, key="not_listened_to")
    code.translations["fr"]["example"] = "« Le médecin ne m’a pas écoutée. »"
    code.translations["en"]["exclusion_criteria"] = "Complaints about waiting times only."
    code.save()
    copy = codebook_import_qdc(data=codebook_export_qdc(codebook=book), user=user)
    assert copy.name == book.name and copy.pk != book.pk
    imported = Code.objects.get(codebook=copy, translations__en__label="Not listened to")
    assert imported.parent.text("label", "en").text == "Prioritise holistic, person-centred care"
    assert imported.translations == code.translations  # every text of every language
    assert Code.objects.filter(codebook=copy, parent=None).count() == 6
    assert Code.objects.filter(codebook=copy).count() == Code.objects.filter(codebook=book).count()
    theme = Code.objects.get(codebook=copy, translations__en__label="Empower through education")
    assert theme.colour == "#1f5f8b"
    assert theme.translations["fr"]["description"].startswith("Une formation")
    assert copy.versions.count() == 2
    schema.assertValid(etree.fromstring(codebook_export_qdc(codebook=copy)))


def test_qdc_from_another_tool_imports(user):
    data = f"""<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="{NS}" origin="QualCoder">
  <Codes>
    <Code guid="{{11111111-2222-3333-4444-555555555555}}" name="Access" isCodable="true"
          color="#F00">
      <Description>Barriers to care</Description>
      <Code guid="21111111-2222-3333-4444-555555555555" name="Cost" isCodable="true"/>
    </Code>
    <Code guid="31111111-2222-3333-4444-555555555555" name="Trust" isCodable="true"/>
  </Codes>
</CodeBook>""".encode()
    book = codebook_import_qdc(data=data, user=user, name="From QualCoder")
    codes = {c.translations["en"]["label"]: c for c in Code.objects.filter(codebook=book)}
    assert set(codes) == {"Access", "Cost", "Trust"}
    assert codes["Cost"].parent == codes["Access"]
    assert codes["Access"].colour == "#ff0000"
    assert str(codes["Access"].guid) == "11111111-2222-3333-4444-555555555555"


@pytest.mark.parametrize(
    "data",
    [
        b"not xml",
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>',
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code name="x" isCodable="true"/>'
        b"</Codes></CodeBook>",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="11111111-2222-3333-'
        b'4444-555555555555" name="&e;" isCodable="true"/></Codes></CodeBook>',
    ],
)
def test_invalid_qdc_is_refused_and_nothing_saved(user, data):
    before = Codebook.objects.count()
    with pytest.raises(ApplicationError) as exc:
        codebook_import_qdc(data=data, user=user)
    assert "file" in exc.value.field_errors
    assert Codebook.objects.count() == before


def test_csv_round_trip(user):
    book = codebook_default_seed()
    education = Code.objects.get(codebook=book, key="education")
    education.translations["en"]["example"] = "=HYPERLINK(1)"
    education.save()
    text = codebook_export_csv(codebook=book)
    header = text.splitlines()[0].split(",")
    assert header[:6] == [
        "key",
        "parent_key",
        "label",
        "label_fallback",
        "label_en",
        "description_en",
    ]
    assert {"label_fr", "example_pt-br", "example_ja", "inclusion_criteria_de"} <= set(header)
    assert "'=HYPERLINK(1)" in text  # no formula reaches a spreadsheet
    copy = codebook_import_csv(data=text.encode(), user=user, name="Copy")
    original = {
        c.key: (c.parent.key if c.parent else None, c.translations, c.colour)
        for c in Code.objects.filter(codebook=book)
    }
    imported = {
        c.key: (c.parent.key if c.parent else None, c.translations, c.colour)
        for c in Code.objects.filter(codebook=copy)
    }
    assert imported == original


def test_csv_with_errors_is_refused_whole(user):
    data = (
        "key,parent_key,label_en,label_fr,colour\n"
        "care,,Care,Soins,#112233\n"
        "heard,missing,Heard,Écouté,#112233\n"
        "bad key!,,Bad,Mauvais,blue\n"
    ).encode()
    before = Codebook.objects.count()
    with pytest.raises(ApplicationError) as exc:
        codebook_import_csv(data=data, user=user, name="Broken")
    messages = exc.value.field_errors["file"]
    assert any(m.startswith("Row 3") for m in messages)
    assert any(m.startswith("Row 4") for m in messages)
    assert Codebook.objects.count() == before
    with pytest.raises(ApplicationError):
        codebook_import_csv(data=b"name\nx\n", user=user, name="No columns")


def test_exports_in_the_language_asked_for_with_english_where_a_code_has_none(user, schema):
    book = codebook_default_seed()
    extra = Code.objects.create(
        codebook=book, key="only_english", translations={"en": {"label": "Only English"}}
    )
    doc = etree.fromstring(codebook_export_qdc(codebook=book, language="ja"))
    schema.assertValid(doc)
    names = {c.get("guid"): c for c in doc.iter(f"{{{NS}}}Code")}
    education = Code.objects.get(codebook=book, key="education")
    element = names[str(education.guid)]
    assert element.get("name") == "教育で力をつける"
    assert "Language: ja" in element.findtext(f"{{{NS}}}Description")
    fallback = names[str(extra.guid)]
    assert fallback.get("name") == "Only English"
    assert "Language: en" in fallback.findtext(f"{{{NS}}}Description")
    rows = list(csv.DictReader(io.StringIO(codebook_export_csv(codebook=book, language="de"))))
    by_key = {row["key"]: row for row in rows}
    assert by_key["education"]["label"] == "Durch Bildung stärken"
    assert by_key["education"]["label_fallback"] == "no"
    assert by_key["only_english"]["label"] == "Only English"
    assert by_key["only_english"]["label_fallback"] == "yes"


def test_qdc_import_reads_names_in_the_language_given_or_named_in_the_file(user):
    data = f"""<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="{NS}" origin="Other">
  <Codes>
    <Code guid="41111111-2222-3333-4444-555555555555" name="Écoute" isCodable="true">
      <Description>Être entendu·e.
Label (en): Listening
Inclusion criteria: Older export: English</Description>
    </Code>
    <Code guid="51111111-2222-3333-4444-555555555555" name="聞く" isCodable="true">
      <Description>Language: ja</Description>
    </Code>
  </Codes>
</CodeBook>""".encode()
    book = codebook_import_qdc(data=data, user=user, name="French file", language="fr")
    listening, kiku = Code.objects.filter(codebook=book).order_by("position", "id")
    assert listening.translations == {
        "fr": {"label": "Écoute", "description": "Être entendu·e."},
        "en": {"label": "Listening", "inclusion_criteria": "Older export: English"},
    }
    # No English label in the file: the name stands in for it, so the code is still valid.
    assert kiku.translations == {"ja": {"label": "聞く"}, "en": {"label": "聞く"}}


def test_csv_import_takes_any_language_column_and_the_older_columns(user):
    data = (
        b"key,parent_key,label_en,label_fr,description_en,inclusion_criteria,example,label_pt-BR\n"
        b"care,,Care,Soins,About care,Any care,I was cared for,Cuidado\n"
    )
    book = codebook_import_csv(data=data, user=user, name="Older")
    code = Code.objects.get(codebook=book)
    assert code.translations == {
        "en": {
            "label": "Care",
            "description": "About care",
            "inclusion_criteria": "Any care",
            "example": "I was cared for",
        },
        "fr": {"label": "Soins"},
        "pt-br": {"label": "Cuidado"},
    }


def test_csv_without_an_english_label_is_refused(user):
    with pytest.raises(ApplicationError) as exc:
        codebook_import_csv(data=b"key,label_en,label_fr\ncare,,Soins\n", user=user, name="x")
    assert "Row 2" in " ".join(exc.value.field_errors["file"])
