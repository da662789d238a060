"""Submitting a story: one frozen ``SubmissionDraft``, checked by the rules in
``submission_rules``, saved with its consent in one transaction."""

import base64
import hmac
import json
import logging
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from core.exceptions import ApplicationError, ConflictError
from core.outbox import Message, outbox_enqueue_many
from core.text import normalise_newlines
from events.models import Event
from testimonies import hooks, withdrawal_codes
from testimonies.models import (
    Channel,
    ConsentChange,
    ConsentMethod,
    ConsentText,
    ContactDetails,
    ResearchCopy,
    Scope,
    Testimony,
    TestimonyCharacteristics,
)
from testimonies.services.audit_trail import consent_audit
from testimonies.services.checks import CONTACT_FIELDS, SUBMISSION_KEY, scope_field, sha256
from testimonies.services.research_copy import rules_copy_fields
from testimonies.services.submission_rules import submission_problems

logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class SubmissionDraft:
    """A story as someone sends it, with its consent, before any check.

    Every entry point (web form, API, facilitator entry, importer, demo, tests) builds one;
    ``testimony_create`` checks it with the submission rules and saves it. Values are tidied on
    creation (scopes as a set of strings, duplicate reasons dropped, names and contact stripped).
    """

    event: Event
    consent_text: ConsentText | None
    scopes: Iterable[str]
    text: str
    title: str = ""
    declared_language: str = ""
    first_name: str = ""
    trust_affected: str = ""
    reasons: Iterable[str] = ()
    consequences: Iterable[str] = ()
    restore_trust: str = ""
    characteristics: Mapping[str, str] = field(default_factory=dict)
    contact: Mapping[str, str] = field(default_factory=dict)
    channel: str = Channel.ONLINE
    consent_method: str = ConsentMethod.ONLINE
    consent_given_at: datetime | None = None
    participant: object = None
    entered_by: object = None
    submission_key: str | None = None
    is_demo: bool = False

    def __post_init__(self):
        tidy = object.__setattr__  # NOTE: the one place a frozen dataclass may set its fields.
        tidy(self, "scopes", frozenset(str(s) for s in self.scopes))
        characteristics = {k: (v or "") for k, v in (self.characteristics or {}).items()}
        tidy(self, "characteristics", MappingProxyType(characteristics))
        contact = {
            k: (v or "").strip() if isinstance(v, str) else v
            for k, v in (self.contact or {}).items()
        }
        tidy(self, "contact", MappingProxyType(contact))
        tidy(self, "reasons", tuple(dict.fromkeys(self.reasons or ())))
        tidy(self, "consequences", tuple(dict.fromkeys(self.consequences or ())))
        # NOTE: one rule for line breaks (core.text): offsets mean the same thing everywhere.
        tidy(self, "text", normalise_newlines(self.text))
        tidy(self, "title", normalise_newlines(self.title or ""))
        tidy(self, "restore_trust", normalise_newlines(self.restore_trust or ""))
        tidy(self, "first_name", (self.first_name or "").strip())
        tidy(self, "declared_language", (self.declared_language or "").strip())


@dataclass(frozen=True)
class Submission:
    testimony: Testimony
    withdrawal_code: str
    created: bool


def new_submission_key() -> str:
    return secrets.token_urlsafe(32)


def withdrawal_code_hash(code: str) -> str:
    return sha256(code.strip())


def submission_caller_scope(draft: SubmissionDraft) -> str:
    """Who sent a submission key: its idempotency is bound to that caller, never to the key alone.

    An import's rows share one scope (a re-imported row is skipped whoever imports it); a
    signed-in participant is their account; a facilitator entering a story is their account;
    anyone else is the anonymous form, whose own random key is then its only credential.
    NOTE: migration 0005 derives the same scope from a saved row; keep them in step.
    """
    if draft.channel in (Channel.IMPORT, Channel.QDA_IMPORT):
        return "import"
    participant = draft.participant
    if getattr(participant, "is_authenticated", False):
        return f"user:{participant.pk}"
    if draft.entered_by is not None:
        return f"user:{draft.entered_by.pk}"
    return "anonymous"


def submission_key_hash(*, key: str, scope: str) -> str:
    """What is stored for a submission key: a hash of (caller scope, hash of the key)."""
    return sha256(f"entendu-submission:{scope}:{sha256(key)}")


def withdrawal_code_for_key(submission_key: str, event_id: int, *, scope: str) -> str:
    """The withdrawal code of the story saved with ``submission_key`` by ``scope`` (32 chars).

    NOTE: derived with the server's secret and the caller's scope, so a retried POST by the same
    caller can show the same code again, while the key alone (or another caller holding it)
    derives nothing; the database keeps only hashes of the key and of the code.
    """
    return _code_digest(f"entendu-withdrawal:v2:{event_id}:{scope}:{submission_key}")


def _legacy_withdrawal_code(submission_key: str, event_id: int) -> str:
    """The code of a story saved before migration 0005 (not bound to the caller)."""
    return _code_digest(f"entendu-withdrawal:{event_id}:{submission_key}")


def _code_digest(message: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), message.encode(), "sha256").digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:32]


