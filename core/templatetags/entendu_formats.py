"""Template filters for figures shown to people: ``{{ value|number }}``, ``{{ value|percent }}``.

See core.numbers: separators and percent sign follow the active language.
"""

from django import template

from core import numbers

register = template.Library()


@register.filter
def number(value, decimal_pos=None):
    """``{{ 1234.5|number }}`` → ``1.234,5`` in German; ``{{ x|number:1 }}`` one decimal."""
    return numbers.number(value, None if decimal_pos in (None, "") else int(decimal_pos))


@register.filter
def percent(value, decimal_pos=1):
    """``{{ 12.5|percent }}`` → ``12,5 %`` in French (value already in percent)."""
    return numbers.percent(value, int(decimal_pos))


@register.filter
def ratio_percent(value, decimal_pos=0):
    """``{{ 0.875|ratio_percent }}`` → ``88 %`` in French: a ratio (0 to 1) as a percentage."""
    if value is None or value == "":
        return ""
    return numbers.percent(float(value) * 100, int(decimal_pos))
