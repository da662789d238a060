"""Withdrawal: by code, of some scopes (narrowing) or of everything (erasure, a tombstone stays)."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from core.exceptions import ApplicationError
from testimonies import erasure, ratelimit, withdrawal_codes
from testimonies.models import (
    CHARACTERISTIC_SCOPES,
    ConsentChange,
    ContactDetails,
    FollowUp,
    OwnReading,
    QuoteRequest,
    ResearchCopy,
    Scope,
    Testimony,
    TestimonyCharacteristics,
)
from testimonies.services.audit_trail import consent_audit, erasure_audit
from testimonies.services.checks import CHARACTERISTIC_CHOICES, scope_field, text_problem
from testimonies.services.quotes import quote_requests_cancel_waiting
from testimonies.services.submission import withdrawal_code_hash


class WithdrawalLocked(ApplicationError):
    """Too many wrong withdrawal codes from this client; try again later."""


def _erase(testimony: Testimony) -> None:
    TestimonyCharacteristics.objects.filter(testimony=testimony).delete()
    ContactDetails.objects.filter(testimony=testimony).delete()
    ResearchCopy.objects.filter(testimony=testimony).delete()
    # The loop's rows hold passages, answers and choices: they go with the story (issue 20).
    QuoteRequest.objects.filter(testimony=testimony).delete()
    FollowUp.objects.filter(testimony=testimony).delete()
    OwnReading.objects.filter(testimony=testimony).delete()
    erasure.run_erasure(testimony.pk)
    testimony.title = ""
    testimony.text = ""
    testimony.restore_trust = ""
    testimony.first_name = ""
    testimony.declared_language = ""
    testimony.trust_affected = ""
    testimony.reasons = []
    testimony.consequences = []
    for scope in Scope.values:
        setattr(testimony, scope_field(scope), False)
    testimony.status = Testimony.Status.WITHDRAWN
    testimony.withdrawn_at = timezone.now()
    testimony.save()


def _narrow(testimony: Testimony, effective: set[str]) -> None:
    for scope in effective:
        setattr(testimony, scope_field(scope), False)
    if Scope.QUOTE_NAMED in effective:
        testimony.first_name = ""
    testimony.save()
    characteristic_scopes = {s for s in effective if s in CHARACTERISTIC_SCOPES}
    if characteristic_scopes:
        chars = TestimonyCharacteristics.objects.filter(testimony=testimony).first()
        if chars is not None:
            for scope in characteristic_scopes:
                setattr(chars, scope, "")
            if any(getattr(chars, s) for s in CHARACTERISTIC_CHOICES):
                chars.save()
            else:
                chars.delete()
    if Scope.CONTACT in effective:
        ContactDetails.objects.filter(testimony=testimony).delete()
        FollowUp.objects.filter(testimony=testimony).delete()
    if effective & {Scope.QUOTE_ANONYMOUS, Scope.QUOTE_NAMED, Scope.QUOTE_ASK}:
        quote_requests_cancel_waiting(testimony=testimony)
    erasure.run_narrowing(testimony.pk, effective)


@transaction.atomic
def testimony_withdraw(
    *, testimony: Testimony, scopes: Iterable[str] | None = None, actor: str
) -> Testimony:
    """Withdraw some scopes, or everything (``scopes`` None, or including ``research``).

    Full withdrawal erases, in this one transaction, the text, the research copy, the
    characteristics, the contact details and every derived output registered in
    ``hooks.erasure_hooks``; a tombstone (id, event, dates, status) stays. Narrowing takes
    effect at once: the data a scope covered is deleted and every selector reads the flags.
    """
    locked = Testimony.objects.select_for_update().get(pk=testimony.pk)
    if not locked.is_active:
        raise ApplicationError(_("This story has already been withdrawn."))
    requested = None if scopes is None else {str(s) for s in scopes}
    if requested is not None and requested - set(Scope.values):
        raise ApplicationError(_("Unknown consent choice."))
    if requested is None or Scope.RESEARCH in requested:
        _erase(locked)
        ConsentChange.objects.create(
            testimony=locked, kind=ConsentChange.Kind.WITHDRAWN, actor=actor, scopes=[]
        )
        consent_audit(action=Action.CONSENT_WITHDRAWN, testimony=locked, actor=actor)
        erasure_audit(testimony=locked, actor=actor)
        return locked
    effective = {s for s in requested if getattr(locked, scope_field(s))}
    if not effective:
        raise ApplicationError(_("Choose at least one thing you agreed to and want to withdraw."))
    _narrow(locked, effective)
    ConsentChange.objects.create(
        testimony=locked, kind=ConsentChange.Kind.NARROWED, actor=actor, scopes=sorted(effective)
    )
    consent_audit(action=Action.CONSENT_NARROWED, testimony=locked, actor=actor, scopes=effective)
    return locked


def _locked_error() -> WithdrawalLocked:
    return WithdrawalLocked(
        _("Too many wrong codes. For your safety, please wait 15 minutes and try again."),
        field_errors={"code": [_("Too many attempts. Try again later.")]},
    )


def _testimony_for_parsed(parsed: withdrawal_codes.ParsedCode) -> Testimony | None:
    stories = Testimony.objects.select_related("event", "consent_text")
    if parsed.code is not None:
        testimony = stories.filter(withdrawal_id=parsed.code.public_id).first()
        if testimony is None:
            return None
        if ratelimit.story_locked(parsed.code.public_id):
            raise _locked_error()  # NOTE: even for the correct code; see testimonies.ratelimit.
        if withdrawal_codes.code_matches(parsed.code.secret, testimony.withdrawal_code_hash):
            return testimony
        ratelimit.story_failed(parsed.code.public_id)
        return None
    if parsed.legacy and text_problem(parsed.legacy) is None:
        return stories.filter(withdrawal_code_hash=withdrawal_code_hash(parsed.legacy)).first()
    return None


def testimony_for_withdrawal_code(*, code: str, client_key: str) -> Testimony:
    """The story a withdrawal code belongs to (either format, see testimonies.withdrawal_codes).

    Wrong codes are counted per client (a hash of the address, kept only in the cache, never with
    the story) and, when the code names a story, per story (testimonies.ratelimit). A correct
    code always succeeds, whatever others sent from the same address, unless its own story is
    locked by wrong secrets against it.
    """
    testimony = _testimony_for_parsed(withdrawal_codes.code_parse(code))
    if testimony is not None:
        return testimony
    already_locked = ratelimit.withdrawal_locked(client_key)
    ratelimit.withdrawal_failed(client_key)
    if already_locked:
        raise _locked_error()
    raise ApplicationError(
        _("This code does not match any story. Check it and try again."),
        field_errors={"code": [_("This code does not match any story.")]},
    )
