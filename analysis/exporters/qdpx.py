"""A selection as a REFI-QDA project (``.qdpx``): codebook, research copies, codings, memos.

The rows are read here, in chunks; analysis.refiqda writes the XML and the archive.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from django.utils import timezone
from django.utils.translation import gettext as _

from analysis import refiqda
from analysis.exporters.tables import (
    CHARACTERISTIC_FIELDS,
    CHUNK,
    Progress,
    accepted_applications,
    characteristic_values,
    story_ids,
    story_rows,
)
from coding.models import Code, Memo
from testimonies.models import TestimonyCharacteristics

VARIABLE_TYPES = {"trust_affected": "Text", "country": "Text", "event": "Text", "language": "Text"}


@dataclass
class _Selection:
    """What every chunk of sources needs to know about the export."""

    stories: object
    codebook: object
    include_characteristics: bool
    code_guids: dict[int, str]
    variable_guids: dict[str, str]


@lru_cache(maxsize=4096)
def _user_guid(user_id: int | None) -> str | None:
    return None if user_id is None else refiqda.stable_guid("user", user_id)


def _code_description(code) -> str:
    """The description in the export's language; a line says when the label is the English one
    because the code has none in that language (the name itself stays a clean label)."""
    description = code.text("description").text
    if not code.text("label").is_fallback:
        return description
    note = _("Label in English: no translation in this language yet.")
    return f"{description}\n\n{note}" if description else note


def _code_tree(codebook) -> tuple[list[refiqda.QdaCode], dict[int, str]]:
    codes = list(Code.objects.filter(codebook=codebook).order_by("position", "id"))
    memos = defaultdict(list)
    for memo_id, code_id in Memo.objects.filter(code__codebook=codebook).values_list(
        "id", "code_id"
    ):
        memos[code_id].append(refiqda.stable_guid("memo", memo_id))
    nodes = {
        c.id: refiqda.QdaCode(
            guid=str(c.guid),
            name=c.label,
            is_codable=c.is_codable and not c.is_archived,
            colour=c.colour,
            description=_code_description(c),
            note_guids=memos[c.id],
        )
        for c in codes
    }
    top = []
    for c in codes:
        if c.parent_id and c.parent_id in nodes:
            nodes[c.parent_id].children.append(nodes[c.id])
        else:
            top.append(nodes[c.id])
    root = refiqda.QdaCode(
        guid=refiqda.stable_guid("codebook", codebook.pk),
        name=codebook.name,
        is_codable=False,
        description=_("The action themes of Entendu's codebook; not a code itself."),
        children=top,
    )
    return [root], {c.id: str(c.guid) for c in codes}


def _variables(include_characteristics: bool) -> list[refiqda.QdaVariable]:
    variables = [
        refiqda.QdaVariable(refiqda.stable_guid("variable", name), name, kind)
        for name, kind in VARIABLE_TYPES.items()
    ]
    if include_characteristics:
        variables += [
            refiqda.QdaVariable(refiqda.stable_guid("variable", name), name, "Text")
            for name in CHARACTERISTIC_FIELDS
        ]
    return variables


def coder_names(user_ids, *, blind: bool = False) -> dict[int, str]:
    """Coders named as on the agreement pages (display name, else e-mail address); in blind
    mode nobody is named: "Coder 1", "Coder 2"... in a stable order."""
    from accounts.models import User

    ordered = sorted(user_ids)
    if blind:
        return {i: _("Coder %(number)s") % {"number": n} for n, i in enumerate(ordered, 1)}
    users = User.objects.filter(id__in=ordered).only("id", "display_name", "email")
    return {u.id: u.display_name or u.email for u in users}


def _users(stories, *, blind: bool = False) -> list[refiqda.QdaUser]:
    # NOTE: the writer needs the users before the sources, so the coders of the whole selection
    # and the memo authors are read first (ids only). Each user is listed once, with a GUID
    # stable across exports (uuid5 of the account id).
    # NOTE: order_by() before distinct(): with the models' orderings the DISTINCT also took the
    # ordering's columns, one row per application read into memory (+220 MB at a million).
    coder_ids = set(
        accepted_applications()
        .filter(testimony_id__in=stories.values("id"))
        .exclude(coder_id=None)
        .order_by()
        .values_list("coder_id", flat=True)
        .distinct()
    )
    coder_ids.update(
        Memo.objects.exclude(author_id=None)
        .order_by()
        .values_list("author_id", flat=True)
        .distinct()
    )
    names = coder_names(coder_ids, blind=blind)
    return [
        refiqda.QdaUser(refiqda.stable_guid("user", i), names.get(i, f"coder-{i}"))
        for i in sorted(coder_ids)
    ]


def _chunk_applications(ids: list[int], codebook) -> dict[int, list[dict]]:
    apps = defaultdict(list)
    # NOTE: ordered on the application's own columns: the model's ordering ("testimony") joins
    # the stories to sort on their submission date, a parallel plan per chunk (35 ms, not 1).
    for app in (
        accepted_applications()
        .filter(testimony_id__in=ids, code__codebook=codebook)
        .order_by("testimony_id", "start", "id")
        .values("testimony_id", "code_id", "start", "end", "coder_id", "created_at")
    ):
        apps[app["testimony_id"]].append(app)
    return apps


def _chunk_memos(ids: list[int]) -> dict[int, list[tuple]]:
    memos = defaultdict(list)
    rows = Memo.objects.filter(testimony_id__in=ids).order_by("id")
    for memo_id, tid, title, body in rows.values_list("id", "testimony_id", "title", "body"):
        memos[tid].append((memo_id, title, body))
    return memos


def _memo_description(memos: list[tuple]) -> str:
    """Story memos also as the source's description: where QualCoder and ATLAS.ti show a
    document's memo (the notes stay the exchange's record, linked by NoteRef)."""
    return "\n\n".join(f"{title}\n{body}" for _id, title, body in memos)


def _variable_values(t, chars, selection: _Selection) -> list[tuple[str, str, str]]:
    guids = selection.variable_guids
    values = [
        (guids["country"], "Text", str(t.country)),
        (guids["event"], "Text", t.event_title),
        (guids["language"], "Text", t.language),
    ]
    if t.trust_affected:
        values.append((guids["trust_affected"], "Text", t.trust_affected))
    if selection.include_characteristics:
        for name, value in characteristic_values(t, chars.get(t.id)).items():
            values.append((guids[name], "Text", value))
    return values


def _source(t, apps, memos, chars, selection: _Selection) -> refiqda.QdaSource:
    """The source of ``t``, a row of ``story_rows``."""
    return refiqda.QdaSource(
        guid=str(t.public_id),
        name=f"{t.event_title} — {str(t.public_id)[:8]}",
        text=t.redacted_text,
        created=t.submitted_at,
        codings=[
            refiqda.QdaCoding(
                code_guid=selection.code_guids[a["code_id"]],
                start=a["start"],
                end=a["end"],
                user_guid=_user_guid(a["coder_id"]),
                created=a["created_at"],
            )
            for a in apps[t.id]
            if a["code_id"] in selection.code_guids
        ],
        variable_values=_variable_values(t, chars, selection),
        description=_memo_description(memos[t.id]),
        note_guids=[refiqda.stable_guid("memo", m[0]) for m in memos[t.id]],
    )


def _sources(selection: _Selection, progress: Progress) -> Iterator[refiqda.QdaSource]:
    done = 0
    for ids in story_ids(selection.stories):
        apps = _chunk_applications(ids, selection.codebook)
        memos = _chunk_memos(ids)
        chars = {}
        if selection.include_characteristics:
            chars = {
                c.testimony_id: c
                for c in TestimonyCharacteristics.objects.filter(testimony_id__in=ids)
            }
        for row in story_rows(ids):
            yield _source(row, apps, memos, chars, selection)
        done += len(ids)
        if progress:
            progress(done)


def _notes(memos) -> Iterator[refiqda.QdaNote]:
    for memo in memos.order_by("id").iterator(CHUNK):
        yield refiqda.QdaNote(
            guid=refiqda.stable_guid("memo", memo.id),
            name=memo.title,
            text=memo.body,
            created=memo.created_at,
            modified=memo.updated_at,
            user_guid=_user_guid(memo.author_id),
        )


def _all_notes(selection: _Selection) -> Iterator[refiqda.QdaNote]:
    # NOTE: the story memos are read again here, through the selection, rather than their ids
    # kept while the sources were written: a list that grew with the export (issue 22).
    yield from _notes(Memo.objects.filter(testimony_id__in=selection.stories.values("id")))
    wanted = Memo.objects.filter(kind__in=[Memo.Kind.PROJECT, Memo.Kind.CODE])
    yield from _notes(
        wanted.filter(code__isnull=True) | wanted.filter(code__codebook=selection.codebook)
    )


def write_qdpx(
    *,
    stories,
    codebook,
    include_characteristics: bool,
    fh,
    progress: Progress = None,
    blind: bool = False,
) -> int:
    """A REFI-QDA project of the selection: codebook, research copies, codings, memos."""
    code_tree, code_guids = _code_tree(codebook)
    variables = _variables(include_characteristics)
    selection = _Selection(
        stories=stories,
        codebook=codebook,
        include_characteristics=include_characteristics,
        code_guids=code_guids,
        variable_guids={v.name: v.guid for v in variables},
    )
    project_memos = [
        refiqda.stable_guid("memo", m)
        for m in Memo.objects.filter(kind=Memo.Kind.PROJECT).values_list("id", flat=True)
    ]
    return refiqda.write_qdpx(
        fh,
        name=_("Entendu selection of %(date)s") % {"date": timezone.now().date().isoformat()},
        users=_users(stories, blind=blind),
        codes=code_tree,
        variables=variables,
        sources=_sources(selection, progress),
        notes=_all_notes(selection),
        project_note_guids=project_memos,
        # NOTE: no progress per source: _sources reports once a chunk (the job's progress is an
        # UPDATE; one a source was a million statements at a million stories).
    )
