"""Reads for dashboards, search and quotes. Researchers and admins only; active stories whose
consent covers research only; small cells suppressed by the callers' presenters.

Speed (issue 7: under a second with 100,000 stories and 1,000,000 code applications): the
heavy aggregations never count distinct pairs row by row. Each story's themes are folded into a
bit mask in one pass over the applications (``SUM(DISTINCT bit)``, which is a bitwise OR since
each bit is summed once), then stories are grouped by (dimension, mask): a few hundred rows at
most, expanded into theme counts and co-occurrences in Python. See bench/analytics.py.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, NullIf, TruncMonth
from django.utils import timezone

from accounts.roles import RESEARCH_TEAM, user_has_role
from analysis.fts import LANGUAGE_CONFIGS, fts_config_sql, fts_vector_sql
from coding.models import Code, CodeApplication, Codebook
from coding.selectors import codebook_default
from events.models import Event
from testimonies.models import ResearchCopy, Testimony

MAX_MASK_CODES = 62

# Population groups studied in the report, how each reads from the characteristics, and the
# consent scope that must be held to use it. ``known`` lists the values that place someone
# inside or outside the group; anything else (blank, "prefer not to say") is unknown.
GROUPS: dict[str, dict] = {
    "women": {"field": "gender", "scope": "scope_gender", "inside": ["woman"],
              "known": ["woman", "man", "non_binary", "self_described"]},
    "over_65": {"field": "age_band", "scope": "scope_age_band", "inside": ["65_plus"],
                "known": ["under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_plus"]},
    "ethnic_minority": {"field": "ethnic_minority", "scope": "scope_ethnic_minority",
                        "inside": ["yes"], "known": ["yes", "no"]},
    "disability": {"field": "disability", "scope": "scope_disability", "inside": ["yes"],
                   "known": ["yes", "no"]},
    "lgbtq": {"field": "lgbtq", "scope": "scope_lgbtq", "inside": ["yes"],
              "known": ["yes", "no"]},
}  # fmt: skip


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


@dataclass
class Theme:
    id: int
    key: str
    label: str
    colour: str
    code_ids: list[int] = field(default_factory=list)  # the theme and all its descendants


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
    qs = Testimony.objects.filter(status=Testimony.Status.ACTIVE, scope_research=True)
    if filters.event_id:
        qs = qs.filter(event_id=filters.event_id)
    if filters.country:
        qs = qs.filter(event__country=filters.country)
    if filters.language:
        # The detected language when NLP found one, else the declared one (one LEFT JOIN).
        qs = qs.filter(
            Q(research_copy__detected_language=filters.language)
            | (
                Q(declared_language=filters.language)
                & (
                    Q(research_copy__detected_language="")
                    | Q(research_copy__detected_language__isnull=True)
                )
            )
        )
    if filters.date_from:
        start = timezone.make_aware(datetime.combine(filters.date_from, time.min))
        qs = qs.filter(submitted_at__gte=start)
    if filters.date_to:
        end = timezone.make_aware(datetime.combine(filters.date_to, time.max))
        qs = qs.filter(submitted_at__lte=end)
    if filters.code_id:
        codes = code_with_descendants(code_id=filters.code_id)
        if connection.vendor == "postgresql":
            # NOTE: the story code sets (migration 0003) answer this without the applications.
            qs = qs.filter(analysis_code_set__code_ids__overlap=codes)
        else:
            qs = qs.filter(
                id__in=CodeApplication.objects.filter(
                    code_id__in=codes, status=CodeApplication.Status.ACCEPTED
                ).values("testimony_id")
            )
    return qs.order_by()


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
            "id", "parent_id", "key", "label_en", "label_fr", "colour", "is_archived", "position"
        )
    )
    children: dict[int | None, list[dict]] = defaultdict(list)
    for code in codes:
        children[code["parent_id"]].append(code)
    from django.utils.translation import get_language

    french = (get_language() or "en").startswith("fr")
    result = []
    for code in sorted(children[parent_id], key=lambda c: (c["position"], c["id"])):
        if code["is_archived"]:
            continue
        ids, frontier = [code["id"]], [code["id"]]
        while frontier:
            frontier = [c["id"] for parent in frontier for c in children[parent]]
            ids.extend(frontier)
        label = code["label_fr"] if french else code["label_en"]
        result.append(Theme(code["id"], code["key"], label, code["colour"], ids))
    return result[:MAX_MASK_CODES]


# Raw aggregation ---------------------------------------------------------------------------


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _flag_expression(name: str):
    """1 inside the group, 0 known to be outside, None unknown or not shared with consent."""
    spec = GROUPS[name]
    column = f"characteristics__{spec['field']}"
    return Case(
        When(Q(**{spec["scope"]: True, f"{column}__in": spec["inside"]}), then=Value(1)),
        When(Q(**{spec["scope"]: True, f"{column}__in": spec["known"]}), then=Value(0)),
        default=Value(None),
        output_field=IntegerField(),
    )


def _dimension_expressions(by: str) -> dict:
    if by == "country":
        return {"d0": F("event__country")}
    if by == "event":
        return {"d0": F("event_id")}
    if by == "language":
        return {
            "d0": Coalesce(
                NullIf("research_copy__detected_language", Value("")), F("declared_language")
            )
        }
    if by == "month":
        return {"d0": TruncMonth("submitted_at", tzinfo=UTC)}
    if by == "group":
        return {f"d{i}": _flag_expression(name) for i, name in enumerate(GROUPS)}
    if by == "none":
        return {}
    raise ValueError(by)


def _mask_expression(groups: list[list[int]]):
    """Each story's themes as bits.

    PostgreSQL: from analysis_storycodeset (migration 0003), one array overlap per theme,
    without reading the applications. Elsewhere: a correlated sum of the distinct bits of the
    story's accepted applications (a bitwise OR, since each bit is summed once).
    """
    if not groups:
        return Value(0, output_field=BigIntegerField())
    if connection.vendor == "postgresql":
        terms = [
            Case(
                When(analysis_code_set__code_ids__overlap=list(ids), then=Value(1 << bit)),
                default=Value(0),
                output_field=BigIntegerField(),
            )
            for bit, ids in enumerate(groups)
        ]
        total = terms[0]
        for term in terms[1:]:
            total = total + term
        return ExpressionWrapper(total, output_field=BigIntegerField())
    whens = [When(code_id__in=ids, then=Value(1 << bit)) for bit, ids in enumerate(groups)]
    bits = (
        CodeApplication.objects.filter(
            testimony_id=OuterRef("pk"), status=CodeApplication.Status.ACCEPTED
        )
        .order_by()
        .values("testimony_id")
        .annotate(
            m=Sum(Case(*whens, default=Value(0), output_field=BigIntegerField()), distinct=True)
        )
        .values("m")
    )
    return Coalesce(Subquery(bits, output_field=BigIntegerField()), Value(0))


def _run_grouped(qs) -> list[dict]:
    """Evaluate an aggregate queryset. On PostgreSQL JIT is switched off for it: these queries
    are short, and JIT spends more time compiling (about 80 ms) than it saves."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        return list(qs)


