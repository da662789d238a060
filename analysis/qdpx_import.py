"""Import a checked REFI-QDA project (analysis.refiqda_read) into an event and a codebook.

One transaction: sources become stories of the event (channel "imported from a QDA project",
the consent basis and scopes the importer attests for the batch, a withdrawal code each, as the
CSV import does), codes merge into the codebook (analysis.qdpx_preview matches them), codings
keep their positions and coders (an account, or an external coder account that cannot sign
in), memos and variables come along. Any fault: nothing is saved, the message says why.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from analysis.qdpx_preview import project_codes
from analysis.refiqda_read import ReadProject, ReadSource
from audit.models import Action
from audit.services import audit_record
from coding import services as coding_services
from coding.models import Memo
from core.exceptions import ApplicationError
from testimonies.models import (
    CHARACTERISTIC_SCOPES,
    Channel,
    ConsentMethod,
    Scope,
    TestimonyCharacteristics,
)
from testimonies.services import SubmissionDraft, testimony_create
from testimonies.services.import_codes import ImportedCode

TRUST_VALUES = {"yes", "no", "unsure"}
# Entendu's own variables (analysis.exporters.qdpx), read back into the story's fields.
KNOWN_VARIABLES = {"country", "event", "language", "trust_affected"}


@dataclass(frozen=True)
class ImportChoices:
    event: object
    codebook: object
    consent_text: object
    consented_at: datetime
    scopes: frozenset[str]
    code_matches: dict[str, int | None]  # imported code guid -> Entendu code id (None: new)
    coders: dict[str, int | None]  # user guid -> account id (None: external coder)


@dataclass
class ImportReport:
    stories: int = 0
    duplicates: int = 0
    codings: int = 0
    memos: int = 0
    codes_created: int = 0
    external_coders: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    # SECURITY: the withdrawal codes of the new stories, in memory only (never logged).
    codes: list[ImportedCode] = field(default_factory=list, repr=False)


def _characteristics(values: dict, scopes: set[str]) -> dict:
    """A characteristic comes along only under its attested scope and with a known value."""
    found = {}
    for scope in CHARACTERISTIC_SCOPES:
        field = TestimonyCharacteristics._meta.get_field(scope.value)
        value = values.get(scope.value, "").strip()
        if scope.value in scopes and value in {v for v, _label in field.choices}:
            found[scope.value] = value
    return found


def _draft(source: ReadSource, choices: ImportChoices, user) -> SubmissionDraft:
    values = source.values
    scopes = set(choices.scopes)
    trust = values.get("trust_affected", "").strip().lower()
    return SubmissionDraft(
        event=choices.event,
        consent_text=choices.consent_text,
        consent_given_at=choices.consented_at,
        scopes=scopes,
        text=source.text,
        title=source.name[:200],
        declared_language=values.get("language", "")[:16],
        trust_affected=trust if trust in TRUST_VALUES else "",
        characteristics=_characteristics(values, scopes),
        channel=Channel.QDA_IMPORT,
        consent_method=ConsentMethod.IMPORTED,
        entered_by=user,
        submission_key=hashlib.sha256(
            f"qdpx:{choices.event.pk}:{source.guid}".encode()
        ).hexdigest(),
    )


def _story(source: ReadSource, choices: ImportChoices, user, report: ImportReport):
    try:
        submission = testimony_create(draft=_draft(source, choices, user), relay_on_commit=False)
    except ApplicationError as error:
        details = "; ".join(
            f"{key}: {' '.join(str(m) for m in messages)}"
            for key, messages in error.field_errors.items()
        )
        raise ApplicationError(
            _("The source “%(name)s” cannot become a story: %(details)s")
            % {"name": source.name[:80], "details": details or error.message}
        ) from error
    if not submission.created:
        report.duplicates += 1
        return None
    report.stories += 1
    report.codes.append(
        ImportedCode(line=report.stories, external_id=source.guid, code=submission.withdrawal_code)
    )
    return submission.testimony


def _coders(project: ReadProject, choices: ImportChoices, report: ImportReport) -> dict:
    found = {}
    for guid, name in project.users.items():
        account = choices.coders.get(guid)
        if account is None:
            account = coding_services.external_coder(guid=guid, name=name).id
            report.external_coders += 1
        found[guid] = account
    return found


def _memo(note, author_id, **target) -> dict:
    return {"title": note.name, "body": note.text, "author_id": author_id, **target}


def _other_values(source: ReadSource) -> str:
    scoped = {s.value for s in CHARACTERISTIC_SCOPES}
    other = {k: v for k, v in source.values.items() if k not in KNOWN_VARIABLES | scoped}
    return "\n".join(f"{k}: {v}" for k, v in sorted(other.items()))


def _story_rows(project, source, testimony, code_ids, coders, applications, memos) -> None:
    for coding in source.codings:
        if coding.code_guid not in code_ids:  # Entendu's root: a heading, never coded
            continue
        applications.append(
            {
                "testimony_id": testimony.id,
                "code_id": code_ids[coding.code_guid],
                "coder_id": coders.get(coding.user_guid),
                "start": coding.start,
                "end": coding.end,
            }
        )
    for guid in dict.fromkeys(source.note_guids):
        note = project.notes.get(guid)
        if note is not None:
            author = coders.get(note.user_guid)
            memos.append(_memo(note, author, kind=Memo.Kind.STORY, testimony_id=testimony.id))
    if source.description.strip() and not source.note_guids:
        # A document memo written as the source's description (QualCoder, ATLAS.ti); Entendu's
        # own exports repeat their notes there, so a source with notes is read from them.
        memos.append(
            {
                "title": _("Document memo"),
                "body": source.description,
                "author_id": None,
                "kind": Memo.Kind.STORY,
                "testimony_id": testimony.id,
            }
        )
    other = _other_values(source)
    if other:
        memos.append(
            {
                "title": _("Variables"),
                "body": other,
                "author_id": None,
                "kind": Memo.Kind.STORY,
                "testimony_id": testimony.id,
            }
        )


def _project_memos(project: ReadProject, code_ids: dict, coders: dict, memos: list) -> None:
    for guid in dict.fromkeys(project.project_notes):
        note = project.notes.get(guid)
        if note is not None:
            memos.append(_memo(note, coders.get(note.user_guid), kind=Memo.Kind.PROJECT))
    for code_guid, note_guids in project.code_notes.items():
        for guid in dict.fromkeys(note_guids):
            note = project.notes.get(guid)
            if note is not None and code_guid in code_ids:
                author = coders.get(note.user_guid)
                memos.append(_memo(note, author, kind=Memo.Kind.CODE, code_id=code_ids[code_guid]))


@transaction.atomic
def qdpx_import(*, project: ReadProject, user, choices: ImportChoices) -> ImportReport:
    """Import the whole project or nothing (``ApplicationError`` says why)."""
    if Scope.RESEARCH not in choices.scopes:
        raise ApplicationError(_("The stories need consent to be stored and analysed."))
    report = ImportReport(skipped=dict(project.skipped))
    specs = [
        coding_services.ImportedCodeSpec(
            c.guid, c.name, c.parent_guid, c.is_codable, c.colour, c.description
        )
        for c in project_codes(project)
    ]
    code_ids, report.codes_created = coding_services.qda_codes_merge(
        codebook=choices.codebook, user=user, codes=specs, matches=choices.code_matches
    )
    coders = _coders(project, choices, report)
    applications: list[dict] = []
    memos: list[dict] = []
    for source in project.sources:
        testimony = _story(source, choices, user, report)
        if testimony is not None:
            _story_rows(project, source, testimony, code_ids, coders, applications, memos)
    _project_memos(project, code_ids, coders, memos)
    report.codings = coding_services.qda_applications_write(rows=applications)
    report.memos = coding_services.qda_memos_write(memos=memos)
    audit_record(
        action=Action.QDA_PROJECT_IMPORTED,
        actor=user,
        target=choices.event,
        details={
            "stories": report.stories,
            "duplicates": report.duplicates,
            "codings": report.codings,
            "memos": report.memos,
            "codes_created": report.codes_created,
            "codebook": choices.codebook.pk,
        },
    )
    return report
