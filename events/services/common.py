"""What every events service shares: model validation as an ApplicationError, the participant
link's secret, slugs, and the clock-change rule for local times."""

import secrets
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core.exceptions import ApplicationError
from events.models import Event


def full_clean(instance, **kwargs) -> None:
    """Model validation, turned into the application's error with one message per field."""
    try:
        instance.full_clean(**kwargs)
    except ValidationError as exc:
        raise ApplicationError(
            _("Please correct the errors below."),
            field_errors={
                field: [str(m) for m in messages] for field, messages in exc.message_dict.items()
            },
        ) from None


def new_submission_token() -> str:
    # SECURITY: 32 bytes (256 bits) from the OS's CSPRNG; URL-safe, 43 characters.
    return secrets.token_urlsafe(32)


# Slugs that would shadow a page of /events/.
RESERVED_SLUGS = frozenset({"new", "import", "export", "programme", "export-csv"})


def unique_slug(title: str) -> str:
    base = slugify(title)[:200] or "event"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Event.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def skipped_by_clock_change(value: datetime) -> bool:
    """True when an aware datetime names a wall-clock time that does not exist in its zone
    (the hour skipped when the clocks go forward)."""
    roundtrip = value.astimezone(UTC).astimezone(value.tzinfo)
    return roundtrip.replace(tzinfo=None) != value.replace(tzinfo=None)


SKIPPED_TIME_MESSAGE = _lazy("This time does not exist in this time zone: the clocks change then.")
