"""Exports of a selection: CSV, XLSX, REFI-QDA and quote sheets, all with bounded memory.

Rows are read in chunks of ``CHUNK`` stories (``iterator()`` and one query per chunk for the
related rows), written as they come: a CSV streams to the client or to a file, an XLSX goes
through openpyxl's write-only workbook, a ``.qdpx`` through analysis.refiqda. Nothing here
decides who may export what: the services pass in querysets already scoped to the user.
"""

import csv
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from analysis import refiqda
from coding.models import Code, CodeApplication, Memo
from testimonies.models import ResearchCopy, Testimony, TestimonyCharacteristics

CHUNK = 500
Progress = Callable[[int], None] | None
# SECURITY: a cell starting with one of these is run as a formula by spreadsheet software
# (CSV/formula injection, OWASP); such text is prefixed with an apostrophe.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CHARACTERISTIC_FIELDS = ("gender", "age_band", "ethnic_minority", "disability", "lgbtq")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def chunked(iterable: Iterable, size: int = CHUNK) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass
class Table:
    """A dataset: its header and a generator of rows (lists of plain values)."""

    name: str
    header: list[str]
    rows: Iterator[list]


def _story_ids(stories) -> Iterator[list[int]]:
    return chunked(stories.order_by("id").values_list("id", flat=True).iterator(CHUNK))


def _quote_consent(testimony: Testimony) -> str:
    if testimony.scope_quote_named:
        return "named"
    if testimony.scope_quote_anonymous:
        return "anonymous"
    return "none"


def stories_table(stories, progress: Progress = None) -> Table:
    header = [
        "story_id",
        "event",
        "country",
        "language",
        "submitted_at",
        "trust_affected",
        "reasons",
        "consequences",
        "quote_consent",
        "title",
        "text",
        "restore_trust",
    ]

    def rows():
        done = 0
        for ids in _story_ids(stories):
            copies = (
                ResearchCopy.objects.filter(testimony_id__in=ids)
                .select_related("testimony__event")
                .defer("testimony__text", "testimony__title", "testimony__restore_trust")
                .order_by("testimony_id")
            )
            for copy in copies:
                t = copy.testimony
                yield [
                    str(t.public_id),
                    t.event.title,
                    str(t.event.country),
                    copy.detected_language or t.declared_language,
                    t.submitted_at.isoformat(),
                    t.trust_affected,
                    ";".join(t.reasons or []),
                    ";".join(t.consequences or []),
                    _quote_consent(t),
                    copy.redacted_title,
                    copy.redacted_text,
                    copy.redacted_restore_trust,
                ]
            done += len(ids)
            if progress:
                progress(done)

    return Table("stories", header, rows())


def codes_table(codebook) -> Table:
    header = [
        "key",
        "parent",
        "label_en",
        "label_fr",
        "description_en",
        "description_fr",
        "colour",
        "codable",
        "guid",
    ]
    codes = list(
        Code.objects.filter(codebook=codebook, is_archived=False)
        .select_related("parent")
        .order_by("position", "id")
    )
    children: dict = defaultdict(list)
    for code in codes:
        children[code.parent_id].append(code)

    def walk(parent_id):
        # Parents before their children, in codebook order, whatever the database sorts first.
        for code in children.get(parent_id, []):
            yield code
            yield from walk(code.id)

    def rows():
        for code in walk(None):
            yield [
                code.key,
                code.parent.key if code.parent else "",
                code.label_en,
                code.label_fr,
                code.description_en,
                code.description_fr,
                code.colour,
                code.is_codable,
                str(code.guid),
            ]

    return Table("codes", header, rows())


def accepted_applications():
    return CodeApplication.objects.filter(status=CodeApplication.Status.ACCEPTED)


