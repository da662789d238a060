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
