"""A code's texts in every language: validation, the English fallback and its marker, the
default codebook complete in the six programme languages."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from coding.default_codebook import SUB_CODES, TEXTS, THEMES, default_translations
from coding.models import Code
from coding.services import code_create, codebook_create, codebook_default_seed
from coding.translations import (
    TEXT_FIELDS,
    code_text,
    code_translated,
    language_normalise,
    translations_clean,
    translations_merge,
)
from core.exceptions import ApplicationError

PROGRAMME_LANGUAGES = [language_normalise(code) for code, _name in settings.LANGUAGES]


def test_the_default_codebook_is_complete_in_every_programme_language():
    keys = [*THEMES, *(key for _, key in SUB_CODES)]
    assert set(TEXTS) == set(PROGRAMME_LANGUAGES) == {"en", "fr", "pt-br", "es", "de", "ja"}
    for key in keys:
        translations = default_translations(key)
        for language in PROGRAMME_LANGUAGES:
            texts = translations[language]
            assert set(texts) == set(TEXT_FIELDS), (key, language)
            assert all(text.strip() for text in texts.values()), (key, language)
        assert translations_clean(translations) == translations  # already clean and valid
    for language in PROGRAMME_LANGUAGES:
        labels = [default_translations(key)[language]["label"] for key in keys]
        assert len(set(labels)) == len(labels), language  # no two codes share a label


@pytest.mark.django_db
def test_seed_writes_every_language_and_pages_read_the_readers_one():
    book = codebook_default_seed()
    theme = Code.objects.get(codebook=book, key="workforce")
    assert set(theme.translations) == set(PROGRAMME_LANGUAGES)
    with translation.override("pt-br"):
        assert theme.label == "Profissionais de saúde para todas as pessoas"
        assert str(theme) == theme.label
    with translation.override("ja"):
        assert theme.description.startswith("あらゆる背景の人に開かれた医療の仕事です")


@pytest.mark.parametrize(
    "value, message",
    [
        ([], "object keyed by language"),
        ({}, "A label in English is required"),
        ({"fr": {"label": "Soins"}}, "A label in English is required"),
        ({"en": {"label": "  "}}, "A label in English is required"),
        ({"en": {"label": "Care"}, "english!": {"label": "x"}}, "not a language tag"),
        ({"en": {"label": "Care", "colour": "red"}}, "Unknown fields in en: colour"),
        ({"en": {"label": "Care"}, "fr": "Soins"}, "must be an object"),
        ({"en": {"label": 3}}, "must be a string"),
        ({"en": {"label": "x" * 201}}, "longer than 200"),
    ],
)
def test_invalid_translations_are_refused(value, message):
    with pytest.raises(ValidationError) as error:
        translations_clean(value)
    assert message in " ".join(error.value.messages)


def test_translations_are_normalised():
    assert translations_clean(
        {"EN": {"label": " Care ", "example": ""}, "pt_BR": {"label": "Cuidado"}, "ja": {}}
    ) == {"en": {"label": "Care"}, "pt-br": {"label": "Cuidado"}}
    merged = translations_merge(
        {"en": {"label": "Care", "example": "An example"}, "fr": {"label": "Soins"}},
        {"en": {"example": ""}, "fr": None, "de": {"label": "Pflege"}},
    )
    assert translations_clean(merged) == {"en": {"label": "Care"}, "de": {"label": "Pflege"}}


@pytest.mark.django_db
def test_model_clean_and_services_refuse_a_code_without_english():
    book = codebook_create(name="Trust")
    code = Code(codebook=book, key="x", translations={"fr": {"label": "Soins"}})
    with pytest.raises(ValidationError) as error:
        code.full_clean()
    assert "translations" in error.value.message_dict
    with pytest.raises(ApplicationError) as refused:
        code_create(codebook=book, user=None, translations={"fr": {"label": "Soins"}})
    assert "translations" in refused.value.field_errors
    assert not Code.objects.filter(codebook=book).exists()


def test_code_text_falls_back_to_english_and_says_so():
    translations = {
        "en": {"label": "Care", "description": "About care"},
        "pt": {"label": "Cuidado"},
        "fr": {"label": "Soins"},
    }
    assert code_text(translations, "label", "fr") == ("Soins", False)
    assert code_text(translations, "label", "pt-br") == ("Cuidado", False)  # base language
    assert code_text(translations, "description", "fr") == ("About care", True)
    assert code_text(translations, "label", "de") == ("Care", True)
    assert code_text(translations, "label", "en-gb") == ("Care", False)  # English was asked
    assert code_text(translations, "example", "de") == ("", False)  # nothing to fall back to
    with translation.override("fr"):
        assert code_text(translations, "label") == ("Soins", False)


def test_the_fallback_marker_is_visible_translated_and_escaped():
    translations = {"en": {"label": "<b>Care</b>"}, "fr": {"label": "Soins & co"}}
    with translation.override("fr"):
        shown = code_translated(translations, "label", "de")
        assert str(shown) == "<b>Care</b>" and shown.is_fallback
        assert shown.html == (
            '<span lang="en">&lt;b&gt;Care&lt;/b&gt;</span> '
            '<small class="fallback-marker">(en anglais)</small>'
        )
        assert shown.marked == "<b>Care</b> (en anglais)"
        native = code_translated(translations, "label")
        assert native.html == "Soins &amp; co" and native.marked == "Soins & co"
