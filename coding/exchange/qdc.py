"""REFI-QDA ``.qdc`` export and import, in every language a code has (see the package)."""

import re
import uuid

from django.db import transaction
from django.utils.translation import gettext as _
from lxml import etree

from coding.exchange.common import (
    DEFAULT_COLOUR,
    MAX_IMPORT_BYTES,
    MAX_IMPORT_CODES,
    NS,
    children_map,
    codebook_schema,
    invalid,
    languages_of,
    live_codes,
)
from coding.models import Code, Codebook
from coding.services import code_create, codebook_create, codebook_version_record
from coding.translations import BASE_LANGUAGE, TEXT_FIELDS, code_text, language_normalise
from core.validation import clean_text, xml_text

# NOTE: a stable namespace so that the root code of a codebook keeps its GUID across exports.
ROOT_NAMESPACE = uuid.UUID("6f1d4a52-3c1e-4b7e-9a55-8f0c2f6a9d10")
# Labelled lines appended to a REFI-QDA description (fixed English tags: they are data).
TAGS = {
    "label": "Label",
    "description": "Description",
    "inclusion_criteria": "Inclusion criteria",
    "exclusion_criteria": "Exclusion criteria",
    "example": "Example",
}
LANGUAGE_TAG = "Language"
_LINE = re.compile(r"^(?P<tag>[A-Za-z ]+?)(?: \((?P<lang>[A-Za-z0-9_-]+)\))?: (?P<value>.*)$")


def _name_language(code: Code, language: str) -> str:
    """The language of a code's ``name``: the one asked for, or English when it has no label."""
    return BASE_LANGUAGE if code_text(code, "label", language)[1] else language


def _description(code: Code, language: str, languages: list[str]) -> str:
    lines = [code.translations.get(language, {}).get("description", "")]
    lines = [lines[0]] if lines[0] else []
    extra = [f"{LANGUAGE_TAG}: {language}"]
    for other in languages:
        texts = code.translations.get(other) or {}
        for field in TEXT_FIELDS:
            if other == language and field in ("label", "description"):
                continue
            if texts.get(field):
                extra.append(f"{TAGS[field]} ({other}): {' '.join(texts[field].split())}")
    return "\n".join([*lines, "", *extra] if lines else extra)


def parse_description(text: str, language: str) -> tuple[dict, str]:
    """(translations found in a description, language of the name and body). Lines of older
    exports without a language (``Inclusion criteria: …``) are English."""
    tags = {tag: field for field, tag in TAGS.items()}
    translations: dict = {}
    body = []
    for line in (text or "").splitlines():
        match = _LINE.match(line)
        tag = match["tag"] if match else None
        if tag == LANGUAGE_TAG and not match["lang"]:
            language = language_normalise(match["value"]) or language
        elif tag in tags and (match["lang"] or tags[tag] not in ("label", "description")):
            other = language_normalise(match["lang"] or BASE_LANGUAGE)
            translations.setdefault(other, {})[tags[tag]] = match["value"].strip()
        else:
            body.append(line)
    if "\n".join(body).strip():
        translations.setdefault(language, {})["description"] = "\n".join(body).strip()
    return translations, language


