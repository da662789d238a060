"""Writes for coding. Every function is keyword-only and atomic; bad input raises
ApplicationError with a message per field, and nothing is saved."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coding.models import (
    Code,
    CodeApplication,
    Codebook,
    CodebookVersion,
    CodingCompletion,
    Memo,
    Reconciliation,
)
from core.exceptions import ApplicationError

CODE_FIELDS = (
    "key",
    "label_en",
    "label_fr",
    "description_en",
    "description_fr",
    "inclusion_criteria",
    "exclusion_criteria",
    "example",
    "colour",
    "is_codable",
    "is_exclusive_group",
)


def _full_clean(obj, exclude=None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise ApplicationError(
            _("Please correct the errors below."),
            field_errors={k: [str(m) for m in v] for k, v in exc.message_dict.items()},
        ) from exc


# Codebooks and their versions -----------------------------------------------------------------


def codebook_snapshot(*, codebook: Codebook) -> dict:
    """Every live code of a codebook with its fields, in tree order (parents before children)."""
    codes = list(
        Code.objects.filter(codebook=codebook, is_archived=False).order_by("position", "id")
    )
    by_id = {c.id: c for c in codes}
    rows = []
    for code in codes:
        parent = by_id.get(code.parent_id)
        rows.append(
            {
                "guid": str(code.guid),
                "parent": str(parent.guid) if parent else None,
                "position": code.position,
                **{f: getattr(code, f) for f in CODE_FIELDS},
            }
        )
    return {
        "name": codebook.name,
        "slug": codebook.slug,
        "description": codebook.description,
        "codes": rows,
    }


def codebook_version_record(*, codebook: Codebook, user, summary: str) -> CodebookVersion:
    # NOTE: lock the codebook row so that two concurrent changes get distinct version numbers.
    Codebook.objects.select_for_update().filter(pk=codebook.pk).first()
    last = codebook.versions.aggregate(n=Max("number"))["n"] or 0
    return CodebookVersion.objects.create(
        codebook=codebook,
        number=last + 1,
        summary=summary[:300],
        snapshot=codebook_snapshot(codebook=codebook),
        created_by=user if user is not None and user.is_authenticated else None,
    )


@transaction.atomic
def codebook_create(*, name: str, description: str = "", user=None, slug: str = "") -> Codebook:
    base = slugify(slug or name)[:90] or "codebook"
    candidate, n = base, 1
    # NOTE: "new" and "import" are page names under /coding/codebooks/.
    while candidate in {"new", "import"} or Codebook.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    codebook = Codebook(name=name.strip(), slug=candidate, description=description)
    _full_clean(codebook)
    codebook.save()
    codebook_version_record(codebook=codebook, user=user, summary=_("Codebook created"))
    return codebook


# Codes ----------------------------------------------------------------------------------------


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
    label_en: str,
    label_fr: str,
    parent: Code | None = None,
    key: str = "",
    position: int | None = None,
    record_version: bool = True,
    **fields,
) -> Code:
    unknown = set(fields) - set(CODE_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
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
        key=key or _unique_key(codebook, "", label_en),
        label_en=label_en.strip(),
        label_fr=label_fr.strip(),
        position=position,
        **fields,
    )
    _full_clean(code, exclude=["codebook", "parent", "merged_into"])
    code.save()
    if record_version:
        codebook_version_record(
            codebook=codebook, user=user, summary=_("Added “%(l)s”") % {"l": code.label_en}
        )
    return code


@transaction.atomic
def code_update(*, code: Code, user, **fields) -> Code:
    """Rename a code or change its description, criteria, example or colour."""
    unknown = set(fields) - set(CODE_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if code.is_archived:
        raise ApplicationError(_("An archived code cannot be changed."))
    before = code.label_en
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
    _full_clean(code, exclude=["codebook", "parent", "merged_into"])
    code.save()
    summary = (
        _("Renamed “%(a)s” to “%(b)s”") % {"a": before, "b": code.label_en}
        if before != code.label_en
        else _("Edited “%(l)s”") % {"l": code.label_en}
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
    where = parent.label_en if parent else _("the top level")
    codebook_version_record(
        codebook=code.codebook,
        user=user,
        summary=_("Moved “%(l)s” under %(p)s") % {"l": code.label_en, "p": where},
    )
    return code


@transaction.atomic
def code_merge(*, source: Code, target: Code, user) -> Code:
    """Merge ``source`` into ``target``: every application, sub-code, memo and reconciliation
    moves to ``target``; ``source`` is archived with ``merged_into`` = target."""
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

    # Applications: where the survivor already holds the same (story, coder, span) or machine
    # key, the duplicate is dropped; the rest are re-pointed in one UPDATE.
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
    moved = moving.update(code=target, updated_at=timezone.now())

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
        % {"a": source.label_en, "b": target.label_en, "n": moved},
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
    codebook, label = code.codebook, code.label_en
    Memo.objects.filter(code=code).update(kind=Memo.Kind.PROJECT, code=None)
    Code.objects.filter(merged_into=code).update(merged_into=None)
    Code.objects.filter(parent=code).update(parent=None)
    code.delete()
    codebook_version_record(
        codebook=codebook, user=user, summary=_("Deleted “%(l)s”") % {"l": label}
    )


# Applications ---------------------------------------------------------------------------------


def _research_text(testimony) -> str:
    copy = getattr(testimony, "research_copy", None)
    return copy.redacted_text if copy is not None else ""


def validate_span(*, text: str, start: int | None, end: int | None) -> None:
    """Offsets count Unicode code points (Python ``str`` indices); the end is exclusive."""
    if start is None and end is None:
        return
    errors = {}
    if start is None or end is None:
        errors["start"] = [_("Give both the start and the end of the passage, or neither.")]
    elif start < 0:
        errors["start"] = [_("The start cannot be negative.")]
    elif end <= start:
        errors["end"] = [_("The end must come after the start.")]
    elif end > len(text):
        errors["end"] = [
            _("The passage ends after the end of the story (%(n)s characters).") % {"n": len(text)}
        ]
    if errors:
        raise ApplicationError(_("The selected passage is not valid."), field_errors=errors)


def _check_codable(code: Code) -> None:
    if code.is_archived:
        raise ApplicationError(
            _("This code is archived."), field_errors={"code": [_("This code is archived.")]}
        )
    if not code.is_codable:
        raise ApplicationError(
            _("This code groups other codes and cannot be applied."),
            field_errors={"code": [_("This code groups other codes and cannot be applied.")]},
        )


@transaction.atomic
def application_create(
    *,
    testimony,
    code: Code,
    coder,
    start: int | None = None,
    end: int | None = None,
    comment: str = "",
    suggestion: CodeApplication | None = None,
) -> CodeApplication:
    """A researcher applies a code to a passage of a story's research copy, or to all of it."""
    _check_codable(code)
    validate_span(text=_research_text(testimony), start=start, end=end)
    duplicate = CodeApplication.objects.filter(
        testimony=testimony,
        code=code,
        coder=coder,
        source=CodeApplication.Source.HUMAN,
        start=start,
        end=end,
    )
    if start is None:
        duplicate = CodeApplication.objects.filter(
            testimony=testimony,
            code=code,
            coder=coder,
            source=CodeApplication.Source.HUMAN,
            start__isnull=True,
        )
    if duplicate.exists():
        raise ApplicationError(
            _("You have already applied this code here."),
            field_errors={"code": [_("You have already applied this code here.")]},
        )
    application = CodeApplication(
        testimony=testimony,
        code=code,
        coder=coder,
        source=CodeApplication.Source.HUMAN,
        status=CodeApplication.Status.ACCEPTED,
        start=start,
        end=end,
        comment=comment.strip(),
        suggestion=suggestion,
    )
    _full_clean(application, exclude=["testimony", "code", "coder", "suggestion"])
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:
        raise ApplicationError(_("You have already applied this code here.")) from exc
    return application


