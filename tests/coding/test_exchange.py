"""REFI-QDA .qdc and CSV codebook exchange."""

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
    code.inclusion_criteria = "The person says nobody heard them."
    code.exclusion_criteria = "Complaints about waiting times only."
    code.example = "« Le médecin ne m’a pas écoutée. »"
    code.save()
    copy = codebook_import_qdc(data=codebook_export_qdc(codebook=book), user=user)
    assert copy.name == book.name and copy.pk != book.pk
    imported = Code.objects.get(codebook=copy, label_en="Not listened to")
    assert imported.parent.label_en == "Prioritise holistic, person-centred care"
    assert imported.label_fr == "Pas écouté·e"
    assert imported.example == code.example
    assert imported.exclusion_criteria == code.exclusion_criteria
    assert Code.objects.filter(codebook=copy, parent=None).count() == 6
    assert Code.objects.filter(codebook=copy).count() == Code.objects.filter(codebook=book).count()
    theme = Code.objects.get(codebook=copy, label_en="Empower through education")
    assert theme.colour == "#1f5f8b" and theme.description_fr.startswith("Une formation")
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
    codes = {c.label_en: c for c in Code.objects.filter(codebook=book)}
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
    Code.objects.filter(codebook=book, key="education").update(example="=HYPERLINK(1)")
    text = codebook_export_csv(codebook=book)
    assert text.splitlines()[0].startswith("key,parent_key,label_en,label_fr")
    assert "'=HYPERLINK(1)" in text  # no formula reaches a spreadsheet
    copy = codebook_import_csv(data=text.encode(), user=user, name="Copy")
    original = {
        c.key: (c.parent.key if c.parent else None, c.label_fr, c.colour, c.example)
        for c in Code.objects.filter(codebook=book)
    }
    imported = {
        c.key: (c.parent.key if c.parent else None, c.label_fr, c.colour, c.example)
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