def codebook_export_qdc(*, codebook: Codebook, language: str = BASE_LANGUAGE) -> bytes:
    """The codebook as a REFI-QDA ``.qdc`` document, valid against Codebook.xsd, with names and
    descriptions in ``language`` (English where a code has no label in it). Every stored text
    goes through ``xml_text``: a control character in the database never breaks the export."""
    language = language_normalise(language) or BASE_LANGUAGE
    codes = live_codes(codebook)
    children, languages = children_map(codes), languages_of(codes)
    root = etree.Element(f"{{{NS}}}CodeBook", nsmap={None: NS}, origin="Entendu")
    codes_el = etree.SubElement(root, f"{{{NS}}}Codes")
    top = etree.SubElement(
        codes_el,
        f"{{{NS}}}Code",
        guid=str(uuid.uuid5(ROOT_NAMESPACE, codebook.slug)),
        name=xml_text(codebook.name),
        isCodable="false",
    )
    if codebook.description.strip():
        etree.SubElement(top, f"{{{NS}}}Description").text = xml_text(codebook.description)

    def add(parent_el, code: Code) -> None:
        shown = _name_language(code, language)
        el = etree.SubElement(
            parent_el,
            f"{{{NS}}}Code",
            guid=str(code.guid),
            name=xml_text(code.translations[shown]["label"]),
            isCodable="true" if code.is_codable else "false",
            color=xml_text(code.colour),
        )
        description = xml_text(_description(code, shown, languages))
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
                name=xml_text(f"{code_text(group, 'label', language)[0]} (mutually exclusive)"),
            )
            for member in children[group.id]:
                etree.SubElement(set_el, f"{{{NS}}}MemberCode", guid=str(member.guid))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _safe_parser() -> etree.XMLParser:
    # SECURITY: no entity expansion, no DTD loading, no network: an upload cannot reach files,
    # hosts or memory beyond its own bytes.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _qdc_document(data: bytes):
    """The parsed ``.qdc`` file, refused if it is too large, not XML or not valid REFI-QDA."""
    if len(data) > MAX_IMPORT_BYTES:
        raise invalid(_("The file is larger than 2 MB."))
    try:
        doc = etree.fromstring(data, parser=_safe_parser())
    except etree.XMLSyntaxError as exc:
        raise invalid(_("The file is not well-formed XML: %(e)s") % {"e": exc}) from exc
    # NOTE: XML 1.0 may carry C1 control characters; the one cleaning step removes them.
    for el in doc.iter():
        if isinstance(el.text, str):
            el.text = clean_text(el.text)
        for key, value in el.attrib.items():
            el.set(key, clean_text(value))
    schema = codebook_schema()
    if not schema.validate(doc):
        first = schema.error_log[0] if schema.error_log else None
        detail = f"{first.line}: {first.message}" if first else ""
        raise invalid(_("The file is not a valid REFI-QDA codebook (line %(d)s).") % {"d": detail})
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


def _translations(el, language: str) -> dict:
    """A ``Code`` element's texts by language; its name is the label in the language its
    description names (or ``language``), and the English label when none is given."""
    translations, shown = parse_description(el.findtext(f"{{{NS}}}Description") or "", language)
    name = el.get("name", "").strip()[:200]
    translations.setdefault(shown, {})["label"] = name
    if not translations.get(BASE_LANGUAGE, {}).get("label"):
        translations.setdefault(BASE_LANGUAGE, {})["label"] = name
    return translations


@transaction.atomic
def codebook_import_qdc(
    *, data: bytes, user, name: str = "", language: str = BASE_LANGUAGE
) -> Codebook:
    """Create a codebook from a REFI-QDA ``.qdc`` file, after validating it against the schema.

    A single top-level code that is not codable is taken as the codebook itself (how Entendu
    and several QDA tools export); its children become the top-level codes. Names and
    descriptions are in ``language`` unless a ``Language:`` line says otherwise.
    """
    doc = _qdc_document(data)
    language = language_normalise(language) or BASE_LANGUAGE
    top = doc.findall(f"{{{NS}}}Codes/{{{NS}}}Code")
    book_name = name.strip()
    book_description = ""
    if len(top) == 1 and top[0].get("isCodable") == "false" and len(top[0]):
        container = top[0]
        book_name = book_name or container.get("name", "")
        book_description = container.findtext(f"{{{NS}}}Description") or ""
        top = container.findall(f"{{{NS}}}Code")
    if len(doc.findall(f".//{{{NS}}}Code")) > MAX_IMPORT_CODES:
        raise invalid(_("The file holds more than 5,000 codes."))
    codebook = codebook_create(
        name=book_name or _("Imported codebook"), description=book_description, user=user
    )
    by_guid: dict[str, Code] = {}

    def add(el, parent: Code | None) -> None:
        colour = el.get("color") or DEFAULT_COLOUR
        if len(colour) == 4:  # #rgb
            colour = "#" + "".join(ch * 2 for ch in colour[1:])
        code = code_create(
            codebook=codebook,
            user=user,
            parent=parent,
            translations=_translations(el, language),
            colour=colour.lower(),
            is_codable=el.get("isCodable") == "true",
            record_version=False,
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
