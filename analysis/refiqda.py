"""A REFI-QDA project writer (``.qdpx``): the exchange format of NVivo, ATLAS.ti, MAXQDA, QualCoder.

The archive holds ``project.qde`` (XML in ``urn:QDA-XML:project:1.0``) and ``sources/<GUID>.txt``.
Rules followed (REFI-QDA 1.5; the schema and its source: analysis/schemas/README.md):

- source texts are UTF-8 without a byte-order mark (a BOM shifts every span in some importers);
- selections count Unicode code points from 0, end exclusive (``text[start:end]``);
- a document-level code is written as a ``Coding`` on the source and also as a
  ``PlainTextSelection`` covering the whole text, because some importers drop the former;
- every selection and note carries ``creationDateTime``.

Memory stays bounded whatever the selection: the XML is written element by element to a
temporary file (``lxml.etree.xmlfile``), each source text goes into the archive as it comes, and
only then is the XML added to the archive; the archive's per-member records wait on disk too
(``core.archives.SpillingZipFile``), so a million sources fit in the same memory as a hundred.
"""

import hashlib
import tempfile
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from lxml import etree

from core.archives import SpillingZipFile
from core.validation import xml_text

NAMESPACE = "urn:QDA-XML:project:1.0"
SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "Project.xsd"
# NOTE: uuid5 in our own namespace makes GUIDs stable across exports of the same rows, so a
# researcher re-importing an updated project into their QDA tool gets matching codes.
GUID_NAMESPACE = uuid.UUID("6f1b2d1e-5c1a-4b8e-9a57-3c0e1f7d2a10")


_GUID_PREFIX = GUID_NAMESPACE.bytes


def stable_guid(kind: str, key) -> str:
    """``str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}"))``, without building a ``UUID``: a
    source's selections and codings take several each, a third of a .qdpx's Python time."""
    # NOTE: uuid5 is SHA-1 by definition (RFC 4122), an identifier, not a security use.
    digest = bytearray(
        hashlib.sha1(_GUID_PREFIX + f"{kind}:{key}".encode(), usedforsecurity=False).digest()
    )
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest[:16].hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


@dataclass
class QdaUser:
    guid: str
    name: str


@dataclass
class QdaCode:
    guid: str
    name: str
    is_codable: bool = True
    colour: str | None = None
    description: str = ""
    note_guids: list[str] = field(default_factory=list)
    children: list["QdaCode"] = field(default_factory=list)


@dataclass
class QdaVariable:
    guid: str
    name: str
    type: str = "Text"  # Text, Boolean, Integer, Float, Date, DateTime
    description: str = ""


@dataclass
class QdaCoding:
    code_guid: str
    start: int | None  # None: the whole document
    end: int | None
    user_guid: str | None = None
    created: datetime | None = None


@dataclass
class QdaSource:
    guid: str
    name: str
    text: str
    created: datetime | None = None
    description: str = ""
    codings: list[QdaCoding] = field(default_factory=list)
    variable_values: list[tuple[str, str, object]] = field(default_factory=list)  # guid, type, v
    note_guids: list[str] = field(default_factory=list)


@dataclass
class QdaNote:
    guid: str
    name: str
    text: str
    created: datetime | None = None
    user_guid: str | None = None
    modified: datetime | None = None


def xml_datetime(value: datetime | None) -> str:
    value = value or datetime.now(UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    elif value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    # NOTE: formatted by hand: strftime is several times slower, and every source, selection
    # and coding carries a date (the same text: tests/analysis/test_export_streaming.py).
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        f"T{value.hour:02d}:{value.minute:02d}:{value.second:02d}Z"
    )


def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def _element(tag: str, attrs: dict) -> etree._Element:
    """A top-level element in the default namespace (no ``ns0:`` prefixes in the output)."""
    # NOTE: every stored text goes through xml_text: a control character in the database (from
    # before inputs were cleaned) never breaks the export.
    safe = {key: xml_text(value) for key, value in attrs.items()}
    return etree.Element(_q(tag), safe, nsmap={None: NAMESPACE})


