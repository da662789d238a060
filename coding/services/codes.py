"""Codes: create, edit, move in the tree, merge into another, delete when unused."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coding.models import Code, CodeApplication, Codebook, Memo, Reconciliation
from coding.services.codebooks import CODE_FIELDS, codebook_version_record
from coding.services.common import full_clean
from coding.translations import BASE_LANGUAGE, code_text, translations_clean, translations_merge
from core.exceptions import ApplicationError


def _english(code: Code) -> str:
    """Version summaries name codes in English, the one language every code has."""
    return code_text(code, "label", BASE_LANGUAGE)[0]


def _clean_translations(translations) -> dict:
    try:
        return translations_clean(translations)
    except ValidationError as error:
        raise ApplicationError(
            " ".join(error.messages), field_errors={"translations": error.messages}
        ) from error


def _unique_key(codebook: Codebook, wanted: str, label: str) -> str:
    base = slugify(wanted or label).replace("-", "_")[:90] or "code"
    candidate, n = base, 1
    while Code.objects.filter(codebook=codebook, key=candidate).exists():
        n += 1
        candidate = f"{base}_{n}"
    return candidate


def _check_parent(*, codebook: Codebook, code: Code | None, parent: Code | None) -> None:
    if parent is None:
        return
    if parent.codebook_id != codebook.id:
        raise ApplicationError(
            _("The parent must be in the same codebook."),
            field_errors={"parent": [_("Choose a code from this codebook.")]},
        )
    if parent.is_archived:
        raise ApplicationError(
            _("The parent code is archived."),
            field_errors={"parent": [_("Choose a code that is not archived.")]},
        )
    if code is None:
        return
    ancestor = parent
    while ancestor is not None:
        if ancestor.pk == code.pk:
            raise ApplicationError(
                _("A code cannot move under itself or one of its sub-codes."),
                field_errors={"parent": [_("A code cannot move under itself or its sub-codes.")]},
            )
        ancestor = ancestor.parent


@transaction.atomic
def code_create(
    *,
    codebook: Codebook,
    user,
    translations: dict,
    parent: Code | None = None,
    key: str = "",
    position: int | None = None,
    record_version: bool = True,
    **fields,
) -> Code:
    unknown = set(fields) - set(CODE_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    translations = _clean_translations(translations)
    _check_parent(codebook=codebook, code=None, parent=parent)
    if key and Code.objects.filter(codebook=codebook, key=key).exists():
        raise ApplicationError(
            _("This key is already used in the codebook."),
            field_errors={"key": [_("This key is already used in the codebook.")]},
        )
    if position is None:
        siblings = Code.objects.filter(codebook=codebook, parent=parent)
        position = (siblings.aggregate(p=Max("position"))["p"] or 0) + 1
    code = Code(
        codebook=codebook,
        parent=parent,
        key=key or _unique_key(codebook, "", translations["en"]["label"]),
        translations=translations,
        position=position,
        **fields,
    )
    full_clean(code, exclude=["codebook", "parent", "merged_into"])
    code.save()
    if record_version:
        codebook_version_record(
            codebook=codebook, user=user, summary=_("Added “%(l)s”") % {"l": _english(code)}
        )
    return code


@transaction.atomic
def code_update(*, code: Code, user, translations: dict | None = None, **fields) -> Code:
    """Rename a code or change its texts, key or colour. ``translations`` replaces the
    languages it names (each whole; an empty one removes that language) and keeps the others."""
    unknown = set(fields) - set(CODE_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if code.is_archived:
        raise ApplicationError(_("An archived code cannot be changed."))
    before = _english(code)
    if translations is not None:
        code.translations = _clean_translations(translations_merge(code.translations, translations))
    for name, value in fields.items():
        setattr(code, name, value.strip() if isinstance(value, str) else value)
    if (
        "key" in fields
        and Code.objects.filter(codebook=code.codebook_id, key=code.key)
        .exclude(pk=code.pk)
        .exists()
    ):
        raise ApplicationError(
            _("This key is already used in the codebook."),
            field_errors={"key": [_("This key is already used in the codebook.")]},
        )
    full_clean(code, exclude=["codebook", "parent", "merged_into"])
    code.save()
    summary = (
        _("Renamed “%(a)s” to “%(b)s”") % {"a": before, "b": _english(code)}
        if before != _english(code)
        else _("Edited “%(l)s”") % {"l": _english(code)}
    )
    codebook_version_record(codebook=code.codebook, user=user, summary=summary)
    return code


@transaction.atomic
def code_move(*, code: Code, user, parent: Code | None, position: int | None = None) -> Code:
    """Move a code under another parent (or to the top level), optionally at a position."""
    if code.is_archived:
        raise ApplicationError(_("An archived code cannot be moved."))
    _check_parent(codebook=code.codebook, code=code, parent=parent)
    siblings = list(
        Code.objects.filter(codebook=code.codebook_id, parent=parent, is_archived=False)
        .exclude(pk=code.pk)
        .order_by("position", "id")
    )
    index = len(siblings) if position is None else max(0, min(position - 1, len(siblings)))
    siblings.insert(index, code)
    code.parent = parent
    for number, sibling in enumerate(siblings, start=1):
        if sibling.pk == code.pk:
            code.position = number
        elif sibling.position != number:
            Code.objects.filter(pk=sibling.pk).update(position=number)
    code.save(update_fields=["parent", "position", "updated_at"])
    where = _english(parent) if parent else _("the top level")
    codebook_version_record(
        codebook=code.codebook,
        user=user,
        summary=_("Moved “%(l)s” under %(p)s") % {"l": _english(code), "p": where},
    )
    return code


def _check_merge(*, source: Code, target: Code) -> None:
    if source.pk == target.pk:
        raise ApplicationError(
            _("A code cannot be merged into itself."),
            field_errors={"target": [_("Choose another code.")]},
        )
    if source.codebook_id != target.codebook_id:
        raise ApplicationError(
            _("Both codes must be in the same codebook."),
            field_errors={"target": [_("Choose a code from this codebook.")]},
        )
    if source.is_archived or target.is_archived:
        raise ApplicationError(_("Archived codes cannot be merged."))
    ancestor = target.parent
    while ancestor is not None:
        if ancestor.pk == source.pk:
            raise ApplicationError(
                _("A code cannot be merged into one of its own sub-codes."),
                field_errors={"target": [_("Choose a code outside this one's sub-codes.")]},
            )
        ancestor = ancestor.parent


def _move_applications(*, source: Code, target: Code) -> int:
    """Re-point ``source``'s applications to ``target``; returns how many moved.

    Where the survivor already holds the same (story, coder, span) or machine key, the
    duplicate is dropped; the rest are re-pointed in one UPDATE.
    """
    moving = CodeApplication.objects.filter(code=source)
    existing = CodeApplication.objects.filter(code=target)
    human_keys = set(
        existing.filter(source=CodeApplication.Source.HUMAN).values_list(
            "testimony_id", "coder_id", "start", "end"
        )
    )
    machine_keys = set(
        existing.filter(source=CodeApplication.Source.MACHINE).values_list(
            "testimony_id", "start", "end"
        )
    )
    duplicates = []
    for app_id, testimony_id, coder_id, start, end, src in moving.values_list(
        "id", "testimony_id", "coder_id", "start", "end", "source"
    ).iterator(chunk_size=2000):
        human = src == CodeApplication.Source.HUMAN
        if (human and (testimony_id, coder_id, start, end) in human_keys) or (
            not human and (testimony_id, start, end) in machine_keys
        ):
            duplicates.append(app_id)
    # NOTE: a human application adopted from a dropped suggestion keeps its own row.
    CodeApplication.objects.filter(suggestion_id__in=duplicates).update(suggestion=None)
    CodeApplication.objects.filter(id__in=duplicates).delete()
    return moving.update(code=target, updated_at=timezone.now())


@transaction.atomic
def code_merge(*, source: Code, target: Code, user) -> Code:
    """Merge ``source`` into ``target``: every application, sub-code, memo and reconciliation
    moves to ``target``; ``source`` is archived with ``merged_into`` = target."""
    _check_merge(source=source, target=target)
    moved = _move_applications(source=source, target=target)
    Code.objects.filter(parent=source).update(parent=target)
    Memo.objects.filter(code=source).update(code=target)
    taken = set(Reconciliation.objects.filter(code=target).values_list("testimony_id", flat=True))
    Reconciliation.objects.filter(code=source, testimony_id__in=taken).delete()
    Reconciliation.objects.filter(code=source).update(code=target)

    source.is_archived = True
    source.merged_into = target
    source.save(update_fields=["is_archived", "merged_into", "updated_at"])
    Code.objects.filter(merged_into=source).update(merged_into=target)
    codebook_version_record(
        codebook=source.codebook,
        user=user,
        summary=_("Merged “%(a)s” into “%(b)s” (%(n)s applications moved)")
        % {"a": _english(source), "b": _english(target), "n": moved},
    )
    return target


@transaction.atomic
def code_delete(*, code: Code, user) -> None:
    """Delete a code nobody has used; a used code is merged into another instead."""
    if code.is_archived:
        raise ApplicationError(_("An archived code cannot be deleted."))
    if code.children.filter(is_archived=False).exists():
        raise ApplicationError(_("Move or delete its sub-codes first."))
    if CodeApplication.objects.filter(code=code).exists():
        raise ApplicationError(_("This code has been applied: merge it into another code instead."))
    codebook, label = code.codebook, _english(code)
    Memo.objects.filter(code=code).update(kind=Memo.Kind.PROJECT, code=None)
    Code.objects.filter(merged_into=code).update(merged_into=None)
    Code.objects.filter(parent=code).update(parent=None)
    code.delete()
    codebook_version_record(
        codebook=codebook, user=user, summary=_("Deleted “%(l)s”") % {"l": label}
    )
