"""Search pages at any depth on PostgreSQL (issue 22): whether a page is found in the newest
stories of the filters (a common word) or through the word's own index (a rare word), the search
page and the API list the same stories in the same order as the whole search does."""

from datetime import UTC, datetime, timedelta

import pytest

from analysis import selectors
from analysis.selectors import AnalysisFilters
from core.keyset import keyset_page
from tests.analysis.factories import story
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db
START = datetime(2025, 3, 1, tzinfo=UTC)


@pytest.fixture
def stories():
    """24 stories, two a minute (ties on the time): 'trust' in two of three, 'kindness' in
    the oldest only, 'confiance' in French ones from France, none in Japan."""
    france, japan = EventFactory(country="FR"), EventFactory(country="JP")
    for i in range(24):
        french = i % 4 == 0
        word = "confiance" if french else ("trust" if i % 3 else "care")
        text = f"Story {i}: {word}" + (" kindness" if i == 0 else "")
        story(
            text=text,
            language="fr" if french else "en",
            event=france if french else japan,
            submitted_at=START + timedelta(minutes=i // 2),
        )


def _pages(user, query: str, filters: AnalysisFilters, size: int) -> list[list[int]]:
    found = selectors.search_research_copies(user=user, filters=filters, query=query)
    within = selectors.search_scope(user=user, filters=filters, query=query)
    pages, cursor = [], None
    while True:
        page = keyset_page(found, cursor=cursor, size=size, within=within)
        pages.append([c.id for c in page])
        if not page.has_next:
            return pages
        cursor = page.next_cursor


@pytest.mark.parametrize("window", [3, 8, 5000])
@pytest.mark.parametrize(
    ("query", "filters", "found"),
    [
        ("trust", {}, 12),
        ("kindness", {}, 1),
        ("confiance", {}, 6),
        ("confiance", {"country": "JP"}, 0),
        ("confiance", {"language": "fr"}, 6),
        ("trust", {"language": "fr"}, 0),
        ("-trust", {}, 12),
    ],
)
def test_pages_are_the_whole_search_in_order(
    postgres, researcher, stories, monkeypatch, window, query, filters, found
):
    monkeypatch.setattr("core.keyset.WALK_ROWS", window)
    filters = AnalysisFilters(**filters)
    whole = selectors.search_research_copies(user=researcher, filters=filters, query=query)
    pages = _pages(researcher, query, filters, size=3)
    assert [pk for page in pages for pk in page] == list(whole.values_list("id", flat=True))
    assert all(len(page) == 3 for page in pages[:-1])
    assert len(whole) == found


def test_the_page_and_the_api_list_the_same_stories(postgres, researcher, stories, client_for):
    client = client_for(researcher)
    page = client.get("/analysis/search/", {"q": "trust"})
    api = client.get("/api/v1/analysis/search/", {"q": "trust"}).json()
    whole = selectors.search_research_copies(
        user=researcher, filters=AnalysisFilters(), query="trust"
    )
    assert [h["copy"].id for h in page.context["hits"]] == list(
        whole.values_list("id", flat=True)[:20]
    )
    assert api["count"] == whole.count() == 12 and not api["count_is_capped"]
    stories = [str(pk) for pk in whole.values_list("testimony__public_id", flat=True)[:20]]
    assert [r["story_id"] for r in api["results"]] == stories
