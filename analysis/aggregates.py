"""Aggregations for the dashboards: theme counts, co-occurrence, trust answers by group.

Speed (issue 7: under a second with 100,000 stories and 1,000,000 code applications): the
heavy aggregations never count distinct pairs row by row. Each story's themes are folded into a
bit mask in one pass over the applications (``SUM(DISTINCT bit)``, which is a bitwise OR since
each bit is summed once), then stories are grouped by (dimension, mask): a few hundred rows at
most, expanded into theme counts and co-occurrences in Python. See bench/analytics.py.

Read through analysis.selectors, which re-exports every public name.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC

from django.db import connection, connections, transaction
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
from django.db.models.functions import Coalesce, NullIf, TruncMonth

from analysis.models import DashboardRollup, GroupRollup, ThemeRollup
from coding.models import CodeApplication
from core.replica import analysis_alias

# A story's themes are bits of a signed 64-bit integer.
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


@dataclass
class Theme:
    id: int
    key: str
    label: str
    colour: str
    code_ids: list[int] = field(default_factory=list)  # the theme and all its descendants


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


ROLLUPS = (DashboardRollup, ThemeRollup, GroupRollup)
# The roll-ups that hold a story's top-level codes rather than its codes.
SMALL_ROLLUPS = (ThemeRollup, GroupRollup)


def _is_rollup(qs: QuerySet) -> bool:
    return qs.model in ROLLUPS


def _codes_lookup(qs: QuerySet) -> str:
    """The codes a story (or a roll-up row) holds. The theme roll-up holds only top-level
    codes (so does the group roll-up): overlapping a theme's codes (the theme and its
    descendants) is then the same as holding the theme, since the theme is the only top-level
    code among them."""
    if qs.model in SMALL_ROLLUPS:
        return "root_ids__overlap"
    if qs.model is DashboardRollup:
        return "code_ids__overlap"
    return "analysis_code_set__code_ids__overlap"


def _dimension_expressions(by: str, *, model=None) -> dict:
    if model in ROLLUPS:
        return _rollup_dimensions(by, model)
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


def _rollup_dimensions(by: str, model) -> dict:
    """The same dimensions read from a roll-up (migrations 0008 and 0009), whose columns hold
    them. The group roll-up's flags say only whether a story is inside each group."""
    if by == "country":
        return {"d0": F("event__country")}
    if by == "event":
        return {"d0": F("event_id")}
    if by == "language":
        return {"d0": F("language")}
    if by == "month":
        return {"d0": TruncMonth("month" if model in SMALL_ROLLUPS else "day")}
    if by == "group" and model is not ThemeRollup:
        return {f"d{i}": F(f"f{i}") for i in range(len(GROUPS))}
    if by == "none":
        return {}
    raise ValueError(by)


def _story_count(qs: QuerySet):
    """Stories per group: rows of stories, or the roll-up's counts summed."""
    return Sum("n") if _is_rollup(qs) else Count("id")


def _mask_expression(groups: list[list[int]], lookup: str):
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
                When(**{lookup: list(ids)}, then=Value(1 << bit)),
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
    are short, and JIT spends more time compiling (about 80 ms) than it saves. Its hash of the
    story code sets gets room in memory (at a million stories the default 4 MB split it into
    16 batches written to disk)."""
    using = analysis_alias()
    with transaction.atomic(using=using):
        if connections[using].vendor == "postgresql":
            with connections[using].cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
                cursor.execute("SET LOCAL work_mem = '64MB'")
        return list(qs)


def grouped_masks(
    *, stories: QuerySet, groups: list[list[int]], by: str
) -> list[tuple[tuple, int, int]]:
    """Rows of (dimension values, theme mask, number of stories) for the filtered stories.

    Stories with none of the codes have mask 0 and are included, so that each dimension
    value's total is the sum of its rows.
    """
    dims = _dimension_expressions(by, model=stories.model)
    qs = (
        stories.annotate(**dims, mask=_mask_expression(groups, _codes_lookup(stories)))
        .values(*dims, "mask")
        .annotate(count=_story_count(stories))
        .order_by()
    )
    rows = _run_grouped(qs)
    names = list(dims)
    result = []
    for row in rows:
        values = tuple(row[name] for name in names)
        if by == "month":
            values = (values[0].strftime("%Y-%m") if values[0] else "",)
        result.append((values, int(row["mask"] or 0), int(row["count"] or 0)))
    return result


def theme_counts_by(
    *, stories: QuerySet, theme_list: list[Theme], by: str
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


def cooccurrence(*, stories: QuerySet, theme_list: list[Theme]) -> list[list[int]]:
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


def trust_rows(*, stories: QuerySet) -> list[tuple[tuple, str, int]]:
    """(group flags, trust answer, stories) for stories that answered the trust question."""
    dims = _dimension_expressions("group", model=stories.model)
    answer = "trust" if _is_rollup(stories) else "trust_affected"
    qs = (
        stories.filter(**{f"{answer}__in": ["yes", "no", "unsure"]})
        .annotate(**dims)
        .values(*dims, answer)
        .annotate(count=_story_count(stories))
        .order_by()
    )
    names = list(dims)
    return [
        (tuple(row[name] for name in names), row[answer], int(row["count"] or 0))
        for row in _run_grouped(qs)
    ]
