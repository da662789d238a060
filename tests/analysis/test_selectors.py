"""Dashboard aggregates on real rows (SQLite here; PostgreSQL in CI reads the trigger table)."""

from datetime import UTC, datetime

import pytest

from analysis import dashboards, selectors
from analysis.selectors import AnalysisFilters
from testimonies.models import Testimony
from tests.analysis.factories import apply, codebook_with_themes, story
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded(researcher):
    """Two events in two countries; theme 0 (via its sub-code) and theme 1 co-occur."""
    _book, themes = codebook_with_themes(3)
    child = themes[0].children.get()
    fr = EventFactory(country="FR", title="Lyon dialogue")
    us = EventFactory(country="US", title="Boston summit")
    stories = []
    for i in range(12):
        s = story(event=fr, language="fr", submitted_at=datetime(2026, 1, 5, tzinfo=UTC))
        apply(s, child, start=0, end=3, coder=researcher)
        if i < 11:
            apply(s, themes[1], coder=researcher)
        stories.append(s)
    for _ in range(3):
        s = story(event=us, language="en", submitted_at=datetime(2026, 2, 5, tzinfo=UTC))
        apply(s, themes[2], coder=researcher)
        stories.append(s)
    story(event=us)  # uncoded
    return themes, fr, us


def test_themes_count_stories_including_sub_codes(coded, researcher):
    themes, fr, _us = coded
    stories = selectors.stories_for_analysis(user=researcher, filters=AnalysisFilters())
    theme_list = selectors.themes()
    assert [t.id for t in theme_list] == [t.id for t in themes]
    totals, counts = selectors.theme_counts_by(stories=stories, theme_list=theme_list, by="country")
    assert totals == {("FR",): 12, ("US",): 4}
    assert counts[("FR",)] == [12, 11, 0]
    assert counts[("US",)] == [0, 0, 3]


def test_filters_narrow_every_aggregate(coded, researcher):
    _themes, fr, _us = coded
    for filters in (
        AnalysisFilters(country="FR"),
        AnalysisFilters(event_id=fr.id),
        AnalysisFilters(language="fr"),
        AnalysisFilters(date_to=datetime(2026, 1, 31).date()),
    ):
        stories = selectors.stories_for_analysis(user=researcher, filters=filters)
        assert stories.count() == 12, filters


def test_code_filter_includes_sub_codes(coded, researcher):
    themes, _fr, _us = coded
    stories = selectors.stories_for_analysis(
        user=researcher, filters=AnalysisFilters(code_id=themes[0].id)
    )
    assert stories.count() == 12


def test_other_roles_see_nothing(coded, facilitator, participant):
    for user in (facilitator, participant):
        assert not selectors.stories_for_analysis(user=user, filters=AnalysisFilters()).exists()


def test_withdrawn_and_non_research_stories_are_left_out(coded, researcher):
    Testimony.objects.filter(event__country="US").update(
        status=Testimony.Status.WITHDRAWN, text="", title="", restore_trust=""
    )
    stories = selectors.stories_for_analysis(user=researcher, filters=AnalysisFilters())
    assert stories.count() == 12


def test_cooccurrence_matrix_and_its_suppression(coded, researcher):
    chart = dashboards.cooccurrence_chart(user=researcher, filters=AnalysisFilters())
    assert chart.rows[0][1:] == [12, 11, 0]
    # Theme 2 was applied to 3 stories only: below the threshold of 10.
    assert chart.rows[2][3] is None
    assert chart.display_rows[2][3] == "fewer than 10"
    assert None not in chart.rows[0]


def test_themes_by_country_heat_map(coded, researcher):
    chart = dashboards.themes_by_chart(user=researcher, filters=AnalysisFilters(), by="country")
    france = next(r for r in chart.rows if r[0] == "France")
    assert france[1:4] == [12, 12, 100.0]
    united_states = next(r for r in chart.rows if r[0] != "France")
    assert united_states[1] is None  # 4 stories
    assert "fewer than 10" in chart.csv_text()
    assert "<svg" in chart.svg


def test_timeline_by_month(coded, researcher):
    chart = dashboards.timeline_chart(user=researcher, filters=AnalysisFilters())
    assert [r[0] for r in chart.rows] == ["2026-01", "2026-02"]
    assert chart.rows[0][1] == 12


def test_threshold_setting_changes_what_is_shown(coded, researcher, settings):
    settings.ENTENDU_SMALL_CELL_THRESHOLD = 3
    chart = dashboards.cooccurrence_chart(user=researcher, filters=AnalysisFilters())
    assert chart.rows[2][3] == 3


def test_trust_gap_by_intersection(researcher):
    codebook_with_themes(1)
    event = EventFactory()
    scopes = ("ethnic_minority", "disability")
    both = {"ethnic_minority": "yes", "disability": "yes"}
    neither = {"ethnic_minority": "no", "disability": "no"}
    for i in range(10):
        story(event=event, trust="yes" if i < 8 else "no", scopes=scopes, characteristics=both)
    for i in range(20):
        story(
            event=event, trust="yes" if i < 9 else "unsure", scopes=scopes, characteristics=neither
        )
    # Shared without consent for the scope: must not count.
    story(event=event, trust="yes", scopes=(), characteristics=both)
    gaps, _threshold = dashboards.trust_gap_list(user=researcher, filters=AnalysisFilters())
    gap = next(g for g in gaps if g.groups == ("ethnic_minority", "disability"))
    assert gap.share.percent == 80.0 and gap.share.denominator == 10
    assert gap.reference.percent == 45.0 and gap.reference.denominator == 20
    assert gap.gap_points == 35.0
    chart = dashboards.trust_chart(user=researcher, filters=AnalysisFilters())
    row = next(r for r in chart.rows if r[0] == "Ethnic minorities + People with a disability")
    assert row[1:] == [80.0, None, 10, 45.0, 20, 35.0]


def test_population_group_rows(researcher):
    _book, themes = codebook_with_themes(1)
    event = EventFactory()
    for _ in range(10):
        s = story(event=event, scopes=("gender",), characteristics={"gender": "woman"})
        apply(s, themes[0])
    chart = dashboards.themes_by_chart(user=researcher, filters=AnalysisFilters(), by="group")
    women = next(r for r in chart.rows if r[0] == "Women")
    assert women[1:4] == [10, 10, 100.0]


def test_dashboard_query_count_does_not_grow_with_rows(
    coded, researcher, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        dashboards.themes_by_chart(user=researcher, filters=AnalysisFilters(), by="event")


def test_search_finds_a_japanese_word_on_any_database(researcher):
    explained = "病院で差別を受けました。誰も説明してくれませんでした。"
    story(text=explained, language="ja")
    story(text="医師は私の話を聞いてくれませんでした。", language="ja")
    story(text="Nobody explained anything.", language="en")
    found = selectors.search_research_copies(
        user=researcher, filters=AnalysisFilters(), query="説明"
    )
    assert [c.redacted_text for c in found] == [explained]