@transaction.atomic
def application_update(*, application: CodeApplication, user, comment: str) -> CodeApplication:
    if application.coder_id != user.id:
        raise ApplicationError(_("You can only change your own applications."))
    application.comment = comment.strip()
    _full_clean(application, exclude=["testimony", "code", "coder", "suggestion"])
    application.save(update_fields=["comment", "updated_at"])
    return application


@transaction.atomic
def application_delete(*, application: CodeApplication, user) -> None:
    if application.source != CodeApplication.Source.HUMAN or application.coder_id != user.id:
        raise ApplicationError(_("You can only remove your own applications."))
    application.delete()


# Machine suggestions --------------------------------------------------------------------------


@transaction.atomic
def suggestion_record(
    *,
    testimony,
    code: Code,
    confidence: float,
    model_version: str,
    start: int | None = None,
    end: int | None = None,
    evidence_start: int | None = None,
    evidence_end: int | None = None,
) -> tuple[CodeApplication, bool]:
    """Record a machine suggestion; safe to call twice (returns the existing row, created=False).

    A pending suggestion is refreshed with the new confidence, version and evidence; one a
    researcher has already accepted or rejected is left exactly as it is.
    """
    _check_codable(code)
    text = _research_text(testimony)
    validate_span(text=text, start=start, end=end)
    validate_span(text=text, start=evidence_start, end=evidence_end)
    key = {"testimony": testimony, "code": code, "source": CodeApplication.Source.MACHINE}
    key.update({"start__isnull": True} if start is None else {"start": start, "end": end})
    values = {
        "confidence": confidence,
        "model_version": model_version,
        "evidence_start": evidence_start,
        "evidence_end": evidence_end,
    }
    existing = CodeApplication.objects.select_for_update().filter(**key).first()
    if existing is not None:
        if existing.status == CodeApplication.Status.SUGGESTED:
            for name, value in values.items():
                setattr(existing, name, value)
            _full_clean(existing, exclude=["testimony", "code", "coder", "suggestion"])
            existing.save(update_fields=[*values, "updated_at"])
        return existing, False
    suggestion = CodeApplication(
        testimony=testimony,
        code=code,
        coder=None,
        source=CodeApplication.Source.MACHINE,
        status=CodeApplication.Status.SUGGESTED,
        start=start,
        end=end,
        **values,
    )
    _full_clean(suggestion, exclude=["testimony", "code", "coder", "suggestion"])
    try:
        with transaction.atomic():
            suggestion.save()
    except IntegrityError:
        # NOTE: a concurrent run of the same task inserted it first: theirs stands.
        return CodeApplication.objects.get(**key), False
    return suggestion, True