def grouped_masks(
    *, stories: QuerySet[Testimony], groups: list[list[int]], by: str
) -> list[tuple[tuple, int, int]]:
    """Rows of (dimension values, theme mask, number of stories) for the filtered stories.

    Stories with none of the codes have mask 0 and are included, so that each dimension
    value's total is the sum of its rows.
    """
    dims = _dimension_expressions(by)
    qs = (
        stories.annotate(**dims, mask=_mask_expression(groups))
        .values(*dims, "mask")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = _run_grouped(qs)
    names = list(dims)
    result = []
    for row in rows:
        values = tuple(row[name] for name in names)
        if by == "month":
            values = (values[0].strftime("%Y-%m") if values[0] else "",)
        result.append((values, int(row["mask"] or 0), int(row["n"])))
    return result


def theme_counts_by(
    *, stories: QuerySet[Testimony], theme_list: list[Theme], by: str
) -> tuple[dict[tuple, int], dict[tuple, list[int]]]:
    """Per dimension value: the number of stories, and per theme the number mentioning it."""
    rows = grouped_masks(stories=stories, groups=[t.code_ids for t in theme_list], by=by)
    totals: dict[tuple, int] = defaultdict(int)
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(theme_list))
    for dims, mask, count in rows:
        totals[dims] += count
        for bit in range(len(theme_list)):
            if mask & (1 << bit):
                counts[dims][bit] += count
    return dict(totals), dict(counts)


