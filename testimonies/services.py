"""Writes: consent texts, stories with their consent, withdrawal, research copies, reads of the
original text. Called alike by the views, the API, the importer and the tests."""

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import EVENT_TEAM, Role, user_has_role
from core.exceptions import ApplicationError, NotFoundError
from core.outbox import outbox_enqueue
from events.models import Event
from testimonies import erasure, hooks, redaction
from testimonies.models import (
    CHARACTERISTIC_SCOPES,
    RESTORE_TRUST_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    AgeBand,
    Channel,
    ConsentChange,
    ConsentMethod,
    ConsentText,
    Consequence,
    ContactDetails,
    Gender,
    OriginalTextAccess,
    Reason,
    ResearchCopy,
    Scope,
    Testimony,
    TestimonyCharacteristics,
    TrustAffected,
    YesNo,
)

CHARACTERISTIC_CHOICES = {
    Scope.GENDER.value: Gender,
    Scope.AGE_BAND.value: AgeBand,
    Scope.ETHNIC_MINORITY.value: YesNo,
    Scope.DISABILITY.value: YesNo,
    Scope.LGBTQ.value: YesNo,
}
CONTACT_FIELDS = ("name", "email", "phone")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# SECURITY: a submission key also derives the withdrawal code shown on a retry, so it must be
# unguessable: at least 32 URL-safe characters (192 bits), as from secrets.token_urlsafe(32).
SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_-]{32,128}$")
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{2,}$")
PHONE = re.compile(r"^\+?[0-9 ().\-/]{6,30}$")


class WithdrawalLocked(ApplicationError):
    """Too many wrong withdrawal codes from this client; try again later."""


@dataclass(frozen=True)
class Submission:
    testimony: Testimony
    withdrawal_code: str
    created: bool


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def new_submission_key() -> str:
    return secrets.token_urlsafe(32)


def withdrawal_code_hash(code: str) -> str:
    return _sha256(code.strip())


def withdrawal_code_for_key(submission_key: str, event_id: int) -> str:
    """The withdrawal code of the story saved with ``submission_key`` (32 chars, 192 bits).

    NOTE: derived with the server's secret, so a retried POST can show the same code again
    while the database keeps only hashes of the key and of the code.
    """
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"entendu-withdrawal:{event_id}:{submission_key}".encode(),
        "sha256",
    ).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:32]


# ---------------------------------------------------------------------------------------------
# Text validation
# ---------------------------------------------------------------------------------------------


def text_problem(value: str) -> str | None:
    """Why a piece of text cannot be stored, or None. Rejects NUL and unpaired surrogates."""
    if "\x00" in value:
        return _("The text contains a NUL character, which cannot be stored. Please remove it.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _("The text contains characters that are not valid Unicode. Please retype them.")
    return None


def _check_text(errors, field, value, *, max_length, required=False, label=""):
    if not isinstance(value, str):
        errors.setdefault(field, []).append(_("This must be text."))
        return
    problem = text_problem(value)
    if problem:
        errors.setdefault(field, []).append(problem)
        return
    if required and not value.strip():
        errors.setdefault(field, []).append(_("Please write your story before sending it."))
    if len(value) > max_length:
        errors.setdefault(field, []).append(
            _("This is %(length)s characters long; the limit is %(max)s.")
            % {"length": len(value), "max": max_length}
        )


def _scope_field(scope: str) -> str:
    return f"scope_{scope}"


# ---------------------------------------------------------------------------------------------
# Consent texts
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def consent_text_create(*, language: str, title: str, body: str, user=None) -> ConsentText:
    """Publish a new version of the consent text in ``language``."""
    errors: dict[str, list[str]] = {}
    _check_text(errors, "body", body, max_length=20_000, required=True)
    _check_text(errors, "title", title, max_length=200)
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
        sha256=_sha256(body),
        created_by=user,
    )
    text.full_clean()
    text.save()
    return text


@transaction.atomic
def consent_texts_ensure_defaults() -> None:
    """Create the first English and French versions where a language has none (the data
    migration does it on install; demo seeding and flushed test databases call this)."""
    import importlib

    defaults = importlib.import_module("testimonies.migrations.0002_initial_consent_texts")
    for language, (title, body) in defaults.TEXTS.items():
        if not ConsentText.objects.filter(language=language).exists():
            ConsentText.objects.create(
                language=language, version=1, title=title, body=body, sha256=_sha256(body)
            )


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
    _check_text(errors, "body", body, max_length=20_000, required=True)
    _check_text(errors, "title", title, max_length=200)
    if errors:
        raise ApplicationError(_("The consent text could not be saved."), field_errors=errors)
    locked.title = title.strip() or locked.title
    locked.body = body
    locked.sha256 = _sha256(body)
    locked.full_clean()
    locked.save()
    return locked