def _tidy(value):
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return value


def submission_payload_hash(draft: SubmissionDraft, *, key_hash: str) -> str:
    """A keyed hash of the normalised submission: a replay with another payload is a conflict.

    NOTE: an HMAC with the server's secret, so the stored value confirms no guess of the text.
    """
    payload = {
        "consent_text": getattr(draft.consent_text, "pk", None),
        "scopes": sorted(draft.scopes),
        "text": _tidy(draft.text),
        "title": _tidy(draft.title),
        "declared_language": draft.declared_language,
        "first_name": draft.first_name,
        "trust_affected": _tidy(draft.trust_affected),
        "reasons": sorted(str(r) for r in draft.reasons),
        "consequences": sorted(str(c) for c in draft.consequences),
        "restore_trust": _tidy(draft.restore_trust),
        "characteristics": {k: _tidy(v) for k, v in draft.characteristics.items() if v},
        "contact": {k: _tidy(v) for k, v in draft.contact.items() if v},
        "channel": draft.channel,
        "consent_method": draft.consent_method,
        "consent_given_at": draft.consent_given_at.isoformat() if draft.consent_given_at else None,
    }
    # NOTE: ensure_ascii escapes lone surrogates, which the rules refuse later with a message.
    body = json.dumps(payload, sort_keys=True, ensure_ascii=True, default=str)
    message = f"entendu-submission-payload:{key_hash}:{body}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, "sha256").hexdigest()


def _already_saved(draft: SubmissionDraft, key_hash: str | None) -> Testimony | None:
    if not key_hash:
        return None
    return Testimony.objects.filter(event=draft.event, submission_key_hash=key_hash).first()


def _replay(existing: Testimony, *, key: str, scope: str, payload_hash: str) -> Submission:
    """The same caller sent the same key again: the story already saved if the payload is the
    same, else a conflict (nothing changes). Rows saved before migration 0005 have no payload
    hash and are returned as they are."""
    stored = existing.submission_payload_hash
    if stored and not hmac.compare_digest(stored, payload_hash):
        raise ConflictError(
            _(
                "This form has already been sent with a different story. Your first story is "
                "saved and has not been changed. To send another story, please open the "
                "event's link again."
            )
        )
    seed = withdrawal_code_for_key(key, existing.event_id, scope=scope)
    if existing.withdrawal_id:  # the code format of testimonies.withdrawal_codes
        code = withdrawal_codes.code_generate(seed=seed, public_id=existing.withdrawal_id)
        matches = withdrawal_codes.code_matches(code.secret, existing.withdrawal_code_hash)
        return Submission(existing, code.text if matches else "", created=False)
    # Saved before it: the whole code's hash, bound to the caller (v2) or not (legacy).
    for candidate in (seed, _legacy_withdrawal_code(key, existing.event_id)):
        if withdrawal_code_hash(candidate) == existing.withdrawal_code_hash:
            return Submission(existing, candidate, created=False)
    return Submission(existing, "", created=False)


def testimony_create(*, draft: SubmissionDraft, relay_on_commit: bool = True) -> Submission:
    """Save a story with its consent in one transaction and queue its follow-up work.

    Refuses (ApplicationError with per-field messages, nothing saved) a story without research
    consent, any value sent without its scope, and text that is empty, too long, or not valid
    Unicode. With a ``submission_key``, a retry by the same caller with the same payload
    returns the story already saved (``created`` False); with another payload it raises
    ``ConflictError``; another caller's key is a different key (``submission_caller_scope``).
    ``relay_on_commit`` False leaves the follow-up work to the periodic relay (imports).
    """
    key = draft.submission_key
    if key is not None and not SUBMISSION_KEY.match(key):
        raise ApplicationError(
            _("The form has expired. Please reload the page and send your story again."),
            field_errors={"submission_key": [_("Invalid submission key.")]},
        )
    scope = submission_caller_scope(draft)
    key_hash = submission_key_hash(key=key, scope=scope) if key else None
    payload_hash = submission_payload_hash(draft, key_hash=key_hash) if key_hash else None
    # NOTE: a retry is not looked for first (a query on every story): the unique key hash
    # refuses its insert below, and the story saved then is returned. Only a story the rules
    # refuse now (its event closed since) is looked for here, so its retry still gets it back.
    errors = submission_problems(draft)
    if errors:
        existing = _already_saved(draft, key_hash)
        if existing is not None:
            return _replay(existing, key=key, scope=scope, payload_hash=payload_hash)
        raise ApplicationError(
            _("Your story has not been saved. Please correct the points below."),
            field_errors=errors,
        )
    # NOTE: the withdrawal id is not looked up first (a query on every story): its unique index
    # refuses a clash (40 random bits: about one story in a million at a million stories), and
    # the story is saved again with another id.
    seed = withdrawal_code_for_key(key, draft.event.pk, scope=scope) if key else None
    for _attempt in range(ID_ATTEMPTS):
        code = withdrawal_codes.code_generate(seed=seed)
        try:
            testimony = _save(
                draft,
                key_hash=key_hash,
                payload_hash=payload_hash,
                code=code,
                relay_on_commit=relay_on_commit,
            )
        except IntegrityError:
            # The same key was saved before (a retry) or by a request that raced this one: that
            # story (or the conflict, if the payload differs); nothing of this one is saved.
            existing = _already_saved(draft, key_hash)
            if existing is not None:
                return _replay(existing, key=key, scope=scope, payload_hash=payload_hash)
            if not Testimony.objects.filter(withdrawal_id=code.public_id).exists():
                raise
        else:
            return Submission(testimony, code.text, created=True)
    raise AssertionError("no free withdrawal id")


