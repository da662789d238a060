"""Bulk import from survey tools: CSV (header row) or JSON Lines, one story per row.

Each row is saved in its own transaction through ``testimony_create``: a valid row is saved
whole, a row without valid consent (or with any other fault) is refused whole and reported with
its line number. Re-importing a file with ``external_id`` values does not duplicate stories.
"""

import csv
import hashlib
import io
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exceptions import ApplicationError
from core.exports import csv_writer
from testimonies.models import CHARACTERISTIC_SCOPES, Channel, ConsentMethod, ConsentText, Scope
from testimonies.services import SubmissionDraft, testimony_create, text_problem
from testimonies.services.import_codes import CodeEmail, ImportedCode, import_codes_email

MAX_BYTES = 10 * 1024 * 1024
# NOTE: about 50 rows a second end to end (measured on PostgreSQL): 5,000 rows keep one
# upload within a couple of minutes; larger exports are split.
MAX_ROWS = 5_000
RELAY_BATCH = 500
TRUE = {"1", "true", "yes", "y", "oui", "x", "on"}
FALSE = {"", "0", "false", "no", "n", "non", "off"}

logger = logging.getLogger(__name__)

# Translators: the column names and values (consent_contact, yes/no, prefer_not, ISO 8601, en, fr)
# are what the file must hold: keep them as they are.
COLUMNS = [
    (
        "external_id",
        gettext_lazy("Optional. The survey tool's id; re-importing the same id is skipped."),
    ),
    ("text", gettext_lazy("Required. The story.")),
    (
        "consent_research",
        gettext_lazy("Required: yes. Consent to store and analyse the story for research."),
    ),
    (
        "consented_at",
        gettext_lazy("Required. When consent was given, ISO 8601 (2024-05-01T10:30:00Z)."),
    ),
    (
        "consent_language",
        gettext_lazy("Required. Language of the consent text shown (en, fr, ...)."),
    ),
    ("consent_version", gettext_lazy("Required. Version number of that consent text in Entendu.")),
    ("consent_quote_anonymous", gettext_lazy("yes/no. Quote anonymously.")),
    (
        "consent_quote_named",
        gettext_lazy("yes/no. Quote with first name and country (needs first_name)."),
    ),
    ("consent_gender", gettext_lazy("yes/no. Share gender.")),
    ("consent_age_band", gettext_lazy("yes/no. Share age band.")),
    ("consent_ethnic_minority", gettext_lazy("yes/no. Share ethnic-minority status.")),
    ("consent_disability", gettext_lazy("yes/no. Share disability status.")),
    ("consent_lgbtq", gettext_lazy("yes/no. Share LGBTQ+ status.")),
    (
        "consent_contact",
        gettext_lazy("yes/no. Contact for follow-up (needs contact_email or contact_phone)."),
    ),
    ("title", gettext_lazy("Optional.")),
    ("language", gettext_lazy("Optional. Language of the story (en, fr, pt-BR, ...).")),
    ("first_name", gettext_lazy("Only with consent_quote_named.")),
    ("trust_affected", gettext_lazy("yes, no or unsure.")),
    (
        "reasons",
        gettext_lazy(
            "Separated by ';': not_listened_to, judged, not_welcome, unsafe, poor_care, other."
        ),
    ),
    (
        "consequences",
        gettext_lazy(
            "Separated by ';': changed_professional, stopped_seeing_any, physical_health_worse, "
            "mental_health_worse."
        ),
    ),
    ("restore_trust", gettext_lazy("Optional. What would restore trust.")),
    (
        "gender",
        gettext_lazy(
            "Only with consent_gender: woman, man, non_binary, self_described, prefer_not."
        ),
    ),
    (
        "age_band",
        gettext_lazy("Only with consent_age_band: under_18, 18_24, ..., 65_plus, prefer_not."),
    ),
    ("ethnic_minority", gettext_lazy("Only with consent_ethnic_minority: yes, no, prefer_not.")),
    ("disability", gettext_lazy("Only with consent_disability: yes, no, prefer_not.")),
    ("lgbtq", gettext_lazy("Only with consent_lgbtq: yes, no, prefer_not.")),
    ("contact_name", gettext_lazy("Only with consent_contact.")),
    ("contact_email", gettext_lazy("Only with consent_contact.")),
    ("contact_phone", gettext_lazy("Only with consent_contact.")),
]
COLUMN_NAMES = [name for name, _help in COLUMNS]


