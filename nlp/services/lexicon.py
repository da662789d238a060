"""Lexicon edits: seed from the shipped files, add, switch on or off, delete.

Each change bumps the language's revision, so that every worker rebuilds its matcher.
"""

import json
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from coding.selectors import default_codes
from core.exceptions import ApplicationError
from core.outbox import outbox_enqueue
from nlp.lexicon import lexicon_file_entries, pattern_validate, shipped_languages
from nlp.models import ClassifierVersion, LexiconEntry, LexiconRevision
from nlp.pipelines import SUPPORTED_LANGUAGES, pipeline_for
from nlp.selectors import shipped_code_keys


def _bump_revision(language: str) -> None:
    updated = LexiconRevision.objects.filter(language=language).update(revision=F("revision") + 1)
    if not updated:
        LexiconRevision.objects.get_or_create(language=language, defaults={"revision": 1})
    if ClassifierVersion.objects.filter(is_active=True).exists():
        # The classifier is used only while it beats the lexicon: compare them again.
        outbox_enqueue(task_name="nlp.recheck_classifier", kwargs={})


@transaction.atomic
def lexicon_seed(*, languages: Iterable[str] | None = None) -> int:
    """Load the shipped lexicon files; entries already there (edited or not) are kept."""
    created = 0
    for lang in languages or shipped_languages():
        rows = []
        for code_key, spec in lexicon_file_entries(lang).items():
            for term in spec["terms"]:
                rows.append(
                    LexiconEntry(
                        language=lang,
                        code_key=code_key,
                        kind=LexiconEntry.Kind.TERM,
                        value=term.strip(),
                        source=LexiconEntry.Source.SEED,
                    )
                )
            for pattern in spec["patterns"]:
                rows.append(
                    LexiconEntry(
                        language=lang,
                        code_key=code_key,
                        kind=LexiconEntry.Kind.PATTERN,
                        value=json.dumps(pattern, ensure_ascii=False, sort_keys=True),
                        source=LexiconEntry.Source.SEED,
                    )
                )
        before = LexiconEntry.objects.filter(language=lang).count()
        LexiconEntry.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        added = LexiconEntry.objects.filter(language=lang).count() - before
        if added:
            _bump_revision(lang)
        created += added
    return created


def _lexicon_code_keys() -> set[str]:
    return set(default_codes()) | shipped_code_keys()


def _clean_entry(*, language: str, code_key: str, kind: str, value: str) -> str:
    errors: dict[str, list[str]] = {}
    if language not in SUPPORTED_LANGUAGES:
        errors["language"] = [_("Choose one of the supported languages.")]
    if code_key not in _lexicon_code_keys():
        errors["code_key"] = [_("Choose a code of the default codebook.")]
    if kind not in LexiconEntry.Kind.values:
        errors["kind"] = [_("Choose a term or a pattern.")]
    value = (value or "").strip()
    if not value:
        errors["value"] = [_("Enter a term.")]
    elif len(value) > 500:
        errors["value"] = [_("A term has at most 500 characters.")]
    elif kind == LexiconEntry.Kind.PATTERN and "language" not in errors:
        try:
            pattern = json.loads(value)
            pattern_validate(pipeline_for(language), pattern)
            value = json.dumps(pattern, ensure_ascii=False, sort_keys=True)
        except (ValueError, TypeError) as exc:
            errors["value"] = [_("This is not a valid token pattern: %(error)s") % {"error": exc}]
    if errors:
        raise ApplicationError(_("The lexicon entry was not saved."), field_errors=errors)
    return value


@transaction.atomic
def lexicon_entry_create(
    *, language: str, code_key: str, value: str, user, kind: str = LexiconEntry.Kind.TERM
) -> LexiconEntry:
    value = _clean_entry(language=language, code_key=code_key, kind=kind, value=value)
    entry = LexiconEntry(
        language=language,
        code_key=code_key,
        kind=kind,
        value=value,
        source=LexiconEntry.Source.RESEARCHER,
        created_by=user,
    )
    entry.full_clean(exclude=["created_by"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as exc:
        raise ApplicationError(
            _("The lexicon entry was not saved."),
            field_errors={"value": [_("This term is already in the lexicon for this code.")]},
        ) from exc
    _bump_revision(language)
    return entry


@transaction.atomic
def lexicon_entry_update(*, entry: LexiconEntry, user, is_active: bool) -> LexiconEntry:
    locked = LexiconEntry.objects.select_for_update().get(pk=entry.pk)
    if locked.is_active != is_active:
        locked.is_active = is_active
        locked.save(update_fields=["is_active", "updated_at"])
        _bump_revision(locked.language)
    return locked


@transaction.atomic
def lexicon_entry_delete(*, entry: LexiconEntry, user) -> None:
    language = entry.language
    deleted, _rows = LexiconEntry.objects.filter(pk=entry.pk).delete()
    if deleted:
        _bump_revision(language)