def applications_table(stories, progress: Progress = None) -> Table:
    header = [
        "story_id",
        "code",
        "label_en",
        "level",
        "start",
        "end",
        "coder",
        "source",
        "created_at",
    ]

    def rows():
        done = 0
        for ids in _story_ids(stories):
            public = dict(Testimony.objects.filter(id__in=ids).values_list("id", "public_id"))
            apps = (
                accepted_applications()
                .filter(testimony_id__in=ids)
                .select_related("code")
                .order_by("testimony_id", "start", "id")
            )
            for app in apps:
                yield [
                    str(public[app.testimony_id]),
                    app.code.key,
                    app.code.label_en,
                    "document" if app.start is None else "span",
                    app.start,
                    app.end,
                    f"coder-{app.coder_id}" if app.coder_id else "",
                    app.source,
                    app.created_at.isoformat(),
                ]
            done += len(ids)
            if progress:
                progress(done)

    return Table("applications", header, rows())


def characteristic_values(t: Testimony, chars: TestimonyCharacteristics | None) -> dict:
    """The characteristics a story's consent lets us use, each only with its own scope."""
    if chars is None:
        return {}
    return {
        name: getattr(chars, name)
        for name in CHARACTERISTIC_FIELDS
        if getattr(t, f"scope_{name}") and getattr(chars, name)
    }


def characteristics_table(stories, progress: Progress = None) -> Table:
    header = ["story_id", *CHARACTERISTIC_FIELDS]

    def rows():
        done = 0
        for ids in _story_ids(stories):
            testimonies = Testimony.objects.filter(id__in=ids).only(
                "id", "public_id", *(f"scope_{n}" for n in CHARACTERISTIC_FIELDS)
            )
            chars = {
                c.testimony_id: c
                for c in TestimonyCharacteristics.objects.filter(testimony_id__in=ids)
            }
            for t in testimonies.order_by("id"):
                values = characteristic_values(t, chars.get(t.id))
                if values:
                    yield [str(t.public_id), *(values.get(n, "") for n in CHARACTERISTIC_FIELDS)]
            done += len(ids)
            if progress:
                progress(done)

    return Table("characteristics", header, rows())


# Writers -----------------------------------------------------------------------------------


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(table: Table) -> Iterator[str]:
    """CSV lines one by one, for StreamingHttpResponse or a file."""
    writer = csv.writer(_Echo())
    yield writer.writerow(table.header)
    for row in table.rows:
        yield writer.writerow([safe_cell(v) for v in row])


def write_csv(table: Table, fh) -> None:
    for line in csv_stream(table):
        fh.write(line.encode("utf-8"))


def write_xlsx(tables: list[Table], fh) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(table.name[:31])
        sheet.append(table.header)
        for row in table.rows:
            cells = []
            for value in row:
                value = safe_cell(value)
                if isinstance(value, str):
                    # NOTE: a write-only cell holding a string is written as text, never as a
                    # formula, even after safe_cell.
                    cell = WriteOnlyCell(sheet, value=_xlsx_text(value))
                    cell.data_type = "s"
                    cells.append(cell)
                else:
                    cells.append(value)
            sheet.append(cells)
    workbook.save(fh)


def _xlsx_text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)


# REFI-QDA ----------------------------------------------------------------------------------

VARIABLE_TYPES = {"trust_affected": "Text", "country": "Text", "event": "Text", "language": "Text"}


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
            description=c.description,
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


