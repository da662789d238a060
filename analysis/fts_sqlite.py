"""SQLite full-text search (``make run``), keeping the search page's promises as PostgreSQL does.

Two FTS5 indexes over the research copies' redacted text, created by migration 0006 on SQLite
only (PostgreSQL has its GIN indexes, see analysis/fts.py):

- ``analysis_rc_words`` (porter stemmer over unicode61): words, quoted phrases, ``-exclusion``
  and ``or``, as ``websearch_to_tsquery`` reads them. Porter knows English only, so other word
  forms are found in English alone (the page says so, ``search_finds_forms_in_every_language``);
- ``analysis_rc_trigram``: runs of Japanese or Chinese characters as substrings, as the CJK
  bigram index does on PostgreSQL (one or two characters: a plain ``instr``).

Both are *external content* indexes of ``testimonies_researchcopy`` (no second copy of the
text) kept by triggers, so every write of a research copy updates them in its own transaction,
whichever service makes it (``research_copy_save``, a new story, erasure, a cascade). FTS5
keeps a deleted row's terms in older segments until they are merged: the erasure hook
(``analysis.services.search_index_purge``) merges them at once, so a withdrawal leaves nothing.

NOTE: Django's SQLite schema editor rebuilds a table to alter a column, and dropping the old
table drops its triggers: a migration that alters ``testimonies_researchcopy`` must call
``sqlite_index_ensure`` again (tests/analysis/test_search.py checks the triggers exist).
"""

# SECURITY: only fixed names (the constants below) are formatted into SQL; a query's words are
# always parameters.
# ruff: noqa: S608
import re
from dataclasses import dataclass

RC_TABLE = "testimonies_researchcopy"
WORDS_TABLE = "analysis_rc_words"
TRIGRAM_TABLE = "analysis_rc_trigram"
TABLES = {
    WORDS_TABLE: "porter unicode61 remove_diacritics 0",
    TRIGRAM_TABLE: "trigram",
}
TRIGGERS = ("analysis_rc_fts_ai", "analysis_rc_fts_ad", "analysis_rc_fts_au")


def _trigger_sql() -> list[str]:
    add = "; ".join(
        f"INSERT INTO {t}(rowid, redacted_text) VALUES (new.id, new.redacted_text)" for t in TABLES
    )
    remove = "; ".join(
        f"INSERT INTO {t}({t}, rowid, redacted_text) VALUES ('delete', old.id, old.redacted_text)"
        for t in TABLES
    )
    ai, ad, au = TRIGGERS
    return [
        f"CREATE TRIGGER IF NOT EXISTS {ai} AFTER INSERT ON {RC_TABLE} BEGIN {add}; END",
        f"CREATE TRIGGER IF NOT EXISTS {ad} AFTER DELETE ON {RC_TABLE} BEGIN {remove}; END",
        f"CREATE TRIGGER IF NOT EXISTS {au} AFTER UPDATE OF redacted_text ON {RC_TABLE} "
        f"BEGIN {remove}; {add}; END",
    ]


def sqlite_index_ensure(cursor) -> None:
    """Create the FTS5 tables and their triggers if missing, then (re)build them from the
    research copies. Idempotent; SQLite only; fixed SQL only."""
    for table, tokenizer in TABLES.items():
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5(redacted_text, "
            f"content='{RC_TABLE}', content_rowid='id', tokenize='{tokenizer}')"
        )
    for statement in _trigger_sql():
        cursor.execute(statement)
    for table in TABLES:
        cursor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")


def sqlite_index_drop(cursor) -> None:
    for trigger in TRIGGERS:
        cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for table in TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


def sqlite_index_purge(cursor) -> None:
    """Merge every segment, dropping the terms of deleted rows (FTS5 'optimize')."""
    for table in TABLES:
        cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


# The query, read as PostgreSQL's websearch_to_tsquery reads it -------------------------------


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # more than one: a phrase (quoted, or a word with punctuation in it)
    negated: bool = False

    def fts5(self) -> str:
        # Only letters and digits reach here, so the quoted FTS5 string needs no escaping.
        return '"' + " ".join(self.words) + '"'