def _pending(suggestion: CodeApplication) -> CodeApplication:
    locked = CodeApplication.objects.select_for_update().get(pk=suggestion.pk)
    if locked.source != CodeApplication.Source.MACHINE:
        raise ApplicationError(_("This is not a machine suggestion."))
    if locked.status != CodeApplication.Status.SUGGESTED:
        raise ApplicationError(_("This suggestion has already been reviewed."))
    return locked


@transaction.atomic
def suggestion_accept(*, suggestion: CodeApplication, user, comment: str = "") -> CodeApplication:
    """The researcher adopts a suggestion: it becomes their own application."""
    locked = _pending(suggestion)
    locked.status = CodeApplication.Status.ACCEPTED
    locked.reviewed_by = user
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    mine = CodeApplication.objects.filter(
        testimony_id=locked.testimony_id,
        code_id=locked.code_id,
        coder=user,
        source=CodeApplication.Source.HUMAN,
    )
    mine = (
        mine.filter(start__isnull=True)
        if locked.start is None
        else mine.filter(start=locked.start, end=locked.end)
    )
    existing = mine.first()
    if existing is not None:
        return existing
    return application_create(
        testimony=locked.testimony,
        code=locked.code,
        coder=user,
        start=locked.start,
        end=locked.end,
        comment=comment,
        suggestion=locked,
    )


@transaction.atomic
def suggestion_reject(*, suggestion: CodeApplication, user) -> CodeApplication:
    """The researcher rejects a suggestion; the row stays, marked rejected, for learning."""
    locked = _pending(suggestion)
    locked.status = CodeApplication.Status.REJECTED
    locked.reviewed_by = user
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    return locked


# Memos ----------------------------------------------------------------------------------------


