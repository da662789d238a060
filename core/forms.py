import re

from django import forms
from django.core.exceptions import ValidationError

from core.exceptions import ApplicationError


def form_add_application_error(
    form: forms.Form, error: ApplicationError, *, field_prefix: str = ""
) -> None:
    """Show a service's error on a form: on each field it names, else at the top of the form.

    ``field_prefix`` maps a service's field name onto a form field named with that prefix
    (the consent form names its scope checkboxes ``scope_<scope>``).
    """
    known = set(form.fields)
    for field, messages in error.field_errors.items():
        name = field if field in known else None
        if name is None and field_prefix and f"{field_prefix}{field}" in known:
            name = f"{field_prefix}{field}"
        for message in messages if isinstance(messages, list | tuple) else [messages]:
            form.add_error(name, str(message))
    if not error.field_errors:
        form.add_error(None, error.message)


# A whole number as people type it: ASCII digits only, with a sign for IntegerField. Django's
# own fields call int(), which takes "٣" and full-width digits (and isdigit() takes "²").
_ASCII_INTEGER = re.compile(r"[+-]?[0-9]{1,10}")
_ASCII_ID = re.compile(r"[0-9]{1,10}")
# The largest value a database integer column holds everywhere.
INT_MAX = 2**31 - 1


class StrictIntegerField(forms.IntegerField):
    """``forms.IntegerField`` that refuses anything but ASCII digits and values past a database
    integer (issue 14, point 12): a clear message, never a 500, never a silent "٣" = 3."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_value", INT_MAX)
        kwargs.setdefault("min_value", -INT_MAX)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not _ASCII_INTEGER.fullmatch(value.strip()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class StrictModelChoiceField(forms.ModelChoiceField):
    """``forms.ModelChoiceField`` by primary key that refuses anything but ASCII digits (Django's
    own turns "٣" into the object with id 3)."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not _ASCII_ID.fullmatch(value.strip()):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)
