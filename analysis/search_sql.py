"""The SQL of search: the ids of the research copies whose text matches a query, on
PostgreSQL (full-text and CJK bigram indexes) and SQLite (FTS5); ``analysis.selectors`` narrows
its research copies by them."""

from django.db import connection
from django.db.models.expressions import RawSQL

from analysis import fts_sqlite
from analysis.fts import (
    CJK_RUN,
    EVENT_COLUMN,
    cjk_runs,
    cjk_tsquery,
    cjk_vector_sql,
    search_condition,
)
from events.models import Event
from testimonies.models import ResearchCopy


def events_of(filters) -> list[int] | None:
    """The events the filters keep stories of, for the search's own index (None: any event).
    Only a narrowing: the stories' own filters still apply to what it finds."""
    if not (filters.event_id or filters.country):
        return None
    events = Event.objects.all()
    if filters.event_id:
        events = events.filter(pk=filters.event_id)
    if filters.country:
        events = events.filter(country=filters.country)
    return list(events.values_list("id", flat=True))


def matching_copies(query: str, events: list[int] | None = None) -> RawSQL:
    """The ids of research copies matching a non-empty query (PostgreSQL), of stories of
    ``events`` only if given.

    Runs of CJK characters go to the bigram index, each also checked as a substring (the
    bigrams ANDed do not say they are contiguous); the rest of the query, if any, to the
    per-language full-text index; both must match. The events go to the index of the copies'
    story events (migration 0010): its bitmap ANDed with the words' (a common word in a
    country that has none of it is then answered without reading a row).
    """
    rc = connection.ops.quote_name(ResearchCopy._meta.db_table)
    runs = cjk_runs(query)
    rest = CJK_RUN.sub(" ", query).strip() if runs else query
    where: list[str] = []
    params: list = []
    if events is not None:
        where.append(f"r.{EVENT_COLUMN} = ANY(%s::bigint[])")
        params.append(events)
    if runs:
        where.append(f"{cjk_vector_sql('r.')} @@ %s::tsquery")
        params.append(cjk_tsquery(runs))
        for run in runs:
            where.append("strpos(r.redacted_text, %s) > 0")
            params.append(run)
    if not runs or any(ch.isalnum() for ch in rest):
        with connection.cursor() as cursor:
            condition = search_condition(cursor, rest, prefix="r.")
        if condition is None:
            where.append("FALSE")  # only stop words: nothing to find
        else:
            where.append(condition[0])
            params.extend(condition[1])
    # SECURITY: the query text is a parameter; only fixed SQL is formatted in.
    return RawSQL(f"SELECT r.id FROM {rc} r WHERE {' AND '.join(where)}", params)  # noqa: S608, S611


def matching_copies_sqlite(query: str) -> RawSQL:
    """The ids of research copies matching a non-empty query (SQLite FTS5), read as on
    PostgreSQL: CJK runs as substrings, the rest as ``websearch_to_tsquery`` reads it."""
    runs = cjk_runs(query)
    rest = CJK_RUN.sub(" ", query).strip() if runs else query
    where: list[str] = []
    params: list[str] = []
    for run in runs:
        sql, run_params = fts_sqlite.cjk_match_sql(
            run, column="r.id", text_column="r.redacted_text"
        )
        where.append(sql)
        params.extend(run_params)
    if not runs or any(ch.isalnum() for ch in rest):
        sql, word_params = fts_sqlite.words_match_sql(fts_sqlite.parse_websearch(rest), "r.id")
        where.append(sql)
        params.extend(word_params)
    # SECURITY: the query's words are parameters; only fixed SQL is formatted in.
    rc = connection.ops.quote_name(ResearchCopy._meta.db_table)
    return RawSQL(f"SELECT r.id FROM {rc} r WHERE {' AND '.join(where)}", params)  # noqa: S608, S611
