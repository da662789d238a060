"""What both exchange formats share: limits, the schema, the order of languages, errors."""

from pathlib import Path

from django.conf import settings
from lxml import etree

from coding.models import Code, Codebook
from coding.translations import BASE_LANGUAGE, language_normalise
from core.exceptions import ApplicationError

NS = "urn:QDA-XML:codebook:1.0"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "Codebook.xsd"
MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_CODES = 5_000
DEFAULT_COLOUR = "#1f5f8b"

_schema = None


def codebook_schema() -> etree.XMLSchema:
    global _schema
    if _schema is None:
        _schema = etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
    return _schema


def live_codes(codebook: Codebook) -> list[Code]:
    return list(
        Code.objects.filter(codebook=codebook, is_archived=False).order_by("position", "id")
    )


def children_map(codes: list[Code]) -> dict:
    children: dict = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    return children


def languages_of(codes: list[Code]) -> list[str]:
    """The languages the codes have: English first, then the programme's order, then others."""
    present = {language for code in codes for language in (code.translations or {})}
    order = [BASE_LANGUAGE] + [language_normalise(code) for code, _name in settings.LANGUAGES]
    known = [language for language in dict.fromkeys(order) if language in present]
    return known + sorted(present - set(known))


def invalid(message: str) -> ApplicationError:
    return ApplicationError(message, field_errors={"file": [message]})