def write_qdpx(
    *, stories, codebook, include_characteristics: bool, fh, progress: Progress = None
) -> int:
    """A REFI-QDA project of the selection: codebook, research copies, codings, memos."""
    code_tree, code_guids = _code_tree(codebook)
    coder_ids: set[int] = set()
    variables = [
        refiqda.QdaVariable(refiqda.stable_guid("variable", name), name, kind)
        for name, kind in VARIABLE_TYPES.items()
    ]
    if include_characteristics:
        variables += [
            refiqda.QdaVariable(refiqda.stable_guid("variable", name), name, "Text")
            for name in CHARACTERISTIC_FIELDS
        ]
    variable_guids = {v.name: v.guid for v in variables}
    story_memos: list[int] = []

    def user_guid(user_id: int | None) -> str | None:
        if user_id is None:
            return None
        coder_ids.add(user_id)
        return refiqda.stable_guid("user", user_id)

    def sources():
        done = 0
        for ids in _story_ids(stories):
            copies = (
                ResearchCopy.objects.filter(testimony_id__in=ids)
                .select_related("testimony__event")
                .defer("testimony__text", "testimony__title", "testimony__restore_trust")
                .order_by("testimony_id")
            )
            apps = defaultdict(list)
            for app in (
                accepted_applications()
                .filter(testimony_id__in=ids, code__codebook=codebook)
                .values("testimony_id", "code_id", "start", "end", "coder_id", "created_at")
            ):
                apps[app["testimony_id"]].append(app)
            memos = defaultdict(list)
            for memo_id, tid in Memo.objects.filter(testimony_id__in=ids).values_list(
                "id", "testimony_id"
            ):
                memos[tid].append(memo_id)
                story_memos.append(memo_id)
            chars = {}
            if include_characteristics:
                chars = {
                    c.testimony_id: c
                    for c in TestimonyCharacteristics.objects.filter(testimony_id__in=ids)
                }
            for copy in copies:
                t = copy.testimony
                values = [
                    (variable_guids["country"], "Text", str(t.event.country)),
                    (variable_guids["event"], "Text", t.event.title),
                    (
                        variable_guids["language"],
                        "Text",
                        copy.detected_language or t.declared_language,
                    ),
                ]
                if t.trust_affected:
                    values.append((variable_guids["trust_affected"], "Text", t.trust_affected))
                if include_characteristics:
                    for name, value in characteristic_values(t, chars.get(t.id)).items():
                        values.append((variable_guids[name], "Text", value))
                yield refiqda.QdaSource(
                    guid=str(t.public_id),
                    name=f"{t.event.title} — {str(t.public_id)[:8]}",
                    text=copy.redacted_text,
                    created=t.submitted_at,
                    codings=[
                        refiqda.QdaCoding(
                            code_guid=code_guids[a["code_id"]],
                            start=a["start"],
                            end=a["end"],
                            user_guid=user_guid(a["coder_id"]),
                            created=a["created_at"],
                        )
                        for a in apps[t.id]
                        if a["code_id"] in code_guids
                    ],
                    variable_values=values,
                    note_guids=[refiqda.stable_guid("memo", m) for m in memos[t.id]],
                )
            done += len(ids)
            if progress:
                progress(done)

    def notes():
        wanted = Memo.objects.filter(kind__in=[Memo.Kind.PROJECT, Memo.Kind.CODE])
        for ids in chunked(story_memos):
            yield from _notes(Memo.objects.filter(id__in=ids), user_guid)
        yield from _notes(
            wanted.filter(code__isnull=True) | wanted.filter(code__codebook=codebook), user_guid
        )

    project_memos = [
        refiqda.stable_guid("memo", m)
        for m in Memo.objects.filter(kind=Memo.Kind.PROJECT).values_list("id", flat=True)
    ]
    # NOTE: users are listed last-known: the writer needs them before the sources, so the coders
    # of the whole selection are read first (ids only).
    for coder in (
        accepted_applications()
        .filter(testimony_id__in=stories.values("id"))
        .exclude(coder_id=None)
        .values_list("coder_id", flat=True)
        .distinct()
    ):
        coder_ids.add(coder)
    for author in (
        Memo.objects.exclude(author_id=None).values_list("author_id", flat=True).distinct()
    ):
        coder_ids.add(author)
    users = [
        refiqda.QdaUser(refiqda.stable_guid("user", i), f"coder-{i}") for i in sorted(coder_ids)
    ]
    return refiqda.write_qdpx(
        fh,
        name=_("Entendu selection of %(date)s") % {"date": timezone.now().date().isoformat()},
        users=users,
        codes=code_tree,
        variables=variables,
        sources=sources(),
        notes=notes(),
        project_note_guids=project_memos,
        progress=progress,
    )


