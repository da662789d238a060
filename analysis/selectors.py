"""Reads for dashboards, search and quotes. Researchers and admins only; active stories whose
consent covers research only; small cells suppressed by the callers' presenters.

The heavy aggregations (theme counts, co-occurrence, trust by group) are in analysis.aggregates
and re-exported here, so callers read everything through ``analysis.selectors``.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.roles import RESEARCH_TEAM, user_has_role
from analysis import fts_sqlite, search_sql, snippets
from analysis.aggregates import (  # noqa: F401 - re-exported: callers read through selectors
    GROUPS,
    MAX_MASK_CODES,
    Theme,
    cooccurrence,
    group_theme_counts,
    grouped_masks,
    theme_counts_by,
    trust_rows,
)
from analysis.fts import CJK_RUN, cjk_runs, headline_sql
from analysis.models import ExportJob
from coding.models import Code, CodeApplication, Codebook
from coding.selectors import code_translated, codebook_default
from events.models import Event
from testimonies.models import QuoteRequest, ResearchCopy, Testimony


@dataclass(frozen=True)
class AnalysisFilters:
    event_id: int | None = None
    country: str = ""
    language: str = ""
    date_from: date | None = None
    date_to: date | None = None
    code_id: int | None = None

    def as_dict(self) -> dict:
        return {
            "event": self.event_id,
            "country": self.country,
            "language": self.language,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "code": self.code_id,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "AnalysisFilters":
        return cls(
            event_id=data.get("event") or None,
            country=data.get("country") or "",
            language=data.get("language") or "",
            date_from=date.fromisoformat(data["date_from"]) if data.get("date_from") else None,
            date_to=date.fromisoformat(data["date_to"]) if data.get("date_to") else None,
            code_id=data.get("code") or None,
        )


def can_analyse(user) -> bool:
    return user_has_role(user, *RESEARCH_TEAM)


def code_with_descendants(*, code_id: int) -> list[int]:
    """The code and every code below it (one query per level; codebooks are shallow)."""
    ids = [code_id]
    frontier = [code_id]
    while frontier:
        frontier = list(Code.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        ids.extend(frontier)
    return ids


def stories_for_analysis(*, user, filters: AnalysisFilters) -> QuerySet[Testimony]:
    """Active stories whose consent covers research, filtered; none for other roles."""
    if not can_analyse(user):
        return Testimony.objects.none()
    return Testimony.objects.filter(analysis_condition(filters)).order_by()


def analysis_condition(filters: AnalysisFilters, prefix: str = "") -> Q:
    """What ``stories_for_analysis`` asks of a story, its fields reached through ``prefix``
    (``"testimony__"`` from a research copy: on the joined row, so that the index on the
    stories' ordering can be walked with the filters checked along the way)."""
    q = Q(status=Testimony.Status.ACTIVE, scope_research=True)
    if filters.event_id:
        q &= Q(event_id=filters.event_id)
    if filters.country:
        q &= Q(event__country=filters.country)
    if filters.language:
        # The detected language when NLP found one, else the declared one (one LEFT JOIN).
        copy = "research_copy__detected_language"
        q &= Q(**{copy: filters.language}) | (
            Q(declared_language=filters.language)
            & (Q(**{copy: ""}) | Q(**{f"{copy}__isnull": True}))
        )
    if filters.date_from:
        q &= Q(submitted_at__gte=timezone.make_aware(datetime.combine(filters.date_from, time.min)))
    if filters.date_to:
        q &= Q(submitted_at__lte=timezone.make_aware(datetime.combine(filters.date_to, time.max)))
    if filters.code_id:
        codes = code_with_descendants(code_id=filters.code_id)
        if connection.vendor == "postgresql":
            # NOTE: the story code sets (migration 0003) answer this without the applications.
            q &= Q(analysis_code_set__code_ids__overlap=codes)
        else:
            q &= Q(
                id__in=CodeApplication.objects.filter(
                    code_id__in=codes, status=CodeApplication.Status.ACCEPTED
                ).values("testimony_id")
            )
    return _prefixed(q, prefix) if prefix else q


def _prefixed(q: Q, prefix: str) -> Q:
    """``q`` with every field path reached through ``prefix``."""
    children = [
        _prefixed(c, prefix) if isinstance(c, Q) else (f"{prefix}{c[0]}", c[1]) for c in q.children
    ]
    return Q(*children, _connector=q.connector, _negated=q.negated)


def default_codebook() -> Codebook | None:
    return codebook_default(or_first=True)


def themes(*, codebook: Codebook | None = None, parent_id: int | None = None) -> list[Theme]:
    """The codes to count: the codebook's top level (the six themes) or the children of
    ``parent_id``, each with every code under it. Merged and archived codes count in the code
    they were merged into through their applications, so only live codes are listed."""
    codebook = codebook or default_codebook()
    if codebook is None:
        return []
    codes = list(
        Code.objects.filter(codebook=codebook).values(
            "id", "parent_id", "key", "translations", "colour", "is_archived", "position"
        )
    )
    children: dict[int | None, list[dict]] = defaultdict(list)
    for code in codes:
        children[code["parent_id"]].append(code)
    result = []
    for code in sorted(children[parent_id], key=lambda c: (c["position"], c["id"])):
        if code["is_archived"]:
            continue
        ids, frontier = [code["id"]], [code["id"]]
        while frontier:
            frontier = [c["id"] for parent in frontier for c in children[parent]]
            ids.extend(frontier)
        # The reader's language; "(in English)" marks a theme that has no label in it.
        label = code_translated(code["translations"], "label").marked
        result.append(Theme(code["id"], code["key"], label, code["colour"], ids))
    return result[:MAX_MASK_CODES]


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


# Search ------------------------------------------------------------------------------------

# Above this many stories the search says "more than": counting a word found in a third of a
# million stories to the page's 10,000 took a second (issue 22).
SEARCH_COUNT_BOUND = 1_000


def search_research_copies(*, user, filters: AnalysisFilters, query: str) -> QuerySet[ResearchCopy]:
    """Research copies matching ``query`` and the filters, newest first.

    PostgreSQL: full-text search in each story's language configuration through the stored
    vector's GIN index (one ``@@`` per distinct parsed query, ORed index scans); Japanese and
    Chinese words through the CJK bigram index. SQLite (``make run``): the same query language
    through FTS5 (analysis/fts_sqlite.py); word forms only in English there.
    """
    if not can_analyse(user):
        return ResearchCopy.objects.none()
    # The filters on the joined story (not ``testimony__in``): the index on (status,
    # -submitted_at) can then walk the stories newest first (``keyset_page``'s ``within``).
    qs = ResearchCopy.objects.filter(analysis_condition(filters, "testimony__"))
    qs = qs.select_related("testimony__event")
    qs = qs.defer("testimony__text", "testimony__title", "testimony__restore_trust")
    query = (query or "").strip()
    if not query:
        return qs.order_by("-testimony__submitted_at", "-id")
    if connection.vendor == "sqlite":
        matching = search_sql.matching_copies_sqlite(query)
    else:
        matching = search_sql.matching_copies(query, events=search_sql.events_of(filters))
    # NOTE: newest first rather than by rank: ranking recomputes every matching story's vector,
    # seconds for a common word over 100,000 stories, while this order is served by the index.
    return qs.filter(id__in=matching).order_by("-testimony__submitted_at", "-id")


def search_scope(*, user, filters: AnalysisFilters, query: str) -> QuerySet[ResearchCopy] | None:
    """What ``search_research_copies`` narrows by the query: every research copy in the
    filters, in the same order (its index walks it newest first), for ``keyset_page``'s
    ``within``; None without a query (nothing is narrowed)."""
    if not (query or "").strip():
        return None
    return search_research_copies(user=user, filters=filters, query="")


def search_snippets(*, copies, query: str) -> dict[int, list[snippets.Fragment]]:
    """Keyword-in-context fragments of each research copy in ``copies`` (a page of
    ``search_research_copies``, so already scoped to the user), the matched words marked by the
    search index's own highlighter in each story's language: one query for the whole page.

    Japanese and Chinese runs are marked as the substrings the search matched them as.
    """
    copies = [c for c in copies if c.redacted_text]
    query = (query or "").strip()
    if not copies or not query:
        return {}
    runs = cjk_runs(query)
    rest = CJK_RUN.sub(" ", query).strip() if runs else query
    marks = {c.id: snippets.substring_marks(c.redacted_text, runs) for c in copies}
    terms = fts_sqlite.positive_terms(fts_sqlite.parse_websearch(rest))
    if terms:
        texts = {c.id: c.redacted_text for c in copies}
        # Only phrases: PostgreSQL marks their words anywhere, keep those that stand together.
        phrase = min(len(t.words) for t in terms) if connection.vendor != "sqlite" else 1
        for pk, highlighted in _highlighted(list(texts), terms):
            found = snippets.marks_from_highlighted(texts[pk], highlighted)
            marks[pk] += snippets.phrase_marks(texts[pk], found, phrase) if phrase > 1 else found
    return {c.id: snippets.fragments(c.redacted_text, marks[c.id]) for c in copies}


def _highlighted(ids: list[int], terms: list[fts_sqlite.Term]) -> list[tuple[int, str]]:
    """(id, text with sentinels around the matched words) from the engine's highlighter."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            expression = " OR ".join(term.fts5() for term in terms)
            params = [snippets.START, snippets.STOP, expression, *ids]
            cursor.execute(fts_sqlite.highlight_sql(len(ids)), params)
        else:
            query = fts_sqlite.websearch_any(terms)
            cursor.execute(
                headline_sql(_table(ResearchCopy)), [query, snippets.HEADLINE_OPTIONS, ids]
            )
        return cursor.fetchall()


def search_finds_forms_in_every_language() -> bool:
    """Whether search finds other forms of a word in every story's language (PostgreSQL), or
    in English only (SQLite's porter stemmer): the search page tells which."""
    return connection.vendor == "postgresql"


# Quotes ------------------------------------------------------------------------------------


def quotable_stories(*, user, filters: AnalysisFilters) -> QuerySet[Testimony]:
    """Stories whose consent, read now, allows quotation (anonymous, named, or asked each time:
    then only the passages the participant approved, see ``quotes_for_user``)."""
    return stories_for_analysis(user=user, filters=filters).filter(
        Q(scope_quote_anonymous=True) | Q(scope_quote_named=True) | Q(scope_quote_ask=True)
    )


def quotes_for_user(
    *, user, filters: AnalysisFilters, code_id: int | None = None, to_ask: bool = False
) -> QuerySet[CodeApplication]:
    """Coded spans of quotable stories, optionally under one code (with its sub-codes).

    SECURITY: consent is read at query time, so a narrowed or withdrawn consent removes the
    quote from every sheet built afterwards.
    """
    if code_id and code_id == filters.code_id:
        # The spans' code filter implies the stories' (a story's code set holds each of its
        # accepted codes); filtered twice, PostgreSQL hashed every story holding the code to
        # count a page (1.5 s at a million stories).
        filters = replace(filters, code_id=None)
    stories = quotable_stories(user=user, filters=filters)
    spans = CodeApplication.objects.filter(
        status=CodeApplication.Status.ACCEPTED, start__isnull=False
    )
    if code_id:
        spans = spans.filter(code_id__in=code_with_descendants(code_id=code_id))
    # Each passage (story + span) once, however many codes or coders marked it: the newest of
    # its applications stands for it (``exporters.quotes_from`` lists every code on it).
    newer = spans.filter(
        testimony_id=OuterRef("testimony_id"),
        start=OuterRef("start"),
        end=OuterRef("end"),
        id__gt=OuterRef("id"),
    )
    # "Ask me before each quote": a passage goes on a sheet only once its participant approved
    # that very passage (issue 20); a pending or declined one never does.
    approved = QuoteRequest.objects.filter(
        testimony_id=OuterRef("testimony_id"),
        start=OuterRef("start"),
        end=OuterRef("end"),
        status=QuoteRequest.Status.APPROVED,
    )
    qs = spans.filter(testimony__in=stories.values("id")).filter(~Exists(newer))
    if to_ask:
        # The passages a researcher may still ask for (issue 20): never on a sheet as they are.
        qs = qs.filter(testimony__scope_quote_ask=True).exclude(Exists(approved))
    else:
        qs = qs.filter(Q(testimony__scope_quote_ask=False) | Exists(approved))
    return (
        qs.select_related(
            "code",
            "testimony__event",
            "testimony__consent_text",
            "testimony__research_copy",
        )
        .defer("testimony__text", "testimony__title", "testimony__restore_trust")
        # NOTE: newest coding first, served by the primary key: ordering by code or story would
        # sort every quotable span (seconds at a million applications) to show 25.
        .order_by("-id")
    )


def export_jobs_for_user(*, user) -> QuerySet[ExportJob]:
    """The user's own exports, newest first (paged by keyset: any number of them)."""
    return ExportJob.objects.filter(user=user).order_by("-created_at", "-id")


def languages_for_filters() -> list[str]:
    """The languages to offer as filters: those of the programme's countries and events.

    NOTE: read from the two small tables rather than DISTINCT over every story, which costs
    seconds at a million stories; a story in another language is still found by its code.
    """
    from events.models import ProgrammeCountry

    codes: set[str] = set()
    for languages in ProgrammeCountry.objects.values_list("languages", flat=True):
        codes.update(languages or [])
    for languages in Event.objects.values_list("languages", flat=True):
        codes.update(languages or [])
    return sorted(c for c in codes if isinstance(c, str) and c)