@dataclass
class RefusedRow:
    line: int
    messages: list[str]


@dataclass
class ImportReport:
    saved: int = 0
    skipped_duplicates: int = 0
    refused: list[RefusedRow] = field(default_factory=list)
    # SECURITY: the withdrawal codes of the new stories, in memory only (never logged).
    codes: list[ImportedCode] = field(default_factory=list)
    emails: list[CodeEmail] = field(default_factory=list, repr=False)
    emails_failed: int = 0

    @property
    def emailed(self) -> int:
        return sum(1 for c in self.codes if c.emailed)


def example_csv() -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(COLUMN_NAMES)
    writer.writerow(
        [
            "survey-0001",
            "The nurse took time to explain everything.",
            "yes",
            "2024-05-01T10:30:00Z",
            "en",
            "1",
        ]
        + [""] * (len(COLUMN_NAMES) - 6)
    )
    return buffer.getvalue()


def _flag(value, column: str, errors: list[str]) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value if value is not None else "").strip().lower()
    if text in TRUE:
        return True
    if text not in FALSE:
        errors.append(
            _("%(column)s: “%(value)s” is not yes or no.") % {"column": column, "value": text[:20]}
        )
    return False


def _list(value) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value or "").replace("|", ";").split(";") if part.strip()]


def _str(row: dict, key: str) -> str:
    value = row.get(key)
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _row_to_kwargs(row: dict, *, event, consent_texts: dict) -> tuple[dict | None, list[str]]:
    """The ``SubmissionDraft`` fields of one row, or None with why the row is refused."""
    errors = _row_text_problems(row)
    if errors:
        return None, errors
    scopes = {
        scope.value
        for scope in Scope
        if _flag(row.get(f"consent_{scope.value}"), f"consent_{scope.value}", errors)
    }
    if Scope.RESEARCH not in scopes:
        errors.append(_("No valid consent: consent_research must be yes. Row refused."))
    consented_at = _row_consented_at(row, errors)
    consent_text = _row_consent_text(row, consent_texts, errors)
    if errors:
        return None, errors
    return {
        "consent_text": consent_text,
        "consent_given_at": consented_at,
        "scopes": scopes,
        "submission_key": _row_submission_key(row, event=event),
        **_row_answers(row),
    }, []


def _row_text_problems(row: dict) -> list[str]:
    return [
        _("%(column)s: %(problem)s") % {"column": key, "problem": text_problem(value)}
        for key, value in row.items()
        if isinstance(value, str) and text_problem(value)
    ]


def _row_consented_at(row: dict, errors: list[str]):
    raw_when = _str(row, "consented_at").strip()
    if not raw_when:
        errors.append(_("No valid consent: consented_at is missing."))
        return None
    try:
        consented_at = parse_datetime(raw_when.replace("Z", "+00:00"))
    except ValueError:
        consented_at = None
    if consented_at is None:
        errors.append(_("consented_at: not a date and time (use ISO 8601)."))
        return None
    if timezone.is_naive(consented_at):
        consented_at = consented_at.replace(tzinfo=UTC)
    if consented_at > timezone.now():
        errors.append(_("consented_at: is in the future."))
    return consented_at


def _row_consent_text(row: dict, consent_texts: dict, errors: list[str]):
    language = _str(row, "consent_language").strip()
    version = _str(row, "consent_version").strip()
    consent_text = consent_texts.get((language.lower(), version))
    if consent_text is None:
        errors.append(
            _("No valid consent: no consent text %(language)s version %(version)s in Entendu.")
            % {"language": language or "?", "version": version or "?"}
        )
    return consent_text


def _row_submission_key(row: dict, *, event) -> str | None:
    """A re-imported row (same ``external_id``) is recognised and skipped, not saved twice."""
    external_id = _str(row, "external_id").strip()
    if not external_id:
        return None
    return hashlib.sha256(f"import:{event.pk}:{external_id}".encode()).hexdigest()


def _row_answers(row: dict) -> dict:
    return {
        "text": _str(row, "text"),
        "title": _str(row, "title"),
        "declared_language": _str(row, "language").strip(),
        "first_name": _str(row, "first_name"),
        "trust_affected": _str(row, "trust_affected").strip().lower(),
        "reasons": _list(row.get("reasons")),
        "consequences": _list(row.get("consequences")),
        "restore_trust": _str(row, "restore_trust"),
        "characteristics": {s.value: _str(row, s.value).strip() for s in CHARACTERISTIC_SCOPES},
        "contact": {
            "name": _str(row, "contact_name"),
            "email": _str(row, "contact_email"),
            "phone": _str(row, "contact_phone"),
        },
    }


