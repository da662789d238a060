"""A researcher's own code applications on a story's research copy."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from coding.models import Code, CodeApplication
from coding.services.common import full_clean
from core.exceptions import ApplicationError


def research_text(testimony) -> str:
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


def check_codable(code: Code) -> None:
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
    check_codable(code)
    validate_span(text=research_text(testimony), start=start, end=end)
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
    # NOTE: the span, the duplicate and the human row's status were checked above (and the
    # database enforces every constraint on save): the fields only, not three queries a check.
    full_clean(
        application,
        exclude=["testimony", "code", "coder", "suggestion"],
        validate_constraints=False,
    )
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
    # NOTE: the span, the duplicate and the human row's status were checked above (and the
    # database enforces every constraint on save): the fields only, not three queries a check.
    full_clean(
        application,
        exclude=["testimony", "code", "coder", "suggestion"],
        validate_constraints=False,
    )
    application.save(update_fields=["comment", "updated_at"])
    return application


@transaction.atomic
def application_delete(*, application: CodeApplication, user) -> None:
    if application.source != CodeApplication.Source.HUMAN or application.coder_id != user.id:
        raise ApplicationError(_("You can only remove your own applications."))
    application.delete()
