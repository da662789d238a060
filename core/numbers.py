"""Numbers, percentages and months shown to people, in the formats of the active language.

Django's locale formats give the separators (``1.234,5`` in German, ``1 234,5`` in French,
``1,234.5`` in Japanese); the place and spacing of the percent sign is a translation
(``12,5 %`` in French and German, ``12,5%`` in Brazilian Portuguese), so translators decide it.

NOTE: ``USE_THOUSAND_SEPARATOR`` stays off on purpose: with it, every integer a template prints
is grouped, including ids in form values and anchors (``value="1,234"``) and years (``2,026``).
Figures shown to people go through these helpers (or the ``entendu_formats`` filters) instead.
"""

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from numbers import Number

from django.utils import formats
from django.utils.translation import pgettext


def number(value, decimal_pos: int | None = None) -> str:
    """``value`` with the active language's decimal and thousand separators (grouped).

    ``decimal_pos`` None keeps the value's own decimals (``12.5`` → ``12,5``, ``3`` → ``3``).
    Anything that is not a number (a "fewer than 10" label, None) comes back as text unchanged.
    """
    if value is None or isinstance(value, bool) or not isinstance(value, Number):
        return "" if value is None else str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if decimal_pos is None and isinstance(value, float) and value.is_integer():
        decimal_pos = 0
    if decimal_pos is not None:
        # NOTE: Django's number_format cuts extra decimals off (12.9 → "12"); round first,
        # half up as people do (12.5 → "13").
        value = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimal_pos), ROUND_HALF_UP)
    return formats.number_format(value, decimal_pos, use_l10n=True, force_grouping=True)


def percent(value, decimal_pos: int | None = 1) -> str:
    """``value`` (already in percent: 12.5 for 12.5 %) with the language's percent sign."""
    if value is None or isinstance(value, bool) or not isinstance(value, Number):
        return "" if value is None else str(value)
    # Translators: a percentage; put the sign and the space before it as your language writes
    # them, e.g. "%(number)s %%" (with a no-break space) in French and German.
    return pgettext("percentage", "%(number)s%%") % {"number": number(value, decimal_pos)}


def month(value: str | date) -> str:
    """A month (``"2024-03"`` or a date) as the language writes it: "March 2024", "2024年3月"."""
    if isinstance(value, str):
        try:
            year, month_number = (int(part) for part in value.split("-")[:2])
            value = date(year, month_number, 1)
        except ValueError:
            return value
    return formats.date_format(value, "YEAR_MONTH_FORMAT")
