"""Search on SQLite (``make run``) keeps the page's promises: word forms (English), quoted
phrases, ``-exclusion`` and ``or``, Japanese words; the same cases as PostgreSQL
(tests/analysis/search_cases.py). A withdrawal leaves no trace in the FTS5 index."""

import pytest
from django.db import connection
from django.urls import reverse

from analysis import fts_sqlite, selectors
from analysis.fts_sqlite import Term, parse_websearch
from analysis.selectors import AnalysisFilters
from testimonies import services as story_services
from testimonies.models import ResearchCopy
from tests.analysis.factories import story
from tests.analysis.search_cases import CASES, STORIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's full-text search (the PostgreSQL run has test_postgres.py)")


def _found(researcher, query: str) -> list[str]:
    copies = selectors.search_research_copies(
        user=researcher, filters=AnalysisFilters(), query=query
    )
    return [c.redacted_text for c in copies]


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[q for q, _ in CASES])
def test_search_cases_on_sqlite(sqlite, researcher, query, expected):
    for text, lang in STORIES.values():
        story(text=text, language=lang)
    assert sorted(_found(researcher, query)) == sorted(STORIES[key][0] for key in expected)


def test_an_empty_query_lists_every_story(sqlite, researcher):
    for text, lang in STORIES.values():
        story(text=text, language=lang)
    assert len(_found(researcher, "  ")) == len(STORIES)


def test_the_index_follows_research_copy_writes(sqlite, researcher):
    s = story(text="The doctors never listened to me.")
    assert len(_found(researcher, "doctor")) == 1
    story_services.research_copy_save(
        testimony_id=s.pk,
        redacted_text="The midwife was kind.",
        method=ResearchCopy.Method.RULES,
        version="test",
    )
    assert _found(researcher, "doctor") == []
    assert _found(researcher, '"midwife was kind"') == ["The midwife was kind."]


def test_operators_in_the_query_are_only_words(sqlite, researcher):
    story(text="The doctors never listened to me.")
    for query in ['doctor" OR "x', "NEAR(doctor listened)", "doctor*", "{a}: b", "^doctor", "AND"]:
        _found(researcher, query)  # no FTS5 syntax error: every word is quoted
    assert _found(researcher, "doctor*") == ["The doctors never listened to me."]
    assert _found(researcher, "NEAR(doctors listened)") == []  # "near doctors": a phrase


def _traces(word: bytes) -> int:
    with connection.cursor() as cursor:
        total = 0
        for table in fts_sqlite.TABLES:
            cursor.execute(f"SELECT block FROM {table}_data")  # noqa: S608 - fixed names
            total += sum(word in bytes(b) for (b,) in cursor.fetchall() if b)
    return total


def test_withdrawal_leaves_no_trace_in_the_index(sqlite, researcher):
    for i in range(30):
        story(text=f"Story {i}: the doctor listened.")
    gone = story(text="Zorblaxian doctors never listened to me.")
    assert _traces(b"zorblax") > 0  # the test can see a trace
    story_services.testimony_withdraw(testimony=gone, actor="participant")
    assert _traces(b"zorblax") == 0
    assert _found(researcher, "zorblaxian") == []
    with connection.cursor() as cursor:
        for table in fts_sqlite.TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}_docsize")  # noqa: S608 - fixed names
            assert cursor.fetchone()[0] == 30


def test_the_migration_made_the_tables_and_triggers(sqlite):
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        names = {name for _type, name in cursor.fetchall()}
    # NOTE: a migration that alters testimonies_researchcopy rebuilds the table on SQLite and
    # drops these triggers: it must call fts_sqlite.sqlite_index_ensure again.
    assert set(fts_sqlite.TABLES) <= names
    assert set(fts_sqlite.TRIGGERS) <= names


def test_the_page_says_what_sqlite_cannot_do(sqlite, client, researcher):
    client.force_login(researcher)
    page = client.get(reverse("analysis:search"), {"q": "listen"}).content.decode()
    assert "only in English" in page


@pytest.mark.parametrize(
    ("query", "groups"),
    [
        ("a b or c", [[Term(("a",)), Term(("b",))], [Term(("c",))]]),
        ('-"x y" z', [[Term(("x", "y"), negated=True), Term(("z",))]]),
        ("foo - bar", [[Term(("foo",)), Term(("bar",), negated=True)]]),
        ("or foo", [[Term(("foo",))]]),
        ("x or", [[Term(("x",)), Term(("or",))]]),
        ("a or or b", [[Term(("a",))], [Term(("or",)), Term(("b",))]]),
        ("children's foo.bar", [[Term(("children", "s")), Term(("foo", "bar"))]]),
        ('" - ___ "', []),
    ],
)
def test_parse_reads_the_query_as_postgresql_does(query, groups):
    assert parse_websearch(query) == groups
