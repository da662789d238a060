"""A coder's "fully coded" mark and the team's reconciliation decisions."""

from django.db import transaction
from django.utils.translation import gettext as _

from coding.models import Code, CodingCompletion, Reconciliation
from core.exceptions import ApplicationError


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