def group_theme_counts(
    totals: dict[tuple, int], counts: dict[tuple, list[int]], size: int
) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Theme counts for the stories of people inside each population group, from the rows of
    ``theme_counts_by(by="group")`` (keyed by each story's tuple of group flags)."""
    group_totals: dict[str, int] = defaultdict(int)
    group_counts: dict[str, list[int]] = {name: [0] * size for name in GROUPS}
    for flags, total in totals.items():
        for index, name in enumerate(GROUPS):
            if flags[index] == 1:
                group_totals[name] += total
                row = counts.get(flags, [0] * size)
                group_counts[name] = [a + b for a, b in zip(group_counts[name], row, strict=True)]
    return {name: group_totals.get(name, 0) for name in GROUPS}, group_counts


def cooccurrence(*, stories: QuerySet[Testimony], theme_list: list[Theme]) -> list[list[int]]:
    """Stories in which both codes appear (diagonal: stories with the code)."""
    rows = grouped_masks(stories=stories, groups=[t.code_ids for t in theme_list], by="none")
    size = len(theme_list)
    matrix = [[0] * size for _ in range(size)]
    for _dims, mask, count in rows:
        present = [bit for bit in range(size) if mask & (1 << bit)]
        for i in present:
            for j in present:
                matrix[i][j] += count
    return matrix


def trust_rows(*, stories: QuerySet[Testimony]) -> list[tuple[tuple, str, int]]:
    """(group flags, trust answer, stories) for stories that answered the trust question."""
    dims = _dimension_expressions("group")
    qs = (
        stories.filter(trust_affected__in=["yes", "no", "unsure"])
        .annotate(**dims)
        .values(*dims, "trust_affected")
        .annotate(n=Count("id"))
        .order_by()
    )
    names = list(dims)
    return [
        (tuple(row[name] for name in names), row["trust_affected"], int(row["n"]))
        for row in _run_grouped(qs)
    ]


# Search ------------------------------------------------------------------------------------


def search_research_copies(*, user, filters: AnalysisFilters, query: str) -> QuerySet[ResearchCopy]:
    """Research copies matching ``query`` and the filters, newest first.

    PostgreSQL: full-text search in each story's language configuration through the GIN index
    (one ``@@`` per configuration, so the planner can OR index scans). SQLite: a plain
    case-insensitive substring match, for development.
    """
    stories = stories_for_analysis(user=user, filters=filters)
    qs = ResearchCopy.objects.filter(testimony__in=stories.values("id")).select_related(
        "testimony__event"
    )
    qs = qs.defer("testimony__text", "testimony__title", "testimony__restore_trust")
    query = (query or "").strip()
    if not query:
        return qs.order_by("-testimony__submitted_at", "-id")
    if connection.vendor != "postgresql":
        return qs.filter(redacted_text__icontains=query).order_by("-testimony__submitted_at")
    rc = _table(ResearchCopy)
    configs = sorted(set(LANGUAGE_CONFIGS.values()) | {"simple"})
    vector = fts_vector_sql("r.")
    config = fts_config_sql("r.detected_language")
    clauses = " OR ".join(
        f"({config} = %s::regconfig AND {vector} @@ websearch_to_tsquery(%s::regconfig, %s))"
        for _ in configs
    )
    params = [p for c in configs for p in (c, c, query)]
    # SECURITY: the query text is a parameter; only fixed SQL is formatted in.
    matching = RawSQL(f"SELECT r.id FROM {rc} r WHERE {clauses}", params)  # noqa: S608, S611
    # NOTE: newest first rather than by rank: ranking recomputes every matching story's vector,
    # seconds for a common word over 100,000 stories, while this order is served by the index.
    return qs.filter(id__in=matching).order_by("-testimony__submitted_at", "-id")


# Quotes ------------------------------------------------------------------------------------


def quotable_stories(*, user, filters: AnalysisFilters) -> QuerySet[Testimony]:
    """Stories whose consent, read now, allows quotation (anonymous or named)."""
    return stories_for_analysis(user=user, filters=filters).filter(
        Q(scope_quote_anonymous=True) | Q(scope_quote_named=True)
    )


def quotes_for_user(
    *, user, filters: AnalysisFilters, code_id: int | None = None
) -> QuerySet[CodeApplication]:
    """Coded spans of quotable stories, optionally under one code (with its sub-codes).

    SECURITY: consent is read at query time, so a narrowed or withdrawn consent removes the
    quote from every sheet built afterwards.
    """
    stories = quotable_stories(user=user, filters=filters)
    qs = CodeApplication.objects.filter(
        status=CodeApplication.Status.ACCEPTED,
        start__isnull=False,
        testimony__in=stories.values("id"),
    )
    if code_id:
        qs = qs.filter(code_id__in=code_with_descendants(code_id=code_id))
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
