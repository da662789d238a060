"""The datasets of an export, as tables whose rows are read in chunks of ``CHUNK`` stories.

``iterator()`` and one query per chunk for the related rows keep memory bounded whatever the
selection. Nothing here decides who may export what: the services pass in querysets already
scoped to the user.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

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


def _quote_consent(testimony: Testimony) -> str:
    if testimony.scope_quote_ask:
        return "ask"  # each passage only once its participant approved it (issue 20)
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
        for ids in story_ids(stories):
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

    def rows():
        done = 0
        for ids in story_ids(stories):
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
                    app.code.text("label", language).marked,
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
