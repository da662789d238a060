"""Codebook exchange: REFI-QDA ``.qdc`` (Codebook.xsd, namespace urn:QDA-XML:codebook:1.0) and CSV.

The export puts the codebook's codes under one root ``Code`` that is not codable and carries the
codebook's name, so that the six themes stay together in any QDA tool. REFI-QDA has a single
``name`` and ``Description`` per code: the French label and description, the criteria and the
example are written as labelled lines at the end of the description and read back on import.
"""

import csv
import io
import uuid
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from lxml import etree

from coding.models import Code, Codebook
from coding.services import code_create, codebook_create, codebook_version_record
from core.exceptions import ApplicationError
from core.exports import csv_writer

NS = "urn:QDA-XML:codebook:1.0"
SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "Codebook.xsd"
MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_CODES = 5_000
# NOTE: a stable namespace so that the root code of a codebook keeps its GUID across exports.
ROOT_NAMESPACE = uuid.UUID("6f1d4a52-3c1e-4b7e-9a55-8f0c2f6a9d10")

# Labelled lines appended to a REFI-QDA description (fixed English tags: they are data).
EXTRA_FIELDS = [
    ("label_fr", "Label (fr)"),
    ("description_fr", "Description (fr)"),
    ("inclusion_criteria", "Inclusion criteria"),
    ("exclusion_criteria", "Exclusion criteria"),
    ("example", "Example"),
]
CSV_COLUMNS = [
    "key",
    "parent_key",
    "label_en",
    "label_fr",
    "description_en",
    "description_fr",
    "inclusion_criteria",
    "exclusion_criteria",
    "example",
    "colour",
    "is_codable",
    "is_exclusive_group",
    "guid",
]

_schema = None


def codebook_schema() -> etree.XMLSchema:
    global _schema
    if _schema is None:
        _schema = etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
    return _schema


def _live_codes(codebook: Codebook) -> list[Code]:
    return list(
        Code.objects.filter(codebook=codebook, is_archived=False).order_by("position", "id")
    )


def _children_map(codes: list[Code]) -> dict:
    children: dict = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    return children


def _description(code: Code) -> str:
    lines = [code.description_en.strip()] if code.description_en.strip() else []
    extra = [
        f"{tag}: {' '.join(getattr(code, field).split())}"
        for field, tag in EXTRA_FIELDS
        if getattr(code, field).strip()
    ]
    if extra:
        if lines:
            lines.append("")
        lines.extend(extra)
    return "\n".join(lines)


def _parse_description(text: str) -> dict:
    tags = {tag: field for field, tag in EXTRA_FIELDS}
    fields: dict = {}
    body = []
    for line in (text or "").splitlines():
        tag, sep, value = line.partition(": ")
        if sep and tag in tags:
            fields[tags[tag]] = value.strip()
        else:
            body.append(line)
    fields["description_en"] = "\n".join(body).strip()
    return fields


def codebook_export_qdc(*, codebook: Codebook) -> bytes:
    """The codebook as a REFI-QDA ``.qdc`` document, valid against Codebook.xsd."""
    codes = _live_codes(codebook)
    children = _children_map(codes)
    root = etree.Element(f"{{{NS}}}CodeBook", nsmap={None: NS}, origin="Entendu")
    codes_el = etree.SubElement(root, f"{{{NS}}}Codes")
    top = etree.SubElement(
        codes_el,
        f"{{{NS}}}Code",
        guid=str(uuid.uuid5(ROOT_NAMESPACE, codebook.slug)),
        name=codebook.name,
        isCodable="false",
    )
    if codebook.description.strip():
        etree.SubElement(top, f"{{{NS}}}Description").text = codebook.description

    def add(parent_el, code: Code) -> None:
        el = etree.SubElement(
            parent_el,
            f"{{{NS}}}Code",
            guid=str(code.guid),
            name=code.label_en,
            isCodable="true" if code.is_codable else "false",
            color=code.colour,
        )
        description = _description(code)
        if description:
            etree.SubElement(el, f"{{{NS}}}Description").text = description
        for child in children.get(code.id, []):
            add(el, child)

    for code in children.get(None, []):
        add(top, code)
    groups = [c for c in codes if c.is_exclusive_group and children.get(c.id)]
    if groups:  # NOTE: an empty <Sets/> is invalid: write it only with at least one Set.
        sets_el = etree.SubElement(root, f"{{{NS}}}Sets")
        for group in groups:
            set_el = etree.SubElement(
                sets_el,
                f"{{{NS}}}Set",
                guid=str(uuid.uuid5(group.guid, "exclusive")),
                name=f"{group.label_en} (mutually exclusive)",
            )
            for member in children[group.id]:
                etree.SubElement(set_el, f"{{{NS}}}MemberCode", guid=str(member.guid))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _safe_parser() -> etree.XMLParser:
    # SECURITY: no entity expansion, no DTD loading, no network: an upload cannot reach files,
    # hosts or memory beyond its own bytes.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _invalid(message: str) -> ApplicationError:
    return ApplicationError(message, field_errors={"file": [message]})