_WORD = re.compile(r"[^\W_]+")


def _chunk(query: str, i: int) -> tuple[str, int, bool]:
    """The operand starting at ``i``: (text, next index, quoted)."""
    if query[i] == '"':
        end = query.find('"', i + 1)
        end = len(query) if end < 0 else end
        return query[i + 1 : end], end + 1, True
    end = i
    while end < len(query) and not query[end].isspace() and query[end] != '"':
        end += 1
    return query[i:end], end, False


def parse_websearch(query: str) -> list[list[Term]]:
    """Groups of terms: the terms of a group are ANDed, the groups ORed (``a b or c`` is
    ``(a AND b) OR c``); ``-`` excludes the next word or phrase; an unclosed quote runs to
    the end. Punctuation separates words, which then stay a phrase (``foo-bar``)."""
    groups: list[list[Term]] = [[]]
    negate = after_or = False
    i = 0
    while i < len(query):
        if query[i].isspace():
            i += 1
            continue
        if query[i] == "-":
            negate, i = True, i + 1
            continue
        text, i, quoted = _chunk(query, i)
        is_or = not quoted and not negate and text.lower() == "or"
        if is_or and not after_or and query[i:].strip():
            if groups[-1]:
                groups.append([])
                after_or = True
            continue  # a leading "or" means nothing
        words = tuple(_WORD.findall(text))
        if words:
            groups[-1].append(Term(words=words, negated=negate))
            after_or = False
        negate = False
    return [group for group in groups if group]


def positive_terms(groups: list[list[Term]]) -> list[Term]:
    """The terms a matching text may contain (not the excluded ones): what to highlight."""
    return [term for group in groups for term in group if not term.negated]


def websearch_any(terms: list[Term]) -> str:
    """The terms ORed, as ``websearch_to_tsquery`` reads them (letters and digits only)."""
    return " or ".join('"' + " ".join(term.words) + '"' for term in terms)


def highlight_sql(count: int) -> str:
    """Each of ``count`` research copies (``rowid IN``) with the words of an FTS5 expression
    marked: parameters are the two markers, the expression, then the ids."""
    ids = ", ".join(["%s"] * count)
    return (
        f"SELECT rowid, highlight({WORDS_TABLE}, 0, %s, %s) FROM {WORDS_TABLE} "
        f"WHERE {WORDS_TABLE} MATCH %s AND rowid IN ({ids})"
    )


def words_match_sql(groups: list[list[Term]], column: str) -> tuple[str, list[str]]:
    """A condition on ``column`` (a research copy id) for parsed groups; FTS5 has no unary NOT,
    so a group of exclusions alone is a NOT IN."""
    clauses: list[str] = []
    params: list[str] = []
    select = f"SELECT rowid FROM {WORDS_TABLE} WHERE {WORDS_TABLE} MATCH %s"
    for group in groups:
        positive = " AND ".join(t.fts5() for t in group if not t.negated)
        negative = " OR ".join(t.fts5() for t in group if t.negated)
        if positive:
            expression = f"({positive}) NOT ({negative})" if negative else positive
            clauses.append(f"{column} IN ({select})")
            params.append(expression)
        else:
            clauses.append(f"{column} NOT IN ({select})")
            params.append(negative)
    if not clauses:
        return "0 = 1", []
    return "(" + " OR ".join(clauses) + ")", params


def cjk_match_sql(run: str, *, column: str, text_column: str) -> tuple[str, list[str]]:
    """A run of CJK characters as a substring: through the trigram index from three."""
    if len(run) < 3:
        return f"instr({text_column}, %s) > 0", [run]
    select = f"SELECT rowid FROM {TRIGRAM_TABLE} WHERE {TRIGRAM_TABLE} MATCH %s"
    return f"{column} IN ({select})", [f'"{run}"']
