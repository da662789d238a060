"""Every write of the events app. One module per job; the public names are all importable from
``events.services`` (``from events.services import event_create``, ``services.CSV_COLUMNS``)."""

from events.services.commitments import (
    commitment_create,
    commitment_status_change,
    commitment_update,
)
from events.services.common import (
    RESERVED_SLUGS,
    SKIPPED_TIME_MESSAGE,
    new_submission_token,
    skipped_by_clock_change,
)
from events.services.csv_export import events_csv_rows
from events.services.csv_import import (
    CSV_COLUMNS,
    CSV_MAX_BYTES,
    CSV_MAX_ROWS,
    CSV_REQUIRED,
    FALSE_VALUES,
    LIST_SEPARATOR,
    TRUE_VALUES,
    CsvImportError,
    events_import_csv,
)
from events.services.events import (
    EVENT_FIELDS,
    EVENT_TRANSITIONS,
    event_create,
    event_facilitator_add,
    event_facilitator_remove,
    event_status_change,
    event_token_rotate,
    event_update,
)
from events.services.sessions import (
    LOG_FIELDS,
    session_create,
    session_delete,
    session_log_save,
    session_update,
)

__all__ = [
    "CSV_COLUMNS",
    "CSV_MAX_BYTES",
    "CSV_MAX_ROWS",
    "CSV_REQUIRED",
    "EVENT_FIELDS",
    "EVENT_TRANSITIONS",
    "FALSE_VALUES",
    "LIST_SEPARATOR",
    "LOG_FIELDS",
    "RESERVED_SLUGS",
    "SKIPPED_TIME_MESSAGE",
    "TRUE_VALUES",
    "CsvImportError",
    "commitment_create",
    "commitment_status_change",
    "commitment_update",
    "event_create",
    "event_facilitator_add",
    "event_facilitator_remove",
    "event_status_change",
    "event_token_rotate",
    "event_update",
    "events_csv_rows",
    "events_import_csv",
    "new_submission_token",
    "session_create",
    "session_delete",
    "session_log_save",
    "session_update",
    "skipped_by_clock_change",
]
