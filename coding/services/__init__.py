"""Writes for coding (the package's public names, by topic). Every function is keyword-only and
atomic; bad input raises ApplicationError with a message per field, and nothing is saved."""

from coding.services.applications import (
    application_create,
    application_delete,
    application_update,
    validate_span,
)
from coding.services.codebooks import (
    CODE_FIELDS,
    codebook_create,
    codebook_snapshot,
    codebook_version_record,
)
from coding.services.codes import code_create, code_delete, code_merge, code_move, code_update
from coding.services.default_codebook import codebook_default_seed
from coding.services.erasure import erase_for_testimony, on_scopes_narrowed
from coding.services.imports import (
    ImportedCodeSpec,
    external_coder,
    qda_applications_write,
    qda_codes_merge,
    qda_memos_write,
)
from coding.services.memos import memo_create, memo_delete, memo_update
from coding.services.reconciliation import coding_complete, reconciliation_record
from coding.services.suggestions import (
    SCOPE_PASSAGE,
    SCOPE_STORY,
    SCOPES,
    suggestion_accept,
    suggestion_default_scope,
    suggestion_passage,
    suggestion_record,
    suggestion_reject,
    suggestions_bulk_write,
)

__all__ = [
    "ImportedCodeSpec",
    "external_coder",
    "qda_applications_write",
    "qda_codes_merge",
    "qda_memos_write",
    "CODE_FIELDS",
    "codebook_default_seed",
    "application_create",
    "application_delete",
    "application_update",
    "code_create",
    "code_delete",
    "code_merge",
    "code_move",
    "code_update",
    "codebook_create",
    "codebook_snapshot",
    "codebook_version_record",
    "coding_complete",
    "erase_for_testimony",
    "memo_create",
    "memo_delete",
    "memo_update",
    "on_scopes_narrowed",
    "reconciliation_record",
    "SCOPE_PASSAGE",
    "SCOPE_STORY",
    "SCOPES",
    "suggestion_accept",
    "suggestion_default_scope",
    "suggestion_passage",
    "suggestion_record",
    "suggestion_reject",
    "suggestions_bulk_write",
    "validate_span",
]
