"""What every coding write shares: model validation turned into an ApplicationError."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError


def full_clean(obj, exclude=None, *, validate_constraints: bool = True) -> None:
    """``obj.full_clean()``, with its errors as an ApplicationError with a message per field.

    ``validate_constraints=False`` where the caller has checked what the constraints say (each
    check constraint costs three queries on PostgreSQL); the database still enforces them."""
    try:
        obj.full_clean(exclude=exclude, validate_constraints=validate_constraints)
    except ValidationError as exc:
        raise ApplicationError(
            _("Please correct the errors below."),
            field_errors={k: [str(m) for m in v] for k, v in exc.message_dict.items()},
        ) from exc
