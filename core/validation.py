"""Checks that models share in ``clean()``."""

import re

from django.db import models
from django.utils.translation import gettext as _


def text_length_errors(instance) -> dict[str, list]:
    """Django does not enforce a TextField's max_length; these models do, in clean()."""
    errors = {}
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.TextField) and field.max_length:
            value = getattr(instance, field.attname) or ""
            if len(value) > field.max_length:
                errors[field.name] = [
                    _("At most %(limit)s characters (it has %(length)s).")
                    % {"limit": field.max_length, "length": len(value)}
                ]
    return errors


# The largest value a database integer column (and so a primary key) holds everywhere.
INT_MAX = 2**31 - 1


def parse_positive_int(value, *, maximum: int = INT_MAX, minimum: int = 1) -> int | None:
    """``value`` (text from a request, or an int) as an int in ``minimum..maximum``, else None.

    Refuses anything but ASCII digits: ``str.isdigit`` accepts "²" (which ``int`` then refuses
    with a 500) and ``int`` accepts "٣" and full-width digits; refuses signs, spaces and
    values too long to be in range before converting them (a 5,000-digit number).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        if not value or len(value) > len(str(maximum)) or not value.isascii():
            return None
        if not value.isdigit():
            return None
        number = int(value)
    else:
        return None
    return number if minimum <= number <= maximum else None


# Control characters (issue 14, point 8): C0 but tab, newline and carriage return; DEL; C1.
# Normal text, emoji and CJK included, is left as it is.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What XML 1.0 cannot hold at all: C0 but tab, newline and CR; lone surrogates; U+FFFE, U+FFFF.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value):
    """Every text input's one cleaning step: control characters are removed.

    The API's parsers (``core.parsers``), the pages' forms (``core.middleware``) and the
    importers pass what they receive through it; a value that is not text is returned as is.
    """
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    return value


def clean_data(value):
    """``clean_text`` on every string inside lists and dicts (a parsed JSON body)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(key): clean_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_data(item) for item in value]
    return value


def clean_query_dict(data):
    """A form body (``QueryDict``) with every value passed through ``clean_text``."""
    cleaned = data.copy()
    for key in list(cleaned.keys()):
        cleaned.setlist(key, [clean_text(item) for item in data.getlist(key)])
    cleaned._mutable = False
    return cleaned


def xml_text(value):
    """Text as XML 1.0 can hold it: what is stored may predate the cleaning, exports never fail."""
    if value is None:
        return None
    return XML_ILLEGAL.sub("", str(value))
