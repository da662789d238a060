"""Search narrowed by the research copies' story events (analysis migration 0010, PostgreSQL):
the words' subquery also asks ``story_event_id = ANY(the filters' events)``, so a common word in
a country where no story has it is two index bitmaps ANDed. It only narrows: every query and
filter finds exactly what it found without it, and the column follows the stories."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from analysis import search_sql, selectors
from analysis.fts import EVENT_COLUMN, EVENT_INDEX_NAME, VECTOR_INDEX_NAME
from analysis.selectors import AnalysisFilters
from core.keyset import keyset_page
from tests.analysis.factories import story
from tests.factories import EventFactory

START = datetime(2025, 3, 1, tzinfo=UTC)
TEXTS = [
    ("J'ai perdu confiance dans le médecin.", "fr", "FR"),
    ("La confiance revient quand on écoute.", "fr", "CA"),
    ("The nurse listened and I trust her.", "en", "JP"),
    ("Nobody listened; I lost trust in care.", "en", "FR"),
    ("Such kindness from the doctors.", "en", "CA"),
    ("医師は私の話を聞いてくれませんでした。", "ja", "JP"),
    ("病院で差別を受けました。", "ja", "JP"),
]


@pytest.fixture
def events(db):
    return {country: EventFactory(country=country) for country in ("FR", "CA", "JP", "BR")}


@pytest.fixture
def stories(events):
    return [
        story(
            text=text,
            language=language,
            event=events[country],
            submitted_at=START + timedelta(minutes=i),
        )
        for i, (text, language, country) in enumerate(TEXTS)
    ]


def _ids(researcher, query, filters):
    found = selectors.search_research_copies(user=researcher, filters=filters, query=query)
    return list(found.values_list("id", flat=True))


QUERIES = [
    "confiance",  # common, a French lexeme ('confianc') and a simple one
    "trust",
    "kindness",  # rare
    "absentword",  # absent
    "listened -trust",  # negated
    '"lost trust"',  # phrase
    "医師",  # CJK
    "医師 nurse",
    "the",  # only a stop word in English, a word in 'simple'
    "le",
]
FILTERS = [
    {},
    {"country": "JP"},
    {"country": "FR"},
    {"country": "BR"},  # an event without stories
    {"country": "XX"},  # no event at all
    {"language": "fr"},
    {"country": "FR", "language": "en"},
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("filters", FILTERS)
def test_the_events_index_changes_no_result(
    postgres, researcher, stories, monkeypatch, query, filters
):
    filters = AnalysisFilters(**filters)
    narrowed = _ids(researcher, query, filters)
    monkeypatch.setattr(search_sql, "events_of", lambda filters: None)
    assert narrowed == _ids(researcher, query, filters)


@pytest.mark.django_db
def test_an_event_filter_narrows_to_its_event(postgres, researcher, stories, events):
    france = events["FR"]
    found = _ids(researcher, "trust", AnalysisFilters(event_id=france.pk))
    assert found == [stories[3].research_copy.id]
    # An event of another country than the one asked: nothing.
    assert _ids(researcher, "trust", AnalysisFilters(event_id=france.pk, country="JP")) == []


@pytest.mark.django_db
def test_the_page_the_api_and_the_count(postgres, researcher, stories, client_for):
    client = client_for(researcher)
    for country, expected in [("JP", []), ("FR", [stories[0]]), ("CA", [stories[1]])]:
        page = client.get("/analysis/search/", {"q": "confiance", "country": country})
        assert [h["copy"].id for h in page.context["hits"]] == [
            s.research_copy.id for s in expected
        ]
        assert page.context["results"].count == len(expected)
        api = client.get("/api/v1/analysis/search/", {"q": "confiance", "country": country})
        assert api.json()["count"] == len(expected)
        assert [r["story_id"] for r in api.json()["results"]] == [
            str(s.public_id) for s in expected
        ]
    filters = AnalysisFilters(country="JP")
    found = selectors.search_research_copies(user=researcher, filters=filters, query="医師")
    within = selectors.search_scope(user=researcher, filters=filters, query="医師")
    page = keyset_page(found, cursor=None, size=20, within=within)
    assert [c.id for c in page] == [stories[5].research_copy.id] and page.count == 1


def _event_column(copy_id):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {EVENT_COLUMN} FROM testimonies_researchcopy WHERE id = %s",  # noqa: S608
            [copy_id],
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_the_column_follows_the_story(postgres, researcher, stories, events):
    from testimonies.models import Testimony

    moved = stories[2]
    copy = moved.research_copy
    assert _event_column(copy.id) == events["JP"].pk
    # An edit of the copy keeps it; a value written directly is overridden by the story's.
    copy.redacted_text = "The nurse listened and I trust her again."
    copy.save()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE testimonies_researchcopy SET {EVENT_COLUMN} = %s WHERE id = %s",  # noqa: S608
            [events["BR"].pk, copy.id],
        )
    assert _event_column(copy.id) == events["JP"].pk
    # The story moved to another event: its copy follows, and the search with it.
    Testimony.objects.filter(pk=moved.pk).update(event=events["BR"])
    assert _event_column(copy.id) == events["BR"].pk
    assert _ids(researcher, "trust", AnalysisFilters(country="BR")) == [copy.id]
    assert _ids(researcher, "trust", AnalysisFilters(country="JP")) == []


@pytest.mark.django_db
def test_a_filtered_search_reads_the_event_index(postgres, researcher, stories, events):
    """The plan of the words' subquery for 'confiance' in Japan reads the event index, no
    sequential scan (on a small table, with sequential scans discouraged). At 100,000 stories
    and more both bitmaps are ANDed (docs/dev/scale.md); here the event's few rows suffice."""
    sql, params = search_sql.matching_copies("confiance", events=[events["JP"].pk]).as_sql(
        None, connection
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE testimonies_researchcopy")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert EVENT_INDEX_NAME in plan and "Seq Scan" not in plan, plan


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


@pytest.mark.django_db(transaction=True)
def test_the_migration_applies_and_reverses(postgres, researcher, events):
    copy = story(text="I lost trust.", language="en", event=events["JP"]).research_copy
    try:
        _migrate([("analysis", "0009_group_and_agreement_rollups")])
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM information_schema.columns "
                "WHERE table_name = 'testimonies_researchcopy' AND column_name = %s",
                [EVENT_COLUMN],
            )
            assert cursor.fetchone()[0] == 0
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("analysis"))
    assert _event_column(copy.id) == events["JP"].pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'testimonies_researchcopy'"
        )
        indexes = {name for (name,) in cursor.fetchall()}
    assert {EVENT_INDEX_NAME, VECTOR_INDEX_NAME, "analysis_rc_cjk_gin"} <= indexes
    assert _ids(researcher, "trust", AnalysisFilters(country="JP")) == [copy.id]
