"""Rule-based redaction of direct identifiers: the stand-in until the spaCy pipeline runs.

Replaces e-mail addresses with ``[EMAIL]`` and phone numbers with ``[PHONE]``. The NLP app
replaces names, places and street addresses as well, and records ``redaction_method="spacy"``.
"""

import re

RULES_VERSION = "rules-1"

EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,}(?![\w-])",
    re.UNICODE,
)
# A phone number: optional +country code or leading 0/(0), then 7+ digits grouped by spaces,
# dots, dashes or brackets. Years, dates and small numbers stay (fewer than 7 digits).
PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)?(?:\(?\d{1,4}\)?[\s.\-/]?){1,2}\d(?:[\s.\-/]?\d){5,13}(?![\w])",
    re.UNICODE,
)
DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")


def _phone(match: re.Match) -> str:
    found = match.group(0)
    digits = sum(ch.isdigit() for ch in found)
    if digits < 7 or digits > 15 or DATE_LIKE.match(found.strip()):
        return found
    return "[PHONE]"


def redact(text: str) -> str:
    """The text with e-mail addresses and phone numbers replaced by typed placeholders."""
    if not text:
        return ""
    text = EMAIL.sub("[EMAIL]", text)
    return PHONE.sub(_phone, text)
