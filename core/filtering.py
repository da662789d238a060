"""Query-string filters that refuse what the database cannot hold (issue 14, point 8).

A year of 0 or 1e20, an id past the database's integers, a date with an offset PostgreSQL
refuses: each is bad input, so a 400 with the field's message, never a 500. The messages are
Django's own (already translated).
"""

from datetime import UTC

import django_filters
from django import forms
from django.core.exceptions import ValidationError

# NOTE: the range of a signed 64-bit integer, the widest the databases store (BigAutoField).
MAX_ID = 2**63 - 1


class YearField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


class YearFilter(django_filters.NumberFilter):
    """A calendar year, 1 to 9999 (Python's and the databases' dates)."""

    field_class = YearField


class IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class IdFilter(django_filters.NumberFilter):
    """A row's id: a whole number the database can hold."""

    field_class = IdField


class UtcDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 date and time, moved to UTC; one that falls outside the calendar is refused.

    PostgreSQL refuses offsets Python accepts (``-22:40``); in UTC there is no offset left.
    """

    def to_python(self, value):
        try:
            parsed = super().to_python(value)
            return parsed.astimezone(UTC) if parsed is not None else None
        except (OverflowError, ValueError) as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


def id_or_none(value: str | None) -> int | None:
    """A query parameter read leniently as an id: ``None`` unless plain digits that fit."""
    if value and value.isascii() and value.isdigit() and int(value) <= MAX_ID:
        return int(value)
    return None