def _flatten(error: ApplicationError) -> list[str]:
    found = []
    for key, messages in error.field_errors.items():
        for message in messages if isinstance(messages, list | tuple) else [messages]:
            found.append(f"{key}: {message}")
    return found or [error.message]


def _rows_csv(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ApplicationError(
            _("The file is not valid UTF-8 (line %(line)s). Save it as UTF-8 and try again.")
            % {"line": line}
        ) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        raise ApplicationError(_("The CSV file needs a header row with at least a text column."))
    line = 2
    for row in reader:
        yield line, {k: v for k, v in row.items() if k is not None}, None
        line = reader.line_num + 1


def _rows_jsonl(data: bytes):
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError:
            yield number, None, _("This line is not valid UTF-8.")
            continue
        except ValueError:
            yield number, None, _("This line is not valid JSON.")
            continue
        if not isinstance(row, dict):
            yield number, None, _("This line is not a JSON object.")
            continue
        yield number, row, None


def import_file(*, event, upload, user, withdraw_url: str = "") -> ImportReport:
    """Import every row of ``upload`` into ``event``; returns what was saved and refused, and
    the withdrawal code of each new story (e-mailed to those who agreed to be contacted)."""
    if upload.size > MAX_BYTES:
        raise ApplicationError(_("The file is larger than 10 MB. Split it and try again."))
    name = (upload.name or "").lower()
    data = upload.read()
    if name.endswith((".jsonl", ".ndjson", ".json")):
        rows = _rows_jsonl(data)
    elif name.endswith((".csv", ".txt")):
        rows = _rows_csv(data)
    else:
        raise ApplicationError(_("Upload a .csv or a .jsonl file."))
    consent_texts = {(c.language.lower(), str(c.version)): c for c in ConsentText.objects.all()}
    report = ImportReport()
    for count, (line, row, problem) in enumerate(rows, start=1):
        if count > MAX_ROWS:
            too_many = _("More than 5,000 rows: the rest was not read. Split the file.")
            report.refused.append(RefusedRow(line, [too_many]))
            break
        if problem:
            report.refused.append(RefusedRow(line, [problem]))
            continue
        _import_row(line, row, report=report, event=event, user=user, consent_texts=consent_texts)
    _relay_in_batches(report.saved)
    report.emails_failed = import_codes_email(
        emails=report.emails, event=event, withdraw_url=withdraw_url
    )
    report.emails = []
    return report


def _import_row(line: int, row: dict, *, report: ImportReport, event, user, consent_texts):
    kwargs, errors = _row_to_kwargs(row, event=event, consent_texts=consent_texts)
    if errors:
        report.refused.append(RefusedRow(line, errors))
        return
    try:
        draft = SubmissionDraft(
            event=event,
            channel=Channel.IMPORT,
            consent_method=ConsentMethod.IMPORTED,
            entered_by=user,
            **kwargs,
        )
        submission = testimony_create(draft=draft, relay_on_commit=False)
    except ApplicationError as error:
        report.refused.append(RefusedRow(line, _flatten(error)))
        return
    if not submission.created:
        # NOTE: its code was handed over with the first import; it is not offered again.
        report.skipped_duplicates += 1
        return
    report.saved += 1
    imported = ImportedCode(
        line=line, external_id=_str(row, "external_id").strip(), code=submission.withdrawal_code
    )
    report.codes.append(imported)
    address = draft.contact.get("email", "")
    if Scope.CONTACT in draft.scopes and address:
        report.emails.append(
            CodeEmail(imported=imported, address=address, language=draft.consent_text.language)
        )


def _relay_in_batches(saved: int) -> None:
    """Publish the imported stories' follow-up work in batches (one broker connection per
    batch, not one per row); what is left stays pending for the periodic relay."""
    from core.outbox import outbox_relay

    batches = (saved * 4) // RELAY_BATCH + 1
    for _batch in range(batches):
        try:
            result = outbox_relay(limit=RELAY_BATCH)
        except Exception:  # noqa: BLE001
            # NOTE: the import itself succeeded; the relay process publishes the rest.
            logger.warning("Import: relay deferred to the periodic relay.")
            return
        if not result.sent:
            return
