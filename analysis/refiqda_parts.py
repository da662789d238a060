"""The parts of a checked ``project.qde`` (analysis.refiqda_read): users, codebook, sources with
their codings and variables, notes. Every position is checked against its source's text."""

from django.utils.translation import gettext as _

from analysis.refiqda import NAMESPACE
from analysis.refiqda_model import (
    QdpxError,
    ReadCode,
    ReadCoding,
    ReadNote,
    ReadProject,
    ReadSource,
    _q,
    _when,
    shift_codings,
)

VALUE_TAGS = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue")


def _local(element) -> str:
    return etree_local(element.tag)


def etree_local(tag) -> str:
    return tag.split("}", 1)[1] if isinstance(tag, str) and tag.startswith("{") else str(tag)


def _text(element, tag: str) -> str:
    child = element.find(_q(tag))
    return (child.text or "") if child is not None else ""


def _refs(element) -> list[str]:
    return [ref.get("targetGUID") for ref in element.findall(_q("NoteRef"))]


def _codes(root, code_notes: dict) -> list[ReadCode]:
    codes: list[ReadCode] = []

    def walk(element, parent_guid):
        for code in element.findall(_q("Code")):
            guid = code.get("guid").lower()
            codes.append(
                ReadCode(
                    guid=guid,
                    name=code.get("name", ""),
                    parent_guid=parent_guid,
                    is_codable=code.get("isCodable", "true") == "true",
                    colour=code.get("color"),
                    description=_text(code, "Description"),
                )
            )
            if _refs(code):
                code_notes[guid] = [g.lower() for g in _refs(code)]
            walk(code, guid)

    codes_element = root.find(f"{_q('CodeBook')}/{_q('Codes')}")
    if codes_element is not None:
        walk(codes_element, None)
    return codes


def _note(element, archive) -> ReadNote:
    guid = element.get("guid").lower()
    text = _text(element, "PlainTextContent")
    if element.find(_q("PlainTextContent")) is None:
        text = archive.text(element.get("plainTextPath"), _("A note")) or ""
    return ReadNote(
        guid=guid,
        name=element.get("name", "") or _("Note"),
        text=text,
        user_guid=(element.get("creatingUser") or "").lower() or None,
        created=_when(element.get("creationDateTime")),
    )


def _value(element) -> str | None:
    for tag in VALUE_TAGS:
        child = element.find(_q(tag))
        if child is not None:
            return child.text or ""
    return None


def _source_text(element, archive, name: str) -> str:
    if element.find(_q("PlainTextContent")) is not None:
        return _text(element, "PlainTextContent")
    text = archive.text(element.get("plainTextPath"), _("The source “%(name)s”") % {"name": name})
    if text is None:
        raise QdpxError(_("The source “%(name)s” has no text.") % {"name": name[:80]})
    return text


def _selection_codings(selection, source_name, length, codes, skipped) -> list[ReadCoding]:
    start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
    if not 0 <= start <= end <= length:
        raise QdpxError(
            _(
                "A coded passage of the source “%(name)s” (%(start)s to %(end)s) lies outside "
                "its text (%(length)s characters)."
            )
            % {"name": source_name[:80], "start": start, "end": end, "length": length}
        )
    user = (selection.get("creatingUser") or "").lower() or None
    found = []
    for coding in selection.findall(_q("Coding")):
        code_guid = _code_ref(coding, codes, source_name)
        if start == end:
            skipped["empty passages"] = skipped.get("empty passages", 0) + 1
            continue
        found.append(
            ReadCoding(
                code_guid=code_guid,
                start=start,
                end=end,
                user_guid=(coding.get("creatingUser") or "").lower() or user,
                created=_when(coding.get("creationDateTime") or selection.get("creationDateTime")),
            )
        )
    return found


def _code_ref(coding, codes: set[str], source_name: str) -> str:
    ref = coding.find(_q("CodeRef"))
    guid = (ref.get("targetGUID") if ref is not None else "").lower()
    if guid not in codes:
        raise QdpxError(
            _("A coding in the source “%(name)s” refers to a code the codebook does not hold.")
            % {"name": source_name[:80]}
        )
    return guid


def _source(element, archive, codes: set[str], variables: dict, skipped: dict) -> ReadSource:
    name = element.get("name", "") or element.get("guid")
    text = _source_text(element, archive, name)
    source = ReadSource(
        guid=element.get("guid").lower(),
        name=name,
        text=text,
        created=_when(element.get("creationDateTime")),
        description=_text(element, "Description"),
        note_guids=[g.lower() for g in _refs(element)],
    )
    document = []
    for coding in element.findall(_q("Coding")):
        user = (coding.get("creatingUser") or "").lower() or None
        code_guid = _code_ref(coding, codes, name)
        document.append(
            ReadCoding(code_guid, None, None, user, _when(coding.get("creationDateTime")))
        )
    whole = {(c.code_guid, c.user_guid) for c in document}
    for selection in element.findall(_q("PlainTextSelection")):
        source.note_guids += [g.lower() for g in _refs(selection)]
        for coding in _selection_codings(selection, name, len(text), codes, skipped):
            # Entendu (and others) also write a document code as a selection of the whole
            # text: it is the same coding, read once.
            if (coding.start, coding.end) == (0, len(text)) and (
                coding.code_guid,
                coding.user_guid,
            ) in whole:
                continue
            source.codings.append(coding)
    source.codings += document
    for value in element.findall(_q("VariableValue")):
        ref = value.find(_q("VariableRef"))
        variable = variables.get((ref.get("targetGUID") if ref is not None else "").lower())
        read = _value(value)
        if variable and read is not None:
            source.values[variable] = read
    source.text = shift_codings(text, source.codings)
    return source


def read_parts(root, archive) -> ReadProject:
    assert root.tag == f"{{{NAMESPACE}}}Project"
    users = {u.get("guid").lower(): u.get("name", "") for u in root.iter(_q("User"))}
    code_notes: dict[str, list[str]] = {}
    codes = _codes(root, code_notes)
    code_guids = {c.guid for c in codes}
    variables = {v.get("guid").lower(): v.get("name", "") for v in root.iter(_q("Variable"))}
    skipped: dict[str, int] = {}
    sources = []
    sources_element = root.find(_q("Sources"))
    for element in sources_element if sources_element is not None else []:
        if _local(element) == "TextSource":
            sources.append(_source(element, archive, code_guids, variables, skipped))
        elif isinstance(element.tag, str):
            kind = _local(element)
            skipped[kind] = skipped.get(kind, 0) + 1
    notes_element = root.find(_q("Notes"))
    notes = {}
    for element in notes_element.findall(_q("Note")) if notes_element is not None else []:
        note = _note(element, archive)
        notes[note.guid] = note
    return ReadProject(
        name=root.get("name", ""),
        origin=root.get("origin", ""),
        users=users,
        codes=codes,
        sources=sources,
        notes=notes,
        code_notes=code_notes,
        project_notes=[g.lower() for g in _refs(root)],
        skipped=skipped,
    )
