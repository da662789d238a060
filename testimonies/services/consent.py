"""Consent texts: publish a version, correct an unused one, install the defaults."""

import importlib

from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from testimonies.models import ConsentText, Testimony
from testimonies.services.checks import LANGUAGE_TAG, check_text, sha256


@transaction.atomic
def consent_text_create(*, language: str, title: str, body: str, user=None) -> ConsentText:
    """Publish a new version of the consent text in ``language``."""
    errors: dict[str, list[str]] = {}
    check_text(errors, "body", body, max_length=20_000, required=True)
    check_text(errors, "title", title, max_length=200)
    if not LANGUAGE_TAG.match(language or ""):
        errors.setdefault("language", []).append(_("Give a language code such as en or pt-BR."))
    if errors:
        raise ApplicationError(_("The consent text could not be saved."), field_errors=errors)
    last = (
        ConsentText.objects.select_for_update()
        .filter(language__iexact=language)
        .order_by("-version")
        .first()
    )
    text = ConsentText(
        language=language,
        version=(last.version + 1) if last else 1,
        title=title.strip() or _("Consent"),
        body=body,
        sha256=sha256(body),
        created_by=user,
    )
    text.full_clean()
    text.save()
    return text


# The data migrations that publish first versions; each has ``TEXTS`` (language -> title, body).
FIRST_VERSION_MIGRATIONS = (
    "testimonies.migrations.0002_initial_consent_texts",
    "testimonies.migrations.0004_consent_texts_pt_es_de_ja",
)

# The data migrations that publish later versions (each idempotent).
LATER_VERSION_MIGRATIONS = (
    "testimonies.migrations.0007_voice_scopes_and_consent",
    "testimonies.migrations.0008_consent_texts_ask_before_each_quote",
)


@transaction.atomic
def consent_texts_ensure_defaults() -> None:
    """Create the first version in each shipped language (en, fr, pt-BR, es, de, ja) where that
    language has none (the data migrations do it on install; demo seeding and flushed test
    databases call this)."""
    for module in FIRST_VERSION_MIGRATIONS:
        defaults = importlib.import_module(module)
        for language, (title, body) in defaults.TEXTS.items():
            if not ConsentText.objects.filter(language__iexact=language).exists():
                ConsentText.objects.create(
                    language=language, version=1, title=title, body=body, sha256=sha256(body)
                )
    for module in LATER_VERSION_MIGRATIONS:
        # NOTE: each publishes its next version only where the latest text lacks its words.
        importlib.import_module(module).publish_next_version(ConsentText)


@transaction.atomic
def consent_text_update(*, consent_text: ConsentText, title: str, body: str) -> ConsentText:
    """Correct a version nobody has consented to yet; a used version is immutable."""
    locked = ConsentText.objects.select_for_update().get(pk=consent_text.pk)
    if Testimony.objects.filter(consent_text=locked).exists():
        raise ApplicationError(
            _(
                "This version has already been agreed to and can no longer change. "
                "Publish a new version instead."
            )
        )
    errors: dict[str, list[str]] = {}
    check_text(errors, "body", body, max_length=20_000, required=True)
    check_text(errors, "title", title, max_length=200)
    if errors:
        raise ApplicationError(_("The consent text could not be saved."), field_errors=errors)
    locked.title = title.strip() or locked.title
    locked.body = body
    locked.sha256 = sha256(body)
    locked.full_clean()
    locked.save()
    return locked