def _code_element(code: QdaCode) -> etree._Element:
    attrs = {
        "guid": code.guid,
        "name": code.name,
        "isCodable": "true" if code.is_codable else "false",
    }
    if code.colour:
        attrs["color"] = code.colour
    element = _element("Code", attrs)
    if code.description:
        etree.SubElement(element, _q("Description")).text = xml_text(code.description)
    for guid in code.note_guids:
        etree.SubElement(element, _q("NoteRef"), {"targetGUID": guid})
    for child in code.children:
        element.append(_code_element(child))
    return element


def _coding_element(parent, coding: QdaCoding, guid: str) -> None:
    attrs = {"guid": guid, "creationDateTime": xml_datetime(coding.created)}
    if coding.user_guid:
        attrs["creatingUser"] = coding.user_guid
    element = etree.SubElement(parent, _q("Coding"), attrs)
    etree.SubElement(element, _q("CodeRef"), {"targetGUID": coding.code_guid})


def _value_element(parent, variable_guid: str, kind: str, value) -> None:
    element = etree.SubElement(parent, _q("VariableValue"))
    etree.SubElement(element, _q("VariableRef"), {"targetGUID": variable_guid})
    if kind == "Boolean":
        etree.SubElement(element, _q("BooleanValue")).text = "true" if value else "false"
    elif kind == "Integer":
        etree.SubElement(element, _q("IntegerValue")).text = str(int(value))
    else:
        etree.SubElement(element, _q("TextValue")).text = xml_text(str(value))


def source_element(source: QdaSource) -> etree._Element:
    """The ``TextSource`` element of one source, with its selections and codings."""
    length = len(source.text)  # code points: Python strings index code points
    element = _element(
        "TextSource",
        {
            "guid": source.guid,
            "name": source.name,
            "plainTextPath": f"internal://{source.guid}.txt",
            "creationDateTime": xml_datetime(source.created),
        },
    )
    if source.description:
        etree.SubElement(element, _q("Description")).text = xml_text(source.description)
    # One selection per passage AND coder (issue 21): consumers read the coder from the
    # selection's creatingUser and keep one coding per code, passage and coder.
    spans: dict[tuple[int, int, str], list[QdaCoding]] = defaultdict(list)
    whole: list[QdaCoding] = []
    for coding in source.codings:
        if coding.start is None or coding.end is None:
            whole.append(coding)
            spans[(0, length, coding.user_guid or "")].append(coding)
        else:
            start = max(0, min(coding.start, length))
            end = max(start, min(coding.end, length))
            spans[(start, end, coding.user_guid or "")].append(coding)
    for (start, end, user_guid), codings in sorted(spans.items()):
        _selection_element(element, source.guid, start, end, user_guid, codings)
    for coding in whole:
        _coding_element(
            element,
            coding,
            stable_guid("doc-coding", f"{source.guid}:{coding.code_guid}:{coding.user_guid}"),
        )
    for guid in source.note_guids:
        etree.SubElement(element, _q("NoteRef"), {"targetGUID": guid})
    for variable_guid, kind, value in source.variable_values:
        _value_element(element, variable_guid, kind, value)
    return element


def _selection_element(parent, source_guid, start, end, user_guid, codings) -> None:
    attrs = {
        "guid": stable_guid("selection", f"{source_guid}:{start}:{end}:{user_guid}"),
        "startPosition": str(start),
        "endPosition": str(end),
        "creationDateTime": xml_datetime(
            min((c.created for c in codings if c.created), default=None)
        ),
    }
    if user_guid:
        attrs["creatingUser"] = user_guid
    selection = etree.SubElement(parent, _q("PlainTextSelection"), attrs)
    for coding in codings:
        whole = "doc" if coding.start is None else ""
        key = f"{source_guid}:{start}:{end}:{coding.code_guid}:{coding.user_guid}:{whole}"
        _coding_element(selection, coding, stable_guid("coding", key))


def note_element(note: QdaNote) -> etree._Element:
    """A memo: its text inline AND in ``sources/<guid>.txt`` (some consumers read only one)."""
    attrs = {
        "guid": note.guid,
        "name": note.name,
        "plainTextPath": f"internal://{note.guid}.txt",
        "creationDateTime": xml_datetime(note.created),
    }
    if note.user_guid:
        attrs["creatingUser"] = note.user_guid
        attrs["modifyingUser"] = note.user_guid
    if note.modified:
        attrs["modifiedDateTime"] = xml_datetime(note.modified)
    element = _element("Note", attrs)
    etree.SubElement(element, _q("PlainTextContent")).text = xml_text(note.text)
    return element


