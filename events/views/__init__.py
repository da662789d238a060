"""Event pages, by page group; every view is importable from ``events.views``."""

from events.views.commitments import commitment_board, commitment_form, commitment_status
from events.views.event import (
    event_create,
    event_detail,
    event_edit,
    event_facilitator_remove,
    event_facilitators,
    event_list,
    event_status,
)
from events.views.participants import (
    event_public,
    participant_link,
    participant_link_rotate,
    participant_qr,
)
from events.views.programme import event_export, event_import, programme_overview
from events.views.sessions import session_delete, session_form, session_log

__all__ = [
    "commitment_board",
    "commitment_form",
    "commitment_status",
    "event_create",
    "event_detail",
    "event_edit",
    "event_export",
    "event_facilitator_remove",
    "event_facilitators",
    "event_import",
    "event_list",
    "event_public",
    "event_status",
    "participant_link",
    "participant_link_rotate",
    "participant_qr",
    "programme_overview",
    "session_delete",
    "session_form",
    "session_log",
]
