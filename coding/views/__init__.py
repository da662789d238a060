"""Coding pages, by page group; every view is importable from ``coding.views``.

Thin: forms collect, services write, selectors read."""

from coding.views.agreement import agreement, disagreement_list, reconcile
from coding.views.codebooks import (
    codebook,
    codebook_create,
    codebook_export,
    codebook_import,
    codebook_version,
    codebook_versions,
    codebooks,
)
from coding.views.codes import (
    code_create,
    code_delete,
    code_detail,
    code_edit,
    code_merge,
    code_move,
)
from coding.views.memos import memo_create, memo_delete, memo_edit, memos
from coding.views.queue import queue
from coding.views.screen import story, story_parts
from coding.views.workbench import (
    application_comment,
    application_delete,
    apply,
    blind,
    complete,
    suggestion_review,
)

__all__ = [
    "agreement",
    "application_comment",
    "application_delete",
    "apply",
    "blind",
    "code_create",
    "code_delete",
    "code_detail",
    "code_edit",
    "code_merge",
    "code_move",
    "codebook",
    "codebook_create",
    "codebook_export",
    "codebook_import",
    "codebook_version",
    "codebook_versions",
    "codebooks",
    "complete",
    "disagreement_list",
    "memo_create",
    "memo_delete",
    "memo_edit",
    "memos",
    "queue",
    "reconcile",
    "story",
    "story_parts",
    "suggestion_review",
]
