"""PostgreSQL full-text search in each story's language (shared by the selectors and the index
migration, which must build the very same expression for the planner to use the GIN index)."""

import re

# BCP 47 primary language -> PostgreSQL text search configuration. Others (ja, ...) use
# 'simple': no stemming, but words still match.
LANGUAGE_CONFIGS = {
    "fr": "french",
    "en": "english",
    "pt": "portuguese",
    "es": "spanish",
    "de": "german",
    "it": "italian",
    "nl": "dutch",
}
INDEX_NAME = "analysis_rc_fts_gin"  # the expression index of migration 0002, dropped in 0007
# Migration 0007: the stored vector (a generated column PostgreSQL keeps itself) and its index.
VECTOR_COLUMN = "search_vector"
VECTOR_INDEX_NAME = "analysis_rc_search_vector_gin"
# Migration 0010: each research copy's story's event, kept by triggers, with its own index, so
# that a search filtered by event or country ANDs that index's bitmap with the vector's and
# reads no candidate row (issue 22: a common word in a country where no story has it).
EVENT_COLUMN = "story_event_id"
EVENT_INDEX_NAME = "analysis_rc_story_event"


def fts_config_sql(column: str) -> str:
    """A regconfig for a BCP 47 column: the language's own configuration, else 'simple'."""
    whens = " ".join(
        f"WHEN '{code}' THEN '{config}'::regconfig" for code, config in LANGUAGE_CONFIGS.items()
    )
    return f"(CASE lower(split_part({column}, '-', 1)) {whens} ELSE 'simple'::regconfig END)"


def headline_sql(table: str) -> str:
    """Each research copy of ``id = ANY(%s)`` with its matched words marked by ``ts_headline``
    in its own language configuration; parameters: the websearch query, the options, the ids.
    ``table`` is a quoted table name, never user input."""
    config = fts_config_sql("r.detected_language")
    return (
        f"SELECT r.id, ts_headline({config}, r.redacted_text, "  # noqa: S608 - fixed SQL
        f"websearch_to_tsquery({config}, %s), %s) FROM {table} r WHERE r.id = ANY(%s)"
    )


def fts_vector_sql(prefix: str = "") -> str:
    """``to_tsvector`` of a research copy's redacted text; ``prefix`` qualifies the columns."""
    return f"to_tsvector({fts_config_sql(f'{prefix}detected_language')}, {prefix}redacted_text)"


def search_configs() -> list[str]:
    """Every configuration a story's vector may be in."""
    return sorted(set(LANGUAGE_CONFIGS.values()) | {"simple"})


def search_condition(cursor, text: str, prefix: str = "") -> tuple[str, list[str]] | None:
    """The SQL condition (and its parameters) matching ``text`` read as ``websearch_to_tsquery``
    reads it, in each story's own configuration; None when no configuration keeps a word (only
    stop words): nothing matches.

    The query is parsed in every configuration first (one small query), and configurations that
    give the same tsquery share one ``stored vector @@ tsquery`` condition; each is answered by
    the GIN index and the index scans are ORed. A configuration check is added only when the
    query differs between configurations ('confiance' is 'confianc' in French only).
    """
    configs = search_configs()
    cursor.execute(
        "SELECT c, websearch_to_tsquery(c::regconfig, %s)::text FROM unnest(%s::text[]) AS c",
        [text, configs],
    )
    groups: dict[str, list[str]] = {}
    for config, tsquery in cursor.fetchall():
        if tsquery:
            groups.setdefault(tsquery, []).append(config)
    if not groups:
        return None
    vector = f"{prefix}{VECTOR_COLUMN}"
    if len(groups) == 1 and len(next(iter(groups.values()))) == len(configs):
        return f"{vector} @@ %s::tsquery", [next(iter(groups))]
    config_sql = fts_config_sql(f"{prefix}detected_language")
    clauses, params = [], []
    for tsquery, members in groups.items():
        marks = ", ".join("%s::regconfig" for _ in members)
        clauses.append(f"({vector} @@ %s::tsquery AND {config_sql} IN ({marks}))")
        params.extend([tsquery, *members])
    return "(" + " OR ".join(clauses) + ")", params


# Japanese and Chinese: no spaces between words, so the parser above makes one token of a whole
# sentence. A second GIN index holds each text's CJK character bigrams (plus the last character
# of each run, so that a one-character query matches as a prefix); a query is cut the same way
# and its bigrams ANDed, then checked as a substring so the characters are also contiguous.
CJK_INDEX_NAME = "analysis_rc_cjk_gin"
CJK_FUNCTION = "analysis_cjk_bigrams"
# Iteration marks, kana, CJK ideographs (with extension A and compatibility), half-width kana.
_CJK_RANGES = (
    ("3005", "3005"),
    ("3007", "3007"),
    ("3040", "30ff"),
    ("3400", "4dbf"),
    ("4e00", "9fff"),
    ("f900", "faff"),
    ("ff66", "ff9f"),
)
# The same character class for PostgreSQL's regular expressions and Python's.
CJK_RUN_SQL = "[" + "".join(f"\\u{a}-\\u{b}" for a, b in _CJK_RANGES) + "]+"
CJK_RUN = re.compile(CJK_RUN_SQL)

# SECURITY: fixed text only, no user input.
CJK_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {CJK_FUNCTION}(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT substr(m.run[1], i, 2)), '{{}}')
    FROM regexp_matches(t, '{CJK_RUN_SQL}', 'g') AS m(run),
         generate_series(1, char_length(m.run[1])) AS i
$$;
"""  # noqa: S608


def cjk_vector_sql(prefix: str = "") -> str:
    """The bigram vector of a research copy, as the CJK index builds it."""
    return f"array_to_tsvector({CJK_FUNCTION}({prefix}redacted_text))"


def cjk_runs(query: str) -> list[str]:
    """The runs of CJK characters in a query, in order."""
    return CJK_RUN.findall(query or "")


def cjk_tsquery(runs: list[str]) -> str:
    """A tsquery literal ANDing every run's bigrams (a lone character: a prefix match)."""
    terms: list[str] = []
    for run in runs:
        if len(run) == 1:
            terms.append(f"'{run}':*")
        else:
            terms.extend(f"'{run[i : i + 2]}'" for i in range(len(run) - 1))
    return " & ".join(dict.fromkeys(terms))
