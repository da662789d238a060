"""The programme-wide "You said, we did" (issue 20, point 6) and how often participants' own
reading of their story agrees with the researchers' coding (point 5).

Reads only: commitments of the events whose facilitators published their public page, by theme,
country and status; stories per theme with small cells suppressed; approved anonymous quotes
asked for a public page. SECURITY: never a story, never a name, never a count under the
threshold (``analysis.suppression``)."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import connection, connections
from django.db.models import Prefetch

from analysis.suppression import suppress_count, suppress_share, suppression_threshold
from coding.selectors import theme_code_ids, theme_codes, theme_counts, themes_by_story
from core.replica import analysis_alias
from events.models import Commitment, CommitmentStatusChange
from testimonies.models import OwnReading, QuoteRequest, Testimony

PUBLIC_QUOTE_PURPOSE = "public_page"


@dataclass
class ThemeRow:
    key: str
    label: str
    stories: int | None
    commitments: list = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)


def _public_commitments(*, country: str = "", status: str = ""):
    qs = Commitment.objects.filter(event__is_public=True).select_related("event")
    if country:
        qs = qs.filter(event__country=country)
    if status:
        qs = qs.filter(status=status)
    history = CommitmentStatusChange.objects.order_by("changed_at", "id")
    return qs.prefetch_related("themes", Prefetch("history", queryset=history)).order_by(
        "event__country", "status", "due_date", "id"
    )


def _public_quotes() -> dict[int, list[str]]:
    """Approved anonymous quotes asked for a public page, by the theme ids of the commitments
    they are tied to; the story must still be active and allow quoting (read now)."""
    rows = (
        QuoteRequest.objects.filter(
            status=QuoteRequest.Status.APPROVED,
            attribution=QuoteRequest.Attribution.ANONYMOUS,
            purpose=PUBLIC_QUOTE_PURPOSE,
            testimony__status=Testimony.Status.ACTIVE,
            commitment_links__commitment__event__is_public=True,
        )
        .exclude(
            testimony__scope_quote_anonymous=False,
            testimony__scope_quote_named=False,
            testimony__scope_quote_ask=False,
        )
        .values_list("commitment_links__commitment__themes", "passage")
        .distinct()
    )
    found: dict[int, list[str]] = {}
    for theme_id, passage in rows:
        if theme_id is not None and passage not in found.get(theme_id, []):
            found.setdefault(theme_id, []).append(passage)
    return found


def _story_ids():
    return Testimony.objects.filter(status=Testimony.Status.ACTIVE, scope_research=True).values(
        "id"
    )


def programme_you_said_we_did(*, country: str = "", status: str = "") -> dict:
    """Every published commitment under each theme it names, with the theme's story count
    (suppressed under the threshold) and its approved public quotes."""
    threshold = suppression_threshold()
    counts = theme_counts(_story_ids())
    quotes = _public_quotes()
    commitments = list(_public_commitments(country=country, status=status))
    rows = []
    for theme in theme_codes():
        rows.append(
            ThemeRow(
                key=theme.key,
                label=str(theme.label),
                stories=suppress_count(counts.get(theme.key, 0), threshold=threshold),
                commitments=[c for c in commitments if theme in c.themes.all()],
                quotes=quotes.get(theme.pk, []),
            )
        )
    untagged = [c for c in commitments if not c.themes.all()]
    countries = sorted(
        {
            c.event.country
            for c in Commitment.objects.filter(event__is_public=True).select_related("event")
        },
        key=str,
    )
    return {
        "rows": rows,
        "untagged": untagged,
        "threshold": threshold,
        "countries": [(str(c), str(c.name)) for c in countries],
        "status_counts": Counter(c.status for c in commitments),
    }


def programme_csv_rows(*, country: str = "", status: str = ""):
    """One row per commitment and theme (a commitment without a theme once, theme empty)."""
    data = programme_you_said_we_did(country=country, status=status)
    yield [
        "theme",
        "theme_stories",
        "country",
        "event",
        "organisation",
        "commitment",
        "status",
        "due_date",
        "last_change",
    ]
    for row in data["rows"]:
        for c in row.commitments:
            yield _csv_row(row.label, row.stories, c)
    for c in data["untagged"]:
        yield _csv_row("", None, c)


def _csv_row(theme, stories, c) -> list:
    changes = list(c.history.all())
    return [
        theme,
        "" if stories is None else stories,
        str(c.event.country),
        c.event.title,
        c.organisation,
        c.description,
        c.status,
        c.due_date.isoformat() if c.due_date else "",
        changes[-1].changed_at.date().isoformat() if changes else "",
    ]


def own_reading_agreement() -> list[dict]:
    """Per theme: among stories with both the participant's own reading (at least one theme
    ticked) and the researchers' coding, how often both say the same about that theme (both
    name it, or neither). Bases under the threshold are suppressed.

    PostgreSQL: one aggregate over the own readings and the stories' code sets (issue 22: at a
    million stories, reading every reading and coded theme into Python took seconds);
    elsewhere the same counts in Python."""
    threshold = suppression_threshold()
    themes = list(theme_codes())
    keys = [t.key for t in themes]
    if connection.vendor == "postgresql":
        both, agree = _agreement_counts_sql(keys)
    else:
        both, agree = _agreement_counts_python(keys)
    return [
        {"label": str(theme.label), "share": suppress_share(n, both, threshold=threshold)}
        for theme, n in zip(themes, agree, strict=True)
    ]


def _agreement_counts_python(keys: list[str]) -> tuple[int, list[int]]:
    readings = {
        r.testimony_id: set(r.themes)
        for r in OwnReading.objects.filter(
            testimony__status=Testimony.Status.ACTIVE, testimony__scope_research=True
        ).exclude(themes=[])
    }
    coded = themes_by_story(list(readings))
    both = {pk: themes for pk, themes in readings.items() if coded.get(pk)}
    agree = [
        sum(1 for pk, own in both.items() if (key in own) == (key in coded[pk])) for key in keys
    ]
    return len(both), agree


def _agreement_counts_sql(keys: list[str]) -> tuple[int, list[int]]:
    """The counts of ``_agreement_counts_python`` from ``analysis_agreementrollup`` (stories
    open to research with an own reading and accepted codes, counted per (own reading's theme
    keys, code set), kept by triggers: analysis migration 0009): a story is coded with a theme
    when it holds one of the codes ``themes_by_story`` reads as that theme."""
    ids = theme_code_ids()
    groups = [ids.get(key, []) for key in keys]
    every = sorted({i for group in groups for i in group})
    columns = "".join(
        ", COALESCE(sum(n) FILTER (WHERE (%s = ANY(own_themes)) = (code_ids && %s::bigint[])), 0)"
        for _ in keys
    )
    params: list = [p for key, group in zip(keys, groups, strict=True) for p in (key, group)]
    # SECURITY: fixed SQL; the theme keys and code ids are parameters.
    sql = (
        f"SELECT COALESCE(sum(n), 0){columns} FROM analysis_agreementrollup "  # noqa: S608
        "WHERE code_ids && %s::bigint[]"
    )
    with connections[analysis_alias()].cursor() as cursor:  # the replica under @replica_view
        cursor.execute(sql, [*params, every])
        both, *counts = cursor.fetchone()
    return int(both), [int(c) for c in counts]
