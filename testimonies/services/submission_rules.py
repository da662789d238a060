"""The rules a story must pass before it is saved, one small function per rule.

Each rule reads a ``SubmissionDraft`` and yields ``(field, message)`` for every problem; the
submission gathers them all, so a participant sees every point to correct at once.
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from events.models import Event
from testimonies.models import (
    RESTORE_TRUST_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Channel,
    ConsentMethod,
    ConsentText,
    Consequence,
    Reason,
    Scope,
    TrustAffected,
)
from testimonies.services.checks import (
    CHARACTERISTIC_CHOICES,
    CONTACT_FIELDS,
    EMAIL,
    LANGUAGE_TAG,
    PHONE,
    check_text,
)

if TYPE_CHECKING:
    from testimonies.services.submission import SubmissionDraft

Problems = Iterator[tuple[str, str]]


def _rule_scopes_known(draft: "SubmissionDraft") -> Problems:
    unknown = draft.scopes - set(Scope.values)
    if unknown:
        yield "scopes", _("Unknown consent choice: %s") % ", ".join(unknown)


def _rule_research_consent(draft: "SubmissionDraft") -> Problems:
    if Scope.RESEARCH not in draft.scopes:
        yield (
            "scope_research",
            _(
                "To send a story you need to agree that we store and analyse it for research. "
                "Nothing has been saved."
            ),
        )


def _rule_consent_text(draft: "SubmissionDraft") -> Problems:
    if not isinstance(draft.consent_text, ConsentText):
        yield "consent_text", _("The consent text is missing.")


def _rule_event_collecting(draft: "SubmissionDraft") -> Problems:
    # Participants only while the event is open; facilitators and imports also after it
    # closed (paper forms arrive later), never once archived.
    status = draft.event.status
    if draft.channel in (Channel.ONLINE, Channel.API) and status != Event.Status.OPEN:
        yield "event", _("This event is not collecting stories now.")
    if status == Event.Status.ARCHIVED:
        yield "event", _("This event is archived.")


def _rule_facilitator_witness(draft: "SubmissionDraft") -> Problems:
    if draft.channel != Channel.FACILITATOR:
        return
    if draft.consent_method not in (ConsentMethod.PAPER, ConsentMethod.SPOKEN):
        yield "consent_method", _("Say how the participant gave consent: on paper or spoken.")
    if draft.entered_by is None:
        yield "entered_by", _("A witness is required.")


def _rule_texts_storable(draft: "SubmissionDraft") -> Problems:
    errors: dict[str, list[str]] = {}
    check_text(errors, "text", draft.text, max_length=TEXT_MAX_LENGTH, required=True)
    check_text(errors, "title", draft.title, max_length=TITLE_MAX_LENGTH)
    check_text(errors, "restore_trust", draft.restore_trust, max_length=RESTORE_TRUST_MAX_LENGTH)
    check_text(errors, "first_name", draft.first_name, max_length=100)
    for field, messages in errors.items():
        for message in messages:
            yield field, message


def _rule_language_tag(draft: "SubmissionDraft") -> Problems:
    if draft.declared_language and not LANGUAGE_TAG.match(draft.declared_language):
        yield "declared_language", _("Give a language code such as en, fr or pt-BR.")


def _rule_first_name_matches_quote_consent(draft: "SubmissionDraft") -> Problems:
    if draft.first_name and Scope.QUOTE_NAMED not in draft.scopes:
        yield (
            "first_name",
            _(
                "You gave a first name but did not agree to be quoted with your first name. "
                "Tick that choice or leave the name empty."
            ),
        )
    if Scope.QUOTE_NAMED in draft.scopes and not (draft.first_name or "").strip():
        yield (
            "first_name",
            _("Give the first name we may use when we quote you, or untick that choice."),
        )


def _rule_survey_choices(draft: "SubmissionDraft") -> Problems:
    if draft.trust_affected and draft.trust_affected not in TrustAffected.values:
        yield "trust_affected", _("Choose yes, no or not sure.")
    if set(draft.reasons) - set(Reason.values):
        yield "reasons", _("Choose reasons from the list.")
    if set(draft.consequences) - set(Consequence.values):
        yield "consequences", _("Choose consequences from the list.")


def _rule_characteristics_consented(draft: "SubmissionDraft") -> Problems:
    for key, value in draft.characteristics.items():
        if key not in CHARACTERISTIC_CHOICES:
            yield key, _("Unknown characteristic.")
        elif value and key not in draft.scopes:
            yield (
                key,
                _(
                    "You answered this question but did not agree to share it. Tick the "
                    "matching choice in the consent section or leave the answer empty. Nothing "
                    "has been saved."
                ),
            )
        elif value and value not in CHARACTERISTIC_CHOICES[key].values:
            yield key, _("Choose an answer from the list.")


def _rule_contact_consented(draft: "SubmissionDraft") -> Problems:
    for key in draft.contact:
        if key not in CONTACT_FIELDS:
            yield key, _("Unknown contact field.")
    given = {k: v for k, v in draft.contact.items() if v}
    if given and Scope.CONTACT not in draft.scopes:
        for key in given:
            yield (
                f"contact_{key}",
                _(
                    "You gave contact details but did not agree to be contacted. Tick that "
                    "choice or leave them empty. Nothing has been saved."
                ),
            )


def _rule_contact_reachable(draft: "SubmissionDraft") -> Problems:
    if Scope.CONTACT not in draft.scopes:
        return
    given = {k: v for k, v in draft.contact.items() if v}
    if not (given.get("email") or given.get("phone")):
        yield "contact_email", _("Give an e-mail address or a phone number so we can contact you.")
    errors: dict[str, list[str]] = {}
    for key, value in given.items():
        check_text(errors, f"contact_{key}", value, max_length=254)
    for field, messages in errors.items():
        for message in messages:
            yield field, message
    email = given.get("email", "")
    if email and not EMAIL.match(email):
        yield "contact_email", _("Enter a valid e-mail address.")
    phone = given.get("phone", "")
    if phone and not PHONE.match(phone):
        yield "contact_phone", _("Enter a valid phone number.")


# NOTE: the order is the order messages appear under one field; keep it stable.
RULES = (
    _rule_scopes_known,
    _rule_research_consent,
    _rule_consent_text,
    _rule_event_collecting,
    _rule_facilitator_witness,
    _rule_texts_storable,
    _rule_language_tag,
    _rule_first_name_matches_quote_consent,
    _rule_survey_choices,
    _rule_characteristics_consented,
    _rule_contact_consented,
    _rule_contact_reachable,
)


def submission_problems(draft: "SubmissionDraft") -> dict[str, list[str]]:
    """Every rule's problems, by field; empty when the draft may be saved."""
    errors: dict[str, list[str]] = {}
    for rule in RULES:
        for field, message in rule(draft):
            errors.setdefault(field, []).append(message)
    return errors