def _qdc_document(data: bytes):
    """The parsed ``.qdc`` file, refused if it is too large, not XML or not valid REFI-QDA."""
    if len(data) > MAX_IMPORT_BYTES:
        raise _invalid(_("The file is larger than 2 MB."))
    try:
        doc = etree.fromstring(data, parser=_safe_parser())
    except etree.XMLSyntaxError as exc:
        raise _invalid(_("The file is not well-formed XML: %(e)s") % {"e": exc}) from exc
    schema = codebook_schema()
    if not schema.validate(doc):
        first = schema.error_log[0] if schema.error_log else None
        detail = f"{first.line}: {first.message}" if first else ""
        raise _invalid(_("The file is not a valid REFI-QDA codebook (line %(d)s).") % {"d": detail})
    return doc


def _qdc_exclusive_groups(doc, by_guid: dict[str, Code]) -> None:
    """A set named "exclusive…" whose members share a parent marks that parent exclusive."""
    for set_el in doc.findall(f"{{{NS}}}Sets/{{{NS}}}Set"):
        members = [
            by_guid.get(m.get("guid", "").strip("{}").lower())
            for m in set_el.findall(f"{{{NS}}}MemberCode")
        ]
        parents = {m.parent_id for m in members if m is not None}
        if len(parents) == 1 and None not in parents and "exclusive" in set_el.get("name", ""):
            Code.objects.filter(pk=parents.pop()).update(is_exclusive_group=True)


@transaction.atomic
def codebook_import_qdc(*, data: bytes, user, name: str = "") -> Codebook:
    """Create a codebook from a REFI-QDA ``.qdc`` file, after validating it against the schema.

    A single top-level code that is not codable is taken as the codebook itself (how Entendu
    and several QDA tools export); its children become the top-level codes.
    """
    doc = _qdc_document(data)
    top = doc.findall(f"{{{NS}}}Codes/{{{NS}}}Code")
    book_name = name.strip()
    book_description = ""
    if len(top) == 1 and top[0].get("isCodable") == "false" and len(top[0]):
        container = top[0]
        book_name = book_name or container.get("name", "")
        book_description = container.findtext(f"{{{NS}}}Description") or ""
        top = container.findall(f"{{{NS}}}Code")
    if len(doc.findall(f".//{{{NS}}}Code")) > MAX_IMPORT_CODES:
        raise _invalid(_("The file holds more than 5,000 codes."))
    codebook = codebook_create(
        name=book_name or _("Imported codebook"), description=book_description, user=user
    )
    by_guid: dict[str, Code] = {}

    def add(el, parent: Code | None) -> None:
        fields = _parse_description(el.findtext(f"{{{NS}}}Description") or "")
        label = el.get("name", "").strip()[:200]
        colour = el.get("color") or "#1f5f8b"
        if len(colour) == 4:  # #rgb
            colour = "#" + "".join(ch * 2 for ch in colour[1:])
        code = code_create(
            codebook=codebook,
            user=user,
            parent=parent,
            label_en=label,
            label_fr=(fields.pop("label_fr", "") or label)[:200],
            colour=colour.lower(),
            is_codable=el.get("isCodable") == "true",
            record_version=False,
            **fields,
        )
        guid = el.get("guid", "").strip("{}").lower()
        if guid and not Code.objects.filter(guid=guid).exists():
            Code.objects.filter(pk=code.pk).update(guid=guid)
        by_guid[guid] = code
        for child in el.findall(f"{{{NS}}}Code"):
            add(child, code)

    for el in top:
        add(el, None)
    _qdc_exclusive_groups(doc, by_guid)
    codebook_version_record(
        codebook=codebook, user=user, summary=_("Imported from a REFI-QDA codebook")
    )
    return codebook