# A transaction PostgreSQL broke off to end a deadlock (40P01) or a serialization failure
# (40001) is tried again from the start, this many times in all: it saved nothing.
SAVE_ATTEMPTS = 3
# Withdrawal ids tried for one story (a clash is about a one-in-a-million event).
ID_ATTEMPTS = 5
_RETRIED_SQLSTATES = ("40P01", "40001")


def _save(draft: SubmissionDraft, *, key_hash, payload_hash, code, relay_on_commit: bool):
    """The story, its consent and follow-up work in one transaction (tried again when the
    database broke it off to end a deadlock: e.g. concurrent stories updating the same
    analysis roll-up rows in their triggers)."""
    for attempt in range(1, SAVE_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                testimony = _testimony_insert(
                    draft, key_hash=key_hash, payload_hash=payload_hash, code=code
                )
                _follow_up_enqueue(testimony, relay_on_commit=relay_on_commit)
                # NOTE: last before the commit: the audit chain's lock is held from its entry
                # to the commit, and concurrent stories wait for it one at a time.
                consent_audit(
                    action=Action.CONSENT_GIVEN,
                    testimony=testimony,
                    actor=_consent_actor(draft),
                    scopes=draft.scopes,
                )
            return testimony
        except OperationalError as exc:
            if attempt == SAVE_ATTEMPTS or _sqlstate(exc) not in _RETRIED_SQLSTATES:
                raise
            logger.warning(
                "Story not saved (%s), attempt %s: trying again.", _sqlstate(exc), attempt
            )
    raise AssertionError("unreachable")


def _sqlstate(exc: BaseException) -> str:
    return getattr(exc.__cause__, "sqlstate", "") or ""


def _testimony_insert(
    draft: SubmissionDraft,
    *,
    key_hash: str | None,
    payload_hash: str | None,
    code: withdrawal_codes.WithdrawalCode,
) -> Testimony:
    participant = draft.participant
    testimony = Testimony(
        event=draft.event,
        consent_text=draft.consent_text,
        withdrawal_code_hash=withdrawal_codes.code_hash(code.secret),
        withdrawal_id=code.public_id,
        submission_key_hash=key_hash,
        submission_payload_hash=payload_hash,
        **{scope_field(s): (s in draft.scopes) for s in Scope.values},
        text=draft.text,
        title=draft.title.strip(),
        declared_language=draft.declared_language,
        first_name=draft.first_name if Scope.QUOTE_NAMED in draft.scopes else "",
        trust_affected=draft.trust_affected or "",
        reasons=list(draft.reasons),
        consequences=list(draft.consequences),
        restore_trust=draft.restore_trust.strip(),
        channel=draft.channel,
        consent_method=draft.consent_method,
        consent_given_at=draft.consent_given_at or timezone.now(),
        participant=participant if getattr(participant, "is_authenticated", False) else None,
        entered_by=draft.entered_by,
        is_demo=draft.is_demo,
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
    _consented_details_save(testimony, draft)
    return testimony


def _consented_details_save(testimony: Testimony, draft: SubmissionDraft) -> None:
    """The characteristics and contact details covered by a scope, the consent record and
    the research copy made by the rules (the consent's audit entry comes last, at the caller)."""
    kept = {k: v for k, v in draft.characteristics.items() if v and k in draft.scopes}
    if kept:
        TestimonyCharacteristics.objects.create(testimony=testimony, **kept)
    if Scope.CONTACT in draft.scopes:
        ContactDetails.objects.create(
            testimony=testimony, **{k: draft.contact.get(k, "") for k in CONTACT_FIELDS}
        )
    ConsentChange.objects.create(
        testimony=testimony,
        kind=ConsentChange.Kind.GIVEN,
        actor=_consent_actor(draft),
        scopes=sorted(draft.scopes),
    )
    ResearchCopy.objects.create(testimony=testimony, **rules_copy_fields(testimony))


def _consent_actor(draft: SubmissionDraft) -> str:
    return {
        Channel.FACILITATOR: ConsentChange.Actor.FACILITATOR,
        Channel.IMPORT: ConsentChange.Actor.IMPORT,
        Channel.QDA_IMPORT: ConsentChange.Actor.IMPORT,
    }.get(draft.channel, ConsentChange.Actor.PARTICIPANT)


def _follow_up_enqueue(testimony: Testimony, *, relay_on_commit: bool) -> None:
    outbox_enqueue_many(
        messages=[
            Message(name, {"testimony_id": testimony.pk}) for name in hooks.submission_tasks()
        ],
        relay_on_commit=relay_on_commit,
    )
