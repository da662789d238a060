"""A code's words in every language: the shape of ``Code.translations``, its validation, and the
one place that picks a code's text for a reader's language (falling back to English).

``Code.translations`` is ``{language: {field: text}}``: language keys are lower-case language
tags (``en``, ``fr``, ``pt-br``, any BCP 47 tag), fields are ``TEXT_FIELDS``. English is
required and must have a label; every other language and field is optional, and a missing or
empty one falls back to English with a visible marker (``TranslatedText``).
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

BASE_LANGUAGE = "en"
TEXT_FIELDS = ("label", "description", "inclusion_criteria", "exclusion_criteria", "example")
LABEL_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 5_000
# BCP 47 in the simple form we need: a 2–3 letter language, then subtags (script, region...).
_TAG = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{1,8})*$")


def language_normalise(language: str) -> str:
    """``pt_BR``, ``pt-BR`` and ``pt-br`` are the same key: ``pt-br`` (Django's form)."""
    return (language or "").strip().replace("_", "-").lower()


def language_valid(language: str) -> bool:
    return bool(_TAG.match(language_normalise(language)))


def language_or_default(value: str | None) -> str:
    """A requested language (``?language=``) when it is a valid tag, else the reader's."""
    if value and language_valid(value):
        return language_normalise(value)
    return language_normalise(get_language() or BASE_LANGUAGE)


def translations_clean(value) -> dict:
    """The translations, normalised (keys lower-case, texts stripped, empty texts dropped), or a
    ``ValidationError`` naming what is wrong. English with a label is required."""
    if not isinstance(value, dict):
        raise ValidationError(_("Translations must be an object keyed by language."))
    cleaned: dict = {}
    for raw_language, fields in value.items():
        language = language_normalise(raw_language if isinstance(raw_language, str) else "")
        if not _TAG.match(language):
            raise ValidationError(
                _("“%(l)s” is not a language tag such as en, fr or pt-BR.") % {"l": raw_language}
            )
        if not isinstance(fields, dict):
            raise ValidationError(_("The texts in %(l)s must be an object.") % {"l": language})
        unknown = set(fields) - set(TEXT_FIELDS)
        if unknown:
            names = ", ".join(sorted(map(str, unknown)))
            raise ValidationError(_("Unknown fields in %(l)s: %(f)s") % {"l": language, "f": names})
        texts = {}
        for field, text in fields.items():
            if text is None:
                continue
            if not isinstance(text, str):
                raise ValidationError(_("Every text must be a string."))
            limit = LABEL_MAX_LENGTH if field == "label" else TEXT_MAX_LENGTH
            if len(text.strip()) > limit:
                raise ValidationError(
                    _("The %(f)s in %(l)s is longer than %(n)s characters.")
                    % {"f": field, "l": language, "n": limit}
                )
            if text.strip():
                texts[field] = text.strip()
        if texts:
            cleaned[language] = {**cleaned.get(language, {}), **texts}
    if not cleaned.get(BASE_LANGUAGE, {}).get("label"):
        raise ValidationError(_("A label in English is required."))
    return cleaned


def translations_merge(current: dict, changes: dict) -> dict:
    """``current`` with ``changes`` laid over it field by field: a text replaces that field, an
    empty text or null removes it, a null language removes the language. The result still needs
    ``translations_clean``."""
    merged = {language_normalise(k): dict(v) for k, v in (current or {}).items()}
    for language, fields in (changes or {}).items():
        key = language_normalise(language) if isinstance(language, str) else language
        if fields is None:
            merged.pop(key, None)
        elif isinstance(fields, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **fields}
        else:
            merged[key] = fields
    return merged


@dataclass(frozen=True)
class TranslatedText:
    """A code's text in one language. ``str()`` is the plain text (exports, messages); ``html``
    has ``lang`` and, when it fell back to English, a translated marker (pages)."""

    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def marked(self) -> str:
        """Plain text with the marker (charts, CSV/XLSX cells, quote sheets, option labels)."""
        return f"{self.text} {_('(in English)')}" if self.is_fallback else self.text

    @property
    def html(self) -> SafeString:
        """For a page: escaped, and when it fell back, in ``<span lang="en">`` followed by a
        translated "(in English)" marker. (Django's templates turn any value that is not a
        ``str`` into its ``str()`` before escaping, so templates need this string.)"""
        if not self.is_fallback:
            return conditional_escape(self.text)
        return format_html(
            '<span lang="{}">{}</span> <small class="fallback-marker">{}</small>',
            self.language,
            self.text,
            _("(in English)"),
        )

    def __html__(self) -> str:
        return str(self.html)


def _candidates(language: str) -> list[str]:
    language = language_normalise(language) or BASE_LANGUAGE
    base = language.split("-")[0]
    return list(dict.fromkeys([language, base]))


def code_text(code_or_translations, field: str, language: str | None = None) -> tuple[str, bool]:
    """(text, is_fallback) of a code's ``field`` in ``language`` (default: the active one).

    The reader's exact language first, then its base language (``pt`` for ``pt-br``), then
    English, which is a fallback unless the reader asked for English. Takes a ``Code`` or its
    ``translations`` dict (for ``values()`` queries)."""
    translations = getattr(code_or_translations, "translations", code_or_translations) or {}
    for candidate in _candidates(language or get_language() or BASE_LANGUAGE):
        text = (translations.get(candidate) or {}).get(field, "")
        if text:
            return text, False
    text = (translations.get(BASE_LANGUAGE) or {}).get(field, "")
    asked_english = _candidates(language or get_language() or BASE_LANGUAGE)[-1] == BASE_LANGUAGE
    return text, bool(text) and not asked_english


def code_translated(code_or_translations, field: str, language: str | None = None):
    """``code_text`` as a ``TranslatedText`` (what templates show, with the marker)."""
    text, fallback = code_text(code_or_translations, field, language)
    shown = BASE_LANGUAGE if fallback else language_normalise(language or get_language() or "en")
    return TranslatedText(text=text, language=shown, is_fallback=fallback)