def codebook_export_csv(*, codebook: Codebook) -> str:
    codes = _live_codes(codebook)
    keys = {c.id: c.key for c in codes}
    children = _children_map(codes)
    out = io.StringIO()
    # SECURITY: core.exports guards every cell against formula injection.
    writer = csv_writer(out)
    writer.writerow(CSV_COLUMNS)

    def walk(parent_id):
        for code in children.get(parent_id, []):
            row = {
                "parent_key": keys.get(code.parent_id, ""),
                "guid": str(code.guid),
                "is_codable": "yes" if code.is_codable else "no",
                "is_exclusive_group": "yes" if code.is_exclusive_group else "no",
            }
            writer.writerow([row[c] if c in row else getattr(code, c) for c in CSV_COLUMNS])
            walk(code.id)

    walk(None)
    return out.getvalue()


def _uncell(text: str) -> str:
    return text[1:] if text[:2] in ("'=", "'+", "'-", "'@") else text


def _csv_rows(data: bytes) -> list[dict]:
    """The rows of an uploaded CSV file, refused if it is too large, not UTF-8 or incomplete."""
    if len(data) > MAX_IMPORT_BYTES:
        raise _invalid(_("The file is larger than 2 MB."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _invalid(_("The file is not UTF-8 text.")) from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = {"key", "label_en", "label_fr"} - set(reader.fieldnames or [])
    if missing:
        raise _invalid(
            _("Missing columns: %(c)s") % {"c": ", ".join(sorted(missing))},
        )
    rows = list(reader)
    if not rows:
        raise _invalid(_("The file holds no code."))
    if len(rows) > MAX_IMPORT_CODES:
        raise _invalid(_("The file holds more than 5,000 codes."))
    return rows


@transaction.atomic
def codebook_import_csv(*, data: bytes, user, name: str) -> Codebook:
    """Create a codebook from CSV (the columns of the export; parents before children).

    Every row is checked; any error refuses the whole file with the row numbers at fault.
    """
    rows = _csv_rows(data)
    codebook = codebook_create(name=name.strip() or _("Imported codebook"), user=user)
    created: dict[str, Code] = {}
    errors = []
    for number, row in enumerate(rows, start=2):
        values = {k: _uncell((row.get(k) or "").strip()) for k in CSV_COLUMNS}
        parent = None
        if values["parent_key"]:
            parent = created.get(values["parent_key"])
            if parent is None:
                errors.append(
                    _("Row %(n)s: the parent “%(p)s” must appear on an earlier row.")
                    % {"n": number, "p": values["parent_key"]}
                )
                continue
        try:
            code = code_create(
                codebook=codebook,
                user=user,
                parent=parent,
                key=values["key"],
                label_en=values["label_en"],
                label_fr=values["label_fr"] or values["label_en"],
                description_en=values["description_en"],
                description_fr=values["description_fr"],
                inclusion_criteria=values["inclusion_criteria"],
                exclusion_criteria=values["exclusion_criteria"],
                example=values["example"],
                colour=(values["colour"] or "#1f5f8b").lower(),
                is_codable=values["is_codable"].lower() not in ("no", "false", "0"),
                is_exclusive_group=values["is_exclusive_group"].lower() in ("yes", "true", "1"),
                record_version=False,
            )
        except ApplicationError as exc:
            detail = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in exc.field_errors.items()
            )
            errors.append(_("Row %(n)s: %(e)s") % {"n": number, "e": detail or exc.message})
            continue
        created[code.key] = code
    if errors:
        raise ApplicationError(
            _("The file was not imported: %(n)s rows have errors.") % {"n": len(errors)},
            field_errors={"file": errors[:50]},
        )
    codebook_version_record(codebook=codebook, user=user, summary=_("Imported from CSV"))
    return codebook
