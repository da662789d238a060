"""Serializer fields the APIs share."""

from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from core.validation import INT_MAX, parse_positive_int


class StrictIntegerField(serializers.IntegerField):
    """A whole number written with ASCII digits (a JSON number, or text such as "12"), within
    the range of a database integer: "²", "٣", full-width digits and a 5,000-digit number are
    a 400 with a clear message, never a 500 nor a silently converted value."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_value", INT_MAX)
        kwargs.setdefault("min_value", -INT_MAX)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, str):
            text = data.strip()
            digits = text[1:] if text.startswith("-") else text
            if parse_positive_int(digits, minimum=0) is None:
                self.fail("invalid")
        return super().to_internal_value(data)


class CountryCodeField(CountryField):
    """django-countries' field, refusing odd text before its lookup: it converts any text for
    which ``str.isdigit`` is true with ``int``, so "²" (or 5,000 digits) was a 500."""

    def to_internal_value(self, data):
        if isinstance(data, str) and data.isdigit() and parse_positive_int(data) is None:
            self.fail("invalid_choice", input=data[:20])
        return super().to_internal_value(data)
