"""PostgreSQL-only paths: the story code sets kept by triggers, and full-text search per language.

Skipped on SQLite outside CI; CI runs them on PostgreSQL (tests/conftest.py: require_service).
"""

import pytest
from django.db import connection

from analysis import selectors
from analysis.fts import INDEX_NAME, VECTOR_INDEX_NAME
from analysis.models import StoryCodeSet
from analysis.selectors import AnalysisFilters
from coding.models import CodeApplication
from tests.analysis.factories import apply, codebook_with_themes, story
from tests.analysis.search_cases import CASES, STORIES

pytestmark = pytest.mark.django_db


def code_set(testimony) -> list[int] | None:
    row = StoryCodeSet.objects.filter(testimony=testimony).first()
    return sorted(row.code_ids) if row else None


def test_triggers_keep_each_story_code_set(postgres, researcher):
    _book, themes = codebook_with_themes(3)
    s = story()
    first = apply(s, themes[0], coder=researcher)
    assert code_set(s) == [themes[0].id]
    CodeApplication.objects.bulk_create(
        [
            CodeApplication(testimony=s, code=themes[1], coder=researcher, start=0, end=2),
            CodeApplication(testimony=s, code=themes[1], coder=researcher, start=3, end=5),
        ]
    )
    assert code_set(s) == sorted([themes[0].id, themes[1].id])
    # A merge moves applications to the surviving code: an UPDATE of code_id.
    CodeApplication.objects.filter(code=themes[1]).update(code=themes[2])
    assert code_set(s) == sorted([themes[0].id, themes[2].id])
    # A rejected machine suggestion does not count.
    CodeApplication.objects.create(
        testimony=s, code=themes[1], source="machine", status="suggested", confidence=0.9
    )
    assert themes[1].id not in code_set(s)
    CodeApplication.objects.filter(testimony=s).exclude(pk=first.pk).delete()
    assert code_set(s) == [themes[0].id]
    first.delete()
    assert code_set(s) is None


def test_search_uses_each_story_language_and_the_index(postgres, researcher):
    story(text="Le médecin ne m'a pas écoutée.", language="fr")
    story(text="The doctors never listened to me.", language="en")
    story(text="Nobody listens here.", language="ja")  # 'simple' configuration
    found = selectors.search_research_copies(
        user=researcher, filters=AnalysisFilters(), query="listen"
    )
    assert [c.redacted_text for c in found] == ["The doctors never listened to me."]
    french = selectors.search_research_copies(
        user=researcher, filters=AnalysisFilters(), query="écouter"
    )
    assert [c.redacted_text for c in french] == ["Le médecin ne m'a pas écoutée."]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [VECTOR_INDEX_NAME])
        assert cursor.fetchone() is not None
        # Migration 0007 replaced the expression index by the stored vector's.
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [INDEX_NAME])
        assert cursor.fetchone() is None


@pytest.mark.parametrize("query", ["confiance", "trust", "listen -doctor", '"lost trust"'])
def test_search_reads_the_stored_vector_through_its_index(postgres, researcher, query):
    """Even when a word gives different lexemes per configuration ('confiance': 'confianc' in
    French only), the plan scans the GIN index of the stored vector and computes no vector."""
    from analysis.search_sql import matching_copies

    story(text="J'ai perdu confiance.", language="fr")
    story(text="I lost trust in care.", language="en")
    sql, params = matching_copies(query).as_sql(None, connection)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert VECTOR_INDEX_NAME in plan and "to_tsvector" not in plan, plan


def test_a_new_or_edited_research_copy_is_found_at_once(postgres, researcher):
    copy = story(text="Nothing here.", language="en").research_copy
    assert _search(researcher, "kindness") == []
    copy.redacted_text = "Such kindness from the nurses."
    copy.save()
    assert _search(researcher, "kindness") == ["Such kindness from the nurses."]
    copy.detected_language = "fr"
    copy.redacted_text = "J'ai perdu confiance."
    copy.save()
    assert _search(researcher, "confiances") == ["J'ai perdu confiance."]


def test_only_stop_words_find_nothing(postgres, researcher):
    story(text="The doctor and the nurse.", language="en")
    assert _search(researcher, "the and") == []


