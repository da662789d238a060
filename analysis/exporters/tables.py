"""The datasets of an export, as tables whose rows are read in chunks of ``CHUNK`` stories.

``iterator()`` and one query per chunk for the related rows keep memory bounded whatever the
selection. Nothing here decides who may export what: the services pass in querysets already
scoped to the user.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from types import SimpleNamespace

from django.db.models import F
from django.utils.translation import get_language

from coding.models import Code, CodeApplication
from coding.selectors import code_text
from testimonies.models import ResearchCopy, Testimony, TestimonyCharacteristics

CHUNK = 500
Progress = Callable[[int], None] | None
CHARACTERISTIC_FIELDS = ("gender", "age_band", "ethnic_minority", "disability", "lgbtq")


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


def story_ids(stories) -> Iterator[list[int]]:
    """The ids of ``stories`` in lists of ``CHUNK``."""
    return chunked(stories.order_by("id").values_list("id", flat=True).iterator(CHUNK), CHUNK)


# What the stories' rows read: the research copy, its story and the story's event, as plain
# values. NOTE: model instances would be slower and, worse, a copy and its story refer to each
# other (select_related caches both sides of the one-to-one): cycles only the collector's rare
# full passes free, so a million-story export grew by about a kilobyte a story (issue 22).
_COPY_FIELDS = (
    "testimony_id",
    "detected_language",
    "redacted_title",
    "redacted_text",
    "redacted_restore_trust",
)
_STORY_VALUES = {
    "public_id": F("testimony__public_id"),
    "event_title": F("testimony__event__title"),
    "country": F("testimony__event__country"),
    "declared_language": F("testimony__declared_language"),
    "submitted_at": F("testimony__submitted_at"),
    "trust_affected": F("testimony__trust_affected"),
    "reasons": F("testimony__reasons"),
    "consequences": F("testimony__consequences"),
    **{
        f"scope_{name}": F(f"testimony__scope_{name}")
        for name in ("quote_ask", "quote_named", "quote_anonymous", *CHARACTERISTIC_FIELDS)
    },
}


def story_rows(ids: list[int]) -> Iterator[SimpleNamespace]:
    """The research copies of the stories ``ids``, in story order, each a plain row: ``id``
    (the story's), ``public_id``, ``event_title``, ``country``, ``language`` (detected, else
    declared), ``submitted_at``, ``trust_affected``, ``reasons``, ``consequences``, the
    ``scope_*`` of quotes and characteristics, ``redacted_title/text/restore_trust``."""
    rows = (
        ResearchCopy.objects.filter(testimony_id__in=ids)
        .order_by("testimony_id")
        .values(*_COPY_FIELDS, **_STORY_VALUES)
    )
    for row in rows:
        row["id"] = row.pop("testimony_id")
        row["language"] = row["detected_language"] or row["declared_language"]
        yield SimpleNamespace(**row)


def _quote_consent(story) -> str:
    if story.scope_quote_ask:
        return "ask"  # each passage only once its participant approved it (issue 20)
    if story.scope_quote_named:
        return "named"
    if story.scope_quote_anonymous:
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
        for ids in story_ids(stories):
            for t in story_rows(ids):
                yield [
                    str(t.public_id),
                    t.event_title,
                    str(t.country),
                    t.language,
                    t.submitted_at.isoformat(),
                    t.trust_affected,
                    ";".join(t.reasons or []),
                    ";".join(t.consequences or []),
                    _quote_consent(t),
                    t.redacted_title,
                    t.redacted_text,
                    t.redacted_restore_trust,
                ]
            done += len(ids)
            if progress:
                progress(done)

    return Table("stories", header, rows())


def codes_table(codebook, language: str | None = None) -> Table:
    """The codebook: ``label`` in ``language`` (default the reader's; ``label_fallback`` says
    "yes" where it is the English label), then label and description in every language."""
    language = language or get_language() or "en"
    codes = list(
        Code.objects.filter(codebook=codebook, is_archived=False)
        .select_related("parent")
        .order_by("position", "id")
    )
    present = {lang for code in codes for lang in code.translations or {}}
    languages = [lang for lang in dict.fromkeys(["en", *sorted(present)]) if lang in present]
    texts = [(f, lang) for lang in languages for f in ("label", "description")]
    header = [
        "key",
        "parent",
        "label",
        "label_fallback",
        *(f"{f}_{lang}" for f, lang in texts),
        "colour",
        "codable",
        "guid",
    ]
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
            label, fallback = code_text(code, "label", language)
            yield [
                code.key,
                code.parent.key if code.parent else "",
                label,
                "yes" if fallback else "no",
                *((code.translations.get(lang) or {}).get(f, "") for f, lang in texts),
                code.colour,
                code.is_codable,
                str(code.guid),
            ]

    return Table("codes", header, rows())


def accepted_applications():
    return CodeApplication.objects.filter(status=CodeApplication.Status.ACCEPTED)


def applications_table(stories, progress: Progress = None, language: str | None = None) -> Table:
    """Accepted applications; ``label`` is the code's label in ``language`` (default the
    reader's), followed by "(in English)" where the code has none in that language."""
    language = language or get_language() or "en"
    header = [
        "story_id",
        "code",
        "label",
        "level",
        "start",
        "end",
        "coder",
        "source",
        "created_at",
    ]

    labels: dict[int, tuple[str, str]] = {}  # code id: key and label, read once per export

    def code_label(code_id: int) -> tuple[str, str]:
        if code_id not in labels:
            code = Code.objects.get(pk=code_id)
            labels[code_id] = (code.key, code.text("label", language).marked)
        return labels[code_id]

    def rows():
        done = 0
        for ids in story_ids(stories):
            public = dict(Testimony.objects.filter(id__in=ids).values_list("id", "public_id"))
            # NOTE: plain values, not instances: see _STORY_VALUES.
            apps = (
                accepted_applications()
                .filter(testimony_id__in=ids)
                .order_by("testimony_id", "start", "id")
                .values_list(
                    "testimony_id", "code_id", "start", "end", "coder_id", "source", "created_at"
                )
            )
            for testimony_id, code_id, start, end, coder_id, source, created_at in apps:
                key, label = code_label(code_id)
                yield [
                    str(public[testimony_id]),
                    key,
                    label,
                    "document" if start is None else "span",
                    start,
                    end,
                    f"coder-{coder_id}" if coder_id else "",
                    source,
                    created_at.isoformat(),
                ]
            done += len(ids)
            if progress:
                progress(done)

    return Table("applications", header, rows())


def characteristic_values(t, chars: TestimonyCharacteristics | None) -> dict:
    """The characteristics a story's consent lets us use, each only with its own scope (``t``:
    a story or a row of ``story_rows``, with the ``scope_*`` fields)."""
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
        for ids in story_ids(stories):
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