@transaction.atomic
def memo_create(*, author, title: str, body: str, code: Code | None = None, testimony=None) -> Memo:
    if code is not None and testimony is not None:
        raise ApplicationError(_("A memo is about a story, a code or the project, not several."))
    kind = Memo.Kind.CODE if code else Memo.Kind.STORY if testimony else Memo.Kind.PROJECT
    memo = Memo(
        kind=kind, code=code, testimony=testimony, author=author, title=title.strip(), body=body
    )
    _full_clean(memo, exclude=["code", "testimony", "author"])
    memo.save()
    return memo


@transaction.atomic
def memo_update(*, memo: Memo, user, title: str, body: str) -> Memo:
    if memo.author_id != user.id:
        raise ApplicationError(_("Only the memo's author can change it."))
    memo.title = title.strip()
    memo.body = body
    _full_clean(memo, exclude=["code", "testimony", "author"])
    memo.save(update_fields=["title", "body", "updated_at"])
    return memo


@transaction.atomic
def memo_delete(*, memo: Memo, user) -> None:
    if memo.author_id != user.id:
        raise ApplicationError(_("Only the memo's author can delete it."))
    memo.delete()


# Completion and reconciliation ----------------------------------------------------------------


@transaction.atomic
def coding_complete(*, testimony, coder, done: bool = True) -> None:
    """A coder marks a story as fully coded (or reopens it)."""
    if done:
        CodingCompletion.objects.get_or_create(testimony=testimony, coder=coder)
    else:
        CodingCompletion.objects.filter(testimony=testimony, coder=coder).delete()


@transaction.atomic
def reconciliation_record(
    *, testimony, code: Code, user, decision: str, note: str = ""
) -> Reconciliation:
    if decision not in Reconciliation.Decision.values:
        raise ApplicationError(
            _("Choose whether the code applies."),
            field_errors={"decision": [_("Choose whether the code applies.")]},
        )
    reconciliation, _created = Reconciliation.objects.update_or_create(
        testimony=testimony,
        code=code,
        defaults={"decision": decision, "note": note.strip(), "decided_by": user},
    )
    return reconciliation


# Erasure --------------------------------------------------------------------------------------


def erase_for_testimony(testimony_id: int) -> None:
    """Full withdrawal: delete every code, suggestion, memo and decision derived from a story.

    Called by the testimonies withdrawal service inside its transaction; idempotent.
    """
    CodeApplication.objects.filter(testimony_id=testimony_id).update(suggestion=None)
    CodeApplication.objects.filter(testimony_id=testimony_id).delete()
    Memo.objects.filter(testimony_id=testimony_id).delete()
    CodingCompletion.objects.filter(testimony_id=testimony_id).delete()
    Reconciliation.objects.filter(testimony_id=testimony_id).delete()


def on_scopes_narrowed(testimony_id: int, scopes: set[str]) -> None:
    """Without research consent nothing derived from the story may stay."""
    if "research" in scopes:
        erase_for_testimony(testimony_id)


def theme_counts(testimony_ids) -> dict[str, int]:
    """Stories per top-level theme of the default codebook (a researcher's code on the theme or
    on one of its sub-codes). Counts only, for facilitators' dashboards."""
    codebook = Codebook.objects.filter(is_default=True).first()
    if codebook is None:
        return {}
    codes = list(
        Code.objects.filter(codebook=codebook, is_archived=False).values("id", "parent_id", "key")
    )
    parents = {c["id"]: c["parent_id"] for c in codes}
    keys = {c["id"]: c["key"] for c in codes}

    def theme_of(code_id):
        while parents.get(code_id) is not None:
            code_id = parents[code_id]
        return code_id

    pairs = (
        CodeApplication.objects.filter(
            testimony_id__in=testimony_ids,
            code__codebook=codebook,
            source=CodeApplication.Source.HUMAN,
        )
        .values_list("testimony_id", "code_id")
        .distinct()
    )
    stories: dict[str, set] = {}
    for testimony_id, code_id in pairs.iterator(chunk_size=5000):
        theme = keys.get(theme_of(code_id))
        if theme:
            stories.setdefault(theme, set()).add(testimony_id)
    return {theme: len(ids) for theme, ids in sorted(stories.items())}