JAPANESE = [
    "病院で差別を受けました。誰も説明してくれませんでした。",
    "医師は私の話を聞いてくれませんでした。",
    "説得されて、別の病院に行きました。",  # 説 and 別, but neither 差別 nor 説明
]


def _search(researcher, query: str) -> list[str]:
    found = selectors.search_research_copies(
        user=researcher, filters=AnalysisFilters(), query=query
    )
    return [c.redacted_text for c in found]


def test_japanese_words_find_japanese_stories(postgres, researcher):
    for text in JAPANESE:
        story(text=text, language="ja")
    story(text="Discrimination at the hospital.", language="en")
    assert _search(researcher, "差別") == [JAPANESE[0]]
    assert _search(researcher, "「説明」") == [JAPANESE[0]]
    assert _search(researcher, "聞いて") == [JAPANESE[1]]
    assert sorted(_search(researcher, "病院")) == sorted([JAPANESE[0], JAPANESE[2]])
    # The bigrams of 医師説明 are all in no story's text as a contiguous run.
    assert _search(researcher, "医師説明") == []
    assert sorted(_search(researcher, "差")) == [JAPANESE[0]]  # one character: a prefix
    assert _search(researcher, "差別 doctor") == []
    assert _search(researcher, "hospital") == ["Discrimination at the hospital."]


def test_japanese_search_uses_the_bigram_index(postgres, researcher):
    from analysis.fts import CJK_INDEX_NAME
    from analysis.search_sql import matching_copies

    story(text=JAPANESE[0], language="ja")
    sql, params = matching_copies("差別").as_sql(None, connection)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert CJK_INDEX_NAME in plan, plan


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[q for q, _ in CASES])
def test_search_cases_on_postgresql(postgres, researcher, query, expected):
    """The cases test_search.py runs on SQLite give the same stories here."""
    for text, lang in STORIES.values():
        story(text=text, language=lang)
    assert sorted(_search(researcher, query)) == sorted(STORIES[key][0] for key in expected)


# Snippets: ts_headline in each story's language ---------------------------------------------


def _marks(researcher, query: str) -> dict[str, list[str]]:
    """Each hit's marked words, by story text."""
    copies = list(
        selectors.search_research_copies(user=researcher, filters=AnalysisFilters(), query=query)
    )
    found = selectors.search_snippets(copies=copies, query=query)
    text = {c.id: c.redacted_text for c in copies}
    return {
        text[pk]: [text[pk][a:b] for f in fragments for a, b in f.marks]
        for pk, fragments in found.items()
    }


def test_snippets_mark_word_forms_in_the_story_language(postgres, researcher):
    story(text="Le médecin ne m'a pas écoutée. Personne n'écoute.", language="fr")
    story(text="Die Ärzte haben mir nie zugehört. Ärztin", language="de")
    story(text="The doctors never listened to me.", language="en")
    assert _marks(researcher, "écouter") == {
        "Le médecin ne m'a pas écoutée. Personne n'écoute.": ["écoutée", "écoute"]
    }
    assert _marks(researcher, "Ärzte") == {"Die Ärzte haben mir nie zugehört. Ärztin": ["Ärzte"]}
    assert _marks(researcher, "listen -nurse") == {
        "The doctors never listened to me.": ["listened"]
    }


def test_snippets_in_one_query_for_the_page(postgres, researcher, django_assert_num_queries):
    for i in range(5):
        story(text=f"Story {i}: the doctor never listened.")
    copies = list(
        selectors.search_research_copies(user=researcher, filters=AnalysisFilters(), query="listen")
    )
    with django_assert_num_queries(1):
        found = selectors.search_snippets(copies=copies, query="listen")
    assert len(found) == 5


def test_word_search_uses_the_gin_index(postgres, researcher):
    """The words' condition reads the stored vector's index (the whole page's plan at 100,000
    stories: bench/analytics.py)."""
    from analysis.search_sql import matching_copies

    story(text="The doctors never listened to me.", language="en")
    sql, params = matching_copies("listen -nurse").as_sql(None, connection)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert VECTOR_INDEX_NAME in plan, plan
