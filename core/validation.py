"""Checks that models share in ``clean()``."""

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