# ---------------------------------------------------------------------------------------------
# Submitting a story
# ---------------------------------------------------------------------------------------------


def _validate_submission(
    *,
    event: Event,
    consent_text,
    scopes: set[str],
    text,
    title,
    declared_language,
    first_name,
    trust_affected,
    reasons,
    consequences,
    restore_trust,
    characteristics: dict,
    contact: dict,
    channel,
    consent_method,
    entered_by,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    unknown = scopes - set(Scope.values)
    if unknown:
        errors.setdefault("scopes", []).append(_("Unknown consent choice: %s") % ", ".join(unknown))
    if Scope.RESEARCH not in scopes:
        errors.setdefault("scope_research", []).append(
            _(
                "To send a story you need to agree that we store and analyse it for research. "
                "Nothing has been saved."
            )
        )
    if not isinstance(consent_text, ConsentText):
        errors.setdefault("consent_text", []).append(_("The consent text is missing."))
    # Event state: participants only while the event is open; facilitators and imports also
    # after it closed (paper forms arrive later), never once archived.
    if channel in (Channel.ONLINE, Channel.API) and event.status != Event.Status.OPEN:
        errors.setdefault("event", []).append(_("This event is not collecting stories now."))
    if event.status == Event.Status.ARCHIVED:
        errors.setdefault("event", []).append(_("This event is archived."))
    if channel == Channel.FACILITATOR:
        if consent_method not in (ConsentMethod.PAPER, ConsentMethod.SPOKEN):
            errors.setdefault("consent_method", []).append(
                _("Say how the participant gave consent: on paper or spoken.")
            )
        if entered_by is None:
            errors.setdefault("entered_by", []).append(_("A witness is required."))
    _check_text(errors, "text", text, max_length=TEXT_MAX_LENGTH, required=True)
    _check_text(errors, "title", title, max_length=TITLE_MAX_LENGTH)
    _check_text(errors, "restore_trust", restore_trust, max_length=RESTORE_TRUST_MAX_LENGTH)
    _check_text(errors, "first_name", first_name, max_length=100)
    if declared_language and not LANGUAGE_TAG.match(declared_language):
        errors.setdefault("declared_language", []).append(
            _("Give a language code such as en, fr or pt-BR.")
        )
    if first_name and Scope.QUOTE_NAMED not in scopes:
        errors.setdefault("first_name", []).append(
            _(
                "You gave a first name but did not agree to be quoted with your first name. "
                "Tick that choice or leave the name empty."
            )
        )
    if Scope.QUOTE_NAMED in scopes and not (first_name or "").strip():
        errors.setdefault("first_name", []).append(
            _("Give the first name we may use when we quote you, or untick that choice.")
        )
    if trust_affected and trust_affected not in TrustAffected.values:
        errors.setdefault("trust_affected", []).append(_("Choose yes, no or not sure."))
    if not isinstance(reasons, list | tuple) or set(reasons) - set(Reason.values):
        errors.setdefault("reasons", []).append(_("Choose reasons from the list."))
    if not isinstance(consequences, list | tuple) or set(consequences) - set(Consequence.values):
        errors.setdefault("consequences", []).append(_("Choose consequences from the list."))
    for key, value in characteristics.items():
        if key not in CHARACTERISTIC_CHOICES:
            errors.setdefault(key, []).append(_("Unknown characteristic."))
            continue
        if not value:
            continue
        if key not in scopes:
            errors.setdefault(key, []).append(
                _(
                    "You answered this question but did not agree to share it. Tick the matching "
                    "choice in the consent section or leave the answer empty. Nothing has been "
                    "saved."
                )
            )
        elif value not in CHARACTERISTIC_CHOICES[key].values:
            errors.setdefault(key, []).append(_("Choose an answer from the list."))
    given_contact = {k: v for k, v in contact.items() if v}
    for key in contact:
        if key not in CONTACT_FIELDS:
            errors.setdefault(key, []).append(_("Unknown contact field."))
    if given_contact and Scope.CONTACT not in scopes:
        for key in given_contact:
            errors.setdefault(f"contact_{key}", []).append(
                _(
                    "You gave contact details but did not agree to be contacted. Tick that "
                    "choice or leave them empty. Nothing has been saved."
                )
            )
    if Scope.CONTACT in scopes:
        if not (given_contact.get("email") or given_contact.get("phone")):
            errors.setdefault("contact_email", []).append(
                _("Give an e-mail address or a phone number so we can contact you.")
            )
        for key, value in given_contact.items():
            _check_text(errors, f"contact_{key}", value, max_length=254)
        email = given_contact.get("email", "")
        if email and not EMAIL.match(email):
            errors.setdefault("contact_email", []).append(_("Enter a valid e-mail address."))
        phone = given_contact.get("phone", "")
        if phone and not PHONE.match(phone):
            errors.setdefault("contact_phone", []).append(_("Enter a valid phone number."))
    return errors


def testimony_create(
    *,
    event: Event,
    consent_text: ConsentText,
    scopes: Iterable[str],
    text: str,
    title: str = "",
    declared_language: str = "",
    first_name: str = "",
    trust_affected: str = "",
    reasons: Iterable[str] = (),
    consequences: Iterable[str] = (),
    restore_trust: str = "",
    characteristics: dict | None = None,
    contact: dict | None = None,
    channel: str = Channel.ONLINE,
    consent_method: str = ConsentMethod.ONLINE,
    consent_given_at=None,
    participant=None,
    entered_by=None,
    submission_key: str | None = None,
    is_demo: bool = False,
    relay_on_commit: bool = True,
) -> Submission:
    """Save a story with its consent in one transaction and queue its follow-up work.

    Refuses (ApplicationError with per-field messages, nothing saved) a story without research
    consent, any value sent without its scope, and text that is empty, too long, or not valid
    Unicode. With ``submission_key``, a retry returns the story already saved (``created`` False).
    """
    scopes = {str(s) for s in scopes}
    characteristics = {k: (v or "") for k, v in (characteristics or {}).items()}
    contact = {
        k: (v or "").strip() if isinstance(v, str) else v for k, v in (contact or {}).items()
    }
    reasons = list(dict.fromkeys(reasons or ()))
    consequences = list(dict.fromkeys(consequences or ()))
    title = title or ""
    restore_trust = restore_trust or ""
    first_name = (first_name or "").strip()
    declared_language = (declared_language or "").strip()
    if submission_key is not None and not SUBMISSION_KEY.match(submission_key):
        raise ApplicationError(
            _("The form has expired. Please reload the page and send your story again."),
            field_errors={"submission_key": [_("Invalid submission key.")]},
        )
    key_hash = _sha256(submission_key) if submission_key else None
    if key_hash:
        existing = Testimony.objects.filter(event=event, submission_key_hash=key_hash).first()
        if existing is not None:
            return Submission(
                existing, withdrawal_code_for_key(submission_key, event.pk), created=False
            )

    errors = _validate_submission(
        event=event,
        consent_text=consent_text,
        scopes=scopes,
        text=text,
        title=title,
        declared_language=declared_language,
        first_name=first_name,
        trust_affected=trust_affected,
        reasons=reasons,
        consequences=consequences,
        restore_trust=restore_trust,
        characteristics=characteristics,
        contact=contact,
        channel=channel,
        consent_method=consent_method,
        entered_by=entered_by,
    )
    if errors:
        raise ApplicationError(
            _("Your story has not been saved. Please correct the points below."),
            field_errors=errors,
        )
    code = (
        withdrawal_code_for_key(submission_key, event.pk)
        if submission_key
        else secrets.token_urlsafe(24)
    )
    try:
        with transaction.atomic():
            testimony = _testimony_insert(
                event=event,
                consent_text=consent_text,
                scopes=scopes,
                text=text,
                title=title.strip(),
                declared_language=declared_language,
                first_name=first_name if Scope.QUOTE_NAMED in scopes else "",
                trust_affected=trust_affected or "",
                reasons=reasons,
                consequences=consequences,
                restore_trust=restore_trust.strip(),
                characteristics=characteristics,
                contact=contact,
                channel=channel,
                consent_method=consent_method,
                consent_given_at=consent_given_at or timezone.now(),
                participant=participant
                if getattr(participant, "is_authenticated", False)
                else None,
                entered_by=entered_by,
                key_hash=key_hash,
                code=code,
                is_demo=is_demo,
                relay_on_commit=relay_on_commit,
            )
    except IntegrityError:
        # Two requests with the same key raced: the other one won; return its story.
        existing = (
            Testimony.objects.filter(event=event, submission_key_hash=key_hash).first()
            if key_hash
            else None
        )
        if existing is None:
            raise
        return Submission(existing, code, created=False)
    return Submission(testimony, code, created=True)


def _testimony_insert(
    *,
    event,
    consent_text,
    scopes,
    characteristics,
    contact,
    key_hash,
    code,
    relay_on_commit=True,
    **fields,
) -> Testimony:
    testimony = Testimony(
        event=event,
        consent_text=consent_text,
        withdrawal_code_hash=withdrawal_code_hash(code),
        submission_key_hash=key_hash,
        **{_scope_field(s): (s in scopes) for s in Scope.values},
        **fields,
    )
    try:
        # NOTE: the foreign keys arrive as objects and the constraints are enforced by the
        # database; skipping their per-row SELECTs keeps bulk imports fast.
        testimony.full_clean(
            exclude=["event", "consent_text", "participant", "entered_by"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        raise ApplicationError(
            _("Your story has not been saved. Please correct the points below."),
            field_errors=exc.message_dict,
        ) from exc
    testimony.save()
    kept = {k: v for k, v in characteristics.items() if v and k in scopes}
    if kept:
        TestimonyCharacteristics.objects.create(testimony=testimony, **kept)
    if Scope.CONTACT in scopes:
        ContactDetails.objects.create(
            testimony=testimony, **{k: contact.get(k, "") for k in CONTACT_FIELDS}
        )
    actor = {
        Channel.FACILITATOR: ConsentChange.Actor.FACILITATOR,
        Channel.IMPORT: ConsentChange.Actor.IMPORT,
    }.get(fields["channel"], ConsentChange.Actor.PARTICIPANT)
    ConsentChange.objects.create(
        testimony=testimony, kind=ConsentChange.Kind.GIVEN, actor=actor, scopes=sorted(scopes)
    )
    ResearchCopy.objects.create(testimony=testimony, **_rules_copy_fields(testimony))
    for task_name in hooks.submission_tasks():
        outbox_enqueue(
            task_name=task_name,
            kwargs={"testimony_id": testimony.pk},
            relay_on_commit=relay_on_commit,
        )
    return testimony


def _rules_copy_fields(testimony: Testimony) -> dict:
    return {
        "redacted_title": redaction.redact(testimony.title),
        "redacted_text": redaction.redact(testimony.text),
        "redacted_restore_trust": redaction.redact(testimony.restore_trust),
        "redaction_method": ResearchCopy.Method.RULES,
        "redaction_version": redaction.RULES_VERSION,
    }


def _research_copy_from_rules(testimony: Testimony) -> ResearchCopy:
    copy, _created = ResearchCopy.objects.update_or_create(
        testimony=testimony, defaults=_rules_copy_fields(testimony)
    )
    return copy


# ---------------------------------------------------------------------------------------------
# Follow-up work and the research copy
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def testimony_process_submission(*, testimony_id: int) -> bool:
    """Follow-up work after a story is saved: make sure a research copy exists. Idempotent."""
    testimony = Testimony.objects.select_for_update().filter(pk=testimony_id).first()
    if testimony is None or not testimony.is_active:
        return False
    if not ResearchCopy.objects.filter(testimony=testimony).exists():
        _research_copy_from_rules(testimony)
    if testimony.processed_at is None:
        testimony.processed_at = timezone.now()
        testimony.save(update_fields=["processed_at", "updated_at"])
    return True


@transaction.atomic
def research_copy_save(
    *,
    testimony_id: int,
    redacted_text: str,
    method: str,
    version: str,
    redacted_title: str | None = None,
    redacted_restore_trust: str | None = None,
    detected_language: str | None = None,
    language_confidence: float | None = None,
) -> ResearchCopy | None:
    """Write the research copy (used by the NLP pipeline). Returns None, writing nothing, when
    the story is gone or withdrawn: a withdrawal always wins over late NLP output."""
    testimony = Testimony.objects.select_for_update().filter(pk=testimony_id).first()
    if testimony is None or not testimony.is_active:
        return None
    copy = ResearchCopy.objects.filter(testimony=testimony).first() or ResearchCopy(
        testimony=testimony
    )
    copy.redacted_text = redacted_text
    if redacted_title is not None:
        copy.redacted_title = redacted_title
    if redacted_restore_trust is not None:
        copy.redacted_restore_trust = redacted_restore_trust
    copy.redaction_method = method
    copy.redaction_version = version
    if detected_language is not None:
        copy.detected_language = detected_language
    if language_confidence is not None:
        copy.language_confidence = language_confidence
    copy.full_clean(exclude=["testimony"])
    copy.save()
    return copy


# ---------------------------------------------------------------------------------------------
# Withdrawal
# ---------------------------------------------------------------------------------------------


def _erase(testimony: Testimony) -> None:
    TestimonyCharacteristics.objects.filter(testimony=testimony).delete()
    ContactDetails.objects.filter(testimony=testimony).delete()
    ResearchCopy.objects.filter(testimony=testimony).delete()
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
        setattr(testimony, _scope_field(scope), False)
    testimony.status = Testimony.Status.WITHDRAWN
    testimony.withdrawn_at = timezone.now()
    testimony.save()


@transaction.atomic
def testimony_withdraw(
    *, testimony: Testimony, scopes: Iterable[str] | None = None, actor: str
) -> Testimony:
    """Withdraw some scopes, or everything (``scopes`` None, or including ``research``).

    Full withdrawal erases, in this one transaction, the text, the research copy, the
    characteristics, the contact details and every derived output registered in
    ``testimonies.erasure``; a tombstone (id, event, dates, status) stays. Narrowing takes
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
        return locked
    effective = {s for s in requested if getattr(locked, _scope_field(s))}
    if not effective:
        raise ApplicationError(_("Choose at least one thing you agreed to and want to withdraw."))
    for scope in effective:
        setattr(locked, _scope_field(scope), False)
    if Scope.QUOTE_NAMED in effective:
        locked.first_name = ""
    locked.save()
    characteristic_scopes = {s for s in effective if s in CHARACTERISTIC_SCOPES}
    if characteristic_scopes:
        chars = TestimonyCharacteristics.objects.filter(testimony=locked).first()
        if chars is not None:
            for scope in characteristic_scopes:
                setattr(chars, scope, "")
            if any(getattr(chars, s) for s in CHARACTERISTIC_CHOICES):
                chars.save()
            else:
                chars.delete()
    if Scope.CONTACT in effective:
        ContactDetails.objects.filter(testimony=locked).delete()
    erasure.run_narrowing(locked.pk, effective)
    ConsentChange.objects.create(
        testimony=locked, kind=ConsentChange.Kind.NARROWED, actor=actor, scopes=sorted(effective)
    )
    return locked


def testimony_for_withdrawal_code(*, code: str, client_key: str) -> Testimony:
    """The story a withdrawal code belongs to. Wrong codes are counted and rate-limited per
    client (a hash of the address, kept only in the cache, never with the story)."""
    from testimonies import ratelimit

    if ratelimit.withdrawal_locked(client_key):
        raise WithdrawalLocked(
            _("Too many wrong codes. For your safety, please wait 15 minutes and try again."),
            field_errors={"code": [_("Too many attempts. Try again later.")]},
        )
    code = (code or "").strip()
    testimony = None
    if 20 <= len(code) <= 64 and text_problem(code) is None:
        testimony = (
            Testimony.objects.select_related("event", "consent_text")
            .filter(withdrawal_code_hash=withdrawal_code_hash(code))
            .first()
        )
    if testimony is None:
        ratelimit.withdrawal_failed(client_key)
        raise ApplicationError(
            _("This code does not match any story. Check it and try again."),
            field_errors={"code": [_("This code does not match any story.")]},
        )
    return testimony


# ---------------------------------------------------------------------------------------------
# Reading the original text (grant required, logged)
# ---------------------------------------------------------------------------------------------


def user_can_read_original(*, user, testimony: Testimony) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_perm("testimonies.view_original_text"):
        return True
    return testimony.entered_by_id == user.pk and user_has_role(user, *EVENT_TEAM)


@transaction.atomic
def testimony_original_text_read(*, user, testimony: Testimony, via: str = "web") -> Testimony:
    """Return the story with its original text after logging who read it (never the text)."""
    if not testimony.is_active or not user_can_read_original(user=user, testimony=testimony):
        # NOTE: "not for you" answers like "no such story": a 404 at the edges.
        raise NotFoundError()
    OriginalTextAccess.objects.create(testimony=testimony, user=user, via=via[:16])
    return testimony


# ---------------------------------------------------------------------------------------------
# The explicit grant to read original texts
# ---------------------------------------------------------------------------------------------


def _original_text_permission():
    from django.contrib.auth.models import Permission

    return Permission.objects.get(
        codename="view_original_text", content_type__app_label="testimonies"
    )


@transaction.atomic
def original_text_grant(*, email: str):
    """Give one researcher the explicit grant to read original texts (each read is logged)."""
    from accounts.models import User

    user = User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if user is None:
        raise ApplicationError(
            _("No active account has this e-mail address."),
            field_errors={"email": [_("No active account has this e-mail address.")]},
        )
    if not user_has_role(user, Role.RESEARCHER):
        raise ApplicationError(
            _("Only researchers may receive this grant."),
            field_errors={"email": [_("Only researchers may receive this grant.")]},
        )
    user.user_permissions.add(_original_text_permission())
    return user


@transaction.atomic
def original_text_revoke(*, user) -> None:
    user.user_permissions.remove(_original_text_permission())
