"""CSV export and import of a codebook, one column per text and language (see the package)."""

import csv
import io

from django.db import transaction
from django.utils.translation import gettext as _

from coding.exchange.common import (
    DEFAULT_COLOUR,
    MAX_IMPORT_BYTES,
    MAX_IMPORT_CODES,
    children_map,
    invalid,
    languages_of,
    live_codes,
)
from coding.models import Code, Codebook
from coding.services import code_create, codebook_create, codebook_version_record
from coding.translations import BASE_LANGUAGE, TEXT_FIELDS, code_text, language_normalise
from core.exceptions import ApplicationError
from core.exports import csv_writer
from core.validation import clean_text

LEADING_COLUMNS = ["key", "parent_key", "label", "label_fallback"]
TRAILING_COLUMNS = ["colour", "is_codable", "is_exclusive_group", "guid"]
# Columns of files exported before codes had a language per text: they are English.
LEGACY_ENGLISH = {f: f"{f}_{BASE_LANGUAGE}" for f in TEXT_FIELDS[2:]}


def csv_columns(languages: list[str]) -> list[str]:
    texts = [f"{field}_{language}" for language in languages for field in TEXT_FIELDS]
    return [*LEADING_COLUMNS, *texts, *TRAILING_COLUMNS]


def codebook_export_csv(*, codebook: Codebook, language: str = BASE_LANGUAGE) -> str:
    """Every live code in tree order: ``label`` in ``language`` (``label_fallback`` is "yes"
    when it is the English label instead), then every text in every language the codes have."""
    codes = live_codes(codebook)
    keys = {c.id: c.key for c in codes}
    children = children_map(codes)
    columns = csv_columns(languages_of(codes))
    out = io.StringIO()
    # SECURITY: core.exports guards every cell against formula injection.
    writer = csv_writer(out)
    writer.writerow(columns)

    def walk(parent_id):
        for code in children.get(parent_id, []):
            label, fallback = code_text(code, "label", language)
            row = {
                "key": code.key,
                "parent_key": keys.get(code.parent_id, ""),
                "label": label,
                "label_fallback": "yes" if fallback else "no",
                "colour": code.colour,
                "guid": str(code.guid),
                "is_codable": "yes" if code.is_codable else "no",
                "is_exclusive_group": "yes" if code.is_exclusive_group else "no",
            }
            for lang, texts in (code.translations or {}).items():
                row.update({f"{field}_{lang}": text for field, text in texts.items()})
            writer.writerow([row.get(c, "") for c in columns])
            walk(code.id)

    walk(None)
    return out.getvalue()


def _uncell(text: str) -> str:
    return text[1:] if text[:2] in ("'=", "'+", "'-", "'@") else text


def _csv_rows(data: bytes) -> list[dict]:
    """The rows of an uploaded CSV file, refused if it is too large, not UTF-8 or incomplete."""
    if len(data) > MAX_IMPORT_BYTES:
        raise invalid(_("The file is larger than 2 MB."))
    try:
        text = clean_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise invalid(_("The file is not UTF-8 text.")) from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = {"key", "label_en"} - set(reader.fieldnames or [])
    if missing:
        raise invalid(_("Missing columns: %(c)s") % {"c": ", ".join(sorted(missing))})
    rows = list(reader)
    if not rows:
        raise invalid(_("The file holds no code."))
    if len(rows) > MAX_IMPORT_CODES:
        raise invalid(_("The file holds more than 5,000 codes."))
    return rows


def row_translations(row: dict) -> dict:
    """``{language: {field: text}}`` from a row's ``<field>_<language>`` columns."""
    translations: dict = {}
    for column, value in row.items():
        if column in LEADING_COLUMNS or column in TRAILING_COLUMNS:
            continue
        column = LEGACY_ENGLISH.get(column or "", column or "")
        field, _sep, language = column.rpartition("_")
        if field in TEXT_FIELDS and language and (value or "").strip():
            lang = language_normalise(language)
            translations.setdefault(lang, {})[field] = _uncell(value.strip())
    return translations


def _row_code(*, codebook, user, parent, row: dict) -> Code:
    def value(name: str) -> str:
        return _uncell((row.get(name) or "").strip())

    return code_create(
        codebook=codebook,
        user=user,
        parent=parent,
        key=value("key"),
        translations=row_translations(row),
        colour=(value("colour") or DEFAULT_COLOUR).lower(),
        is_codable=value("is_codable").lower() not in ("no", "false", "0"),
        is_exclusive_group=value("is_exclusive_group").lower() in ("yes", "true", "1"),
        record_version=False,
    )


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
        parent_key = _uncell((row.get("parent_key") or "").strip())
        parent = created.get(parent_key) if parent_key else None
        if parent_key and parent is None:
            errors.append(
                _("Row %(n)s: the parent “%(p)s” must appear on an earlier row.")
                % {"n": number, "p": parent_key}
            )
            continue
        try:
            code = _row_code(codebook=codebook, user=user, parent=parent, row=row)
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
