"""The API's parsers (``REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]``): DRF's, and every text
they read passes through ``core.validation.clean_text`` (control characters removed).

NOTE: its own module: ``core.api`` imports DRF's views, which read this setting at import.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers
from rest_framework.parsers import DataAndFiles

from core.validation import clean_data, clean_query_dict

# NOTE: no form of the API nests deeper than a few levels; 2,000 levels overflowed the stack.
MAX_JSON_DEPTH = 32


def json_depth(value) -> int:
    """How deeply ``value`` nests lists and objects (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item)
    return deepest


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing bodies nested too deeply with a 400 instead of a crash."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise exceptions.ParseError(_("The JSON is nested too deeply.")) from error
        if json_depth(data) > MAX_JSON_DEPTH:
            raise exceptions.ParseError(_("The JSON is nested too deeply."))
        return clean_data(data)


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return clean_query_dict(super().parse(stream, media_type, parser_context))


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        return DataAndFiles(clean_query_dict(parsed.data), parsed.files)
