"""What every coding write shares: model validation turned into an ApplicationError."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError


def full_clean(obj, exclude=None) -> None:
    """``obj.full_clean()``, with its errors as an ApplicationError with a message per field."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise ApplicationError(
            _("Please correct the errors below."),
            field_errors={k: [str(m) for m in v] for k, v in exc.message_dict.items()},
        ) from exc
