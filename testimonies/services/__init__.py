"""Writes of the testimonies app, by job (see testimonies/README.md). Every public name is
importable from here: ``from testimonies.services import testimony_create``."""

from testimonies.selectors import user_can_read_original
from testimonies.services.channels import submission_draft_for_api
from testimonies.services.checks import (
    CHARACTERISTIC_CHOICES,
    CONTACT_FIELDS,
    EMAIL,
    LANGUAGE_TAG,
    PHONE,
    SUBMISSION_KEY,
    text_problem,
)
from testimonies.services.consent import (
    consent_text_create,
    consent_text_update,
    consent_texts_ensure_defaults,
)
from testimonies.services.follow_up import (
    follow_up_commitment_changed,
    follow_up_send,
    follow_up_set,
    follow_up_unsubscribe,
)
from testimonies.services.grants import (
    original_text_grant,
    original_text_revoke,
    testimony_original_text_read,
)
from testimonies.services.own_reading import own_reading_save
from testimonies.services.quotes import (
    commitment_quotes_set,
    may_be_quoted,
    quote_request_answer,
    quote_request_create,
)
from testimonies.services.research_copy import (
    research_copies_save,
    research_copy_save,
    testimony_process_submission,
)
from testimonies.services.submission import (
    Submission,
    SubmissionDraft,
    new_submission_key,
    submission_caller_scope,
    submission_key_hash,
    submission_payload_hash,
    testimony_create,
    withdrawal_code_for_key,
    withdrawal_code_hash,
)
from testimonies.services.withdrawal import (
    WithdrawalLocked,
    testimony_for_withdrawal_code,
    testimony_withdraw,
)

__all__ = [
    "CHARACTERISTIC_CHOICES",
    "CONTACT_FIELDS",
    "EMAIL",
    "LANGUAGE_TAG",
    "PHONE",
    "SUBMISSION_KEY",
    "Submission",
    "SubmissionDraft",
    "WithdrawalLocked",
    "commitment_quotes_set",
    "consent_text_create",
    "consent_text_update",
    "consent_texts_ensure_defaults",
    "follow_up_commitment_changed",
    "follow_up_send",
    "follow_up_set",
    "follow_up_unsubscribe",
    "may_be_quoted",
    "new_submission_key",
    "original_text_grant",
    "original_text_revoke",
    "own_reading_save",
    "quote_request_answer",
    "quote_request_create",
    "research_copies_save",
    "research_copy_save",
    "submission_caller_scope",
    "submission_draft_for_api",
    "submission_key_hash",
    "submission_payload_hash",
    "testimony_create",
    "testimony_for_withdrawal_code",
    "testimony_original_text_read",
    "testimony_process_submission",
    "testimony_withdraw",
    "text_problem",
    "user_can_read_original",
    "withdrawal_code_for_key",
    "withdrawal_code_hash",
]