def _notes(memos, user_guid) -> Iterator[refiqda.QdaNote]:
    for memo in memos.order_by("id").iterator(CHUNK):
        yield refiqda.QdaNote(
            guid=refiqda.stable_guid("memo", memo.id),
            name=memo.title,
            text=memo.body,
            created=memo.created_at,
            user_guid=user_guid(memo.author_id),
        )


# Quote sheets ------------------------------------------------------------------------------


@dataclass
class Quote:
    code: str
    text: str
    attribution: str
    receipt: dict

    @property
    def receipt_rows(self) -> list[tuple[str, str]]:
        labels = receipt_labels()
        return [(labels[key], str(value)) for key, value in self.receipt.items()]


def attribution_for(testimony: Testimony) -> str:
    """What the consent allows: first name and country, or anonymous."""
    if testimony.scope_quote_named and testimony.first_name:
        country = testimony.event.country
        return f"{testimony.first_name}, {country.name or country.code}"
    return _("Anonymous participant")


def receipt_summary(testimony: Testimony) -> dict:
    """The consent receipt fields an auditor needs; no identifier of the person."""
    consent = testimony.consent_text
    return {
        "receipt_id": str(testimony.public_id),
        "consent_given_at": testimony.consent_given_at.isoformat(),
        "jurisdiction": str(testimony.event.country),
        "collection_method": testimony.consent_method,
        "consent_text": f"{consent.language} v{consent.version}",
        "consent_text_sha256": consent.sha256,
        "scopes": ", ".join(testimony.scopes()),
    }


def quotes_from(applications) -> Iterator[Quote]:
    rows = applications.iterator(CHUNK) if hasattr(applications, "iterator") else applications
    for app in rows:
        copy = getattr(app.testimony, "research_copy", None)
        if copy is None:
            continue
        # NOTE: offsets are code points, and Python strings index code points.
        text = copy.redacted_text[app.start : app.end]
        if not text.strip():
            continue
        yield Quote(
            app.code.label, text, attribution_for(app.testimony), receipt_summary(app.testimony)
        )


def receipt_labels() -> dict[str, str]:
    return {
        "receipt_id": _("Receipt id"),
        "consent_given_at": _("Consent given at"),
        "jurisdiction": _("Jurisdiction"),
        "collection_method": _("Collection method"),
        "consent_text": _("Consent text"),
        "consent_text_sha256": _("Consent text SHA-256"),
        "scopes": _("Scopes in force"),
    }


def write_quotes_html(quotes: Iterable[Quote], fh, *, title: str) -> int:
    count = 0

    def counted():
        nonlocal count
        for quote in quotes:
            count += 1
            yield quote

    html = render_to_string(
        "analysis/quote_sheet_export.html",
        {
            "title": title,
            "quotes": counted(),
            "labels": receipt_labels(),
            "generated_at": timezone.now(),
        },
    )
    fh.write(html.encode("utf-8"))
    return count


def write_quotes_docx(quotes: Iterable[Quote], fh, *, title: str) -> int:
    from docx import Document

    document = Document()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    document.add_paragraph(
        _(
            "Each quote is shown with the attribution its teller's consent allows and the "
            "consent receipt that allows it, for audit. Generated on %(date)s."
        )
        % {"date": timezone.now().strftime("%Y-%m-%d %H:%M UTC")}
    )
    count = 0
    for quote in quotes:
        count += 1
        document.add_heading(quote.code, level=2)
        paragraph = document.add_paragraph(style="Quote")
        paragraph.add_run(f"“{_xlsx_text(quote.text)}”")
        document.add_paragraph(f"— {quote.attribution}")
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in quote.receipt_rows:
            cells = table.add_row().cells
            cells[0].text = label
            cells[1].text = value
    if count == 0:
        document.add_paragraph(_("No quote matches this selection with consent to quote."))
    document.save(fh)
    return count
