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
INDEX_NAME = "analysis_rc_fts_gin"


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