def _write_notes(xf, archive, notes: Iterable[QdaNote]) -> None:
    def elements():
        for note in notes:
            archive.writestr(f"sources/{note.guid}.txt", xml_text(note.text).encode("utf-8"))
            yield note_element(note)

    _write_each(xf, "Notes", elements())


def write_qdpx(
    target,
    *,
    name: str,
    users: Sequence[QdaUser],
    codes: Sequence[QdaCode],
    variables: Sequence[QdaVariable],
    sources: Iterable[QdaSource],
    notes: Iterable[QdaNote],
    project_note_guids: Sequence[str] = (),
    created: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write a ``.qdpx`` archive to ``target`` (a path or binary file); return the source count."""
    with (
        SpillingZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        tempfile.TemporaryFile() as xml_buffer,
    ):
        with etree.xmlfile(xml_buffer, encoding="utf-8") as xf:
            xf.write_declaration()
            project_attrs = {
                "name": xml_text(name),
                "origin": "Entendu",
                "creationDateTime": xml_datetime(created),
            }
            with xf.element(_q("Project"), project_attrs, nsmap={None: NAMESPACE}):
                _write_users(xf, users)
                _write_codebook(xf, codes)
                _write_variables(xf, variables)
                count = _write_sources(xf, archive, sources, progress)
                _write_notes(xf, archive, notes)
                for guid in project_note_guids:
                    xf.write(_element("NoteRef", {"targetGUID": guid}))
        xml_buffer.seek(0)
        with archive.open("project.qde", "w") as entry:
            while chunk := xml_buffer.read(1 << 16):
                entry.write(chunk)
    return count


def _write_each(xf, tag: str, elements: Iterable[etree._Element]) -> int:
    """Write ``elements`` inside ``<tag>``, opened only if there is one: an empty
    ``<Sources/>`` or ``<Notes/>`` is invalid against the schema. Return how many."""
    count = 0
    opened = None
    for element in elements:
        if opened is None:
            opened = xf.element(_q(tag))
            opened.__enter__()
        xf.write(element)
        count += 1
    if opened is not None:
        opened.__exit__(None, None, None)
    return count


def _write_users(xf, users: Sequence[QdaUser]) -> None:
    _write_each(xf, "Users", (_element("User", {"guid": u.guid, "name": u.name}) for u in users))


def _write_codebook(xf, codes: Sequence[QdaCode]) -> None:
    if codes:
        with xf.element(_q("CodeBook")), xf.element(_q("Codes")):
            for code in codes:
                xf.write(_code_element(code))


def _variable_element(variable: QdaVariable) -> etree._Element:
    element = _element(
        "Variable",
        {"guid": variable.guid, "name": variable.name, "typeOfVariable": variable.type},
    )
    if variable.description:
        etree.SubElement(element, _q("Description")).text = xml_text(variable.description)
    return element


def _write_variables(xf, variables: Sequence[QdaVariable]) -> None:
    _write_each(xf, "Variables", map(_variable_element, variables))


def _write_sources(
    xf, archive, sources: Iterable[QdaSource], progress: Callable[[int], None] | None
) -> int:
    def elements():
        for count, source in enumerate(sources, start=1):
            # SECURITY/NOTE: encode() never writes a BOM; "utf-8-sig" would.
            archive.writestr(f"sources/{source.guid}.txt", source.text.encode("utf-8"))
            yield source_element(source)
            if progress is not None:
                progress(count)

    return _write_each(xf, "Sources", elements())


@cache
def project_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def validate_project(xml: bytes) -> list[str]:
    """The schema errors of a ``project.qde`` document (empty when valid)."""
    schema = project_schema()
    document = etree.fromstring(xml)  # noqa: S320 - our own output, parsed without entities
    if schema.validate(document):
        return []
    return [str(error) for error in schema.error_log]
