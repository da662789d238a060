"""The quote finder shows each passage once, with every code on it, however many coders or
codes marked it."""

import pytest

from accounts.roles import Role
from analysis import exporters, selectors
from analysis.selectors import AnalysisFilters
from coding.models import CodeApplication
from tests.analysis.factories import apply, codebook_with_themes, story
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEXT = "The nurse was kind. The wait was long."


@pytest.fixture
def passages():
    ana = UserFactory(roles=[Role.RESEARCHER])
    ben = UserFactory(roles=[Role.RESEARCHER])
    _book, themes = codebook_with_themes(3)
    s = story(text=TEXT, scopes=("quote_anonymous",))
    # "The nurse was kind." by two coders with theme 0, and by one of them with theme 1.
    apply(s, themes[0], start=0, end=19, coder=ana)
    apply(s, themes[0], start=0, end=19, coder=ben)
    apply(s, themes[1], start=0, end=19, coder=ben)
    # "The wait was long." with theme 2 only.
    apply(s, themes[2], start=20, end=38, coder=ana)
    return s, themes


def quotes(user, **filters):
    qs = selectors.quotes_for_user(
        user=user, filters=AnalysisFilters(**filters), code_id=filters.get("code_id")
    )
    return list(exporters.quotes_from(qs))


def test_each_passage_once_with_all_its_codes(passages, researcher):
    _s, themes = passages
    found = quotes(researcher)
    assert sorted(q.text for q in found) == ["The nurse was kind.", "The wait was long."]
    kind = next(q for q in found if q.text == "The nurse was kind.")
    assert kind.codes == ["Theme 0", "Theme 1"]
    assert kind.code == "Theme 0; Theme 1"
    wait = next(q for q in found if q.text == "The wait was long.")
    assert wait.codes == ["Theme 2"]


def test_filtered_by_a_code_still_once_and_still_every_code(passages, researcher):
    _s, themes = passages
    found = quotes(researcher, code_id=themes[1].id)
    assert [q.text for q in found] == ["The nurse was kind."]
    assert found[0].codes == ["Theme 0", "Theme 1"]
    assert [q.text for q in quotes(researcher, code_id=themes[0].id)] == ["The nurse was kind."]


def test_the_page_the_api_and_the_count_agree(passages, researcher, client_for):
    c = client_for(researcher)
    body = c.get("/analysis/quotes/").content.decode()
    assert body.count("The nurse was kind.") == 1
    assert "2 quotes" in body
    assert '<li class="badge">Theme 0</li><li class="badge">Theme 1</li>' in body
    api = c.get("/api/v1/analysis/quotes/").json()
    assert api["count"] == 2
    kind = next(r for r in api["results"] if r["text"] == "The nurse was kind.")
    assert kind["codes"] == ["Theme 0", "Theme 1"]


def test_the_quote_sheet_lists_the_passage_once(passages, researcher):
    from analysis.exporters.quotes import write_quotes_html

    class Sink:
        data = b""

        def write(self, chunk):
            self.data += chunk

    sink = Sink()
    count = write_quotes_html(iter(quotes(researcher)), sink, title="Sheet")
    assert count == 2
    assert sink.data.decode().count("The nurse was kind.") == 1


def test_a_page_of_quotes_costs_the_same_queries_with_more_passages(
    researcher, client_for, django_assert_max_num_queries
):
    _book, themes = codebook_with_themes(2)
    for i in range(30):
        s = story(text=f"Passage number {i} here.", scopes=("quote_anonymous",))
        apply(s, themes[0], start=0, end=8)
        apply(s, themes[1], start=0, end=8)
    c = client_for(researcher)
    c.get("/analysis/quotes/")
    with django_assert_max_num_queries(20):
        body = c.get("/analysis/quotes/").content.decode()
    assert "30 quotes" in body


def test_a_code_filter_finds_what_filtering_the_stories_by_it_too_finds(passages, researcher):
    """The finder filters the spans by the code and no longer the stories as well (the spans'
    filter implies it; at a million stories the double filter cost 1.5 s): the same quotes as
    the stories filtered by the code and the spans picked by it, with machine suggestions,
    sub-codes and a story coded only elsewhere around."""
    s, themes = passages
    sub = themes[0].children.get()
    other = story(text=TEXT, scopes=("quote_anonymous",))
    apply(other, sub, start=20, end=38, coder=researcher)
    apply(other, themes[1], start=0, end=19, source="machine", status="suggested")
    coded_elsewhere = story(text=TEXT, scopes=("quote_anonymous",))
    apply(coded_elsewhere, themes[2], start=0, end=19, coder=researcher)
    for theme in themes:
        codes = selectors.code_with_descendants(code_id=theme.id)
        both = selectors.quotes_for_user(user=researcher, filters=AnalysisFilters(code_id=theme.id))
        coded = CodeApplication.objects.filter(code_id__in=codes, status="accepted")
        expected = sorted(
            (a.testimony_id, a.start)
            for a in both
            if coded.filter(testimony_id=a.testimony_id, start=a.start, end=a.end).exists()
        )
        found = selectors.quotes_for_user(
            user=researcher, filters=AnalysisFilters(code_id=theme.id), code_id=theme.id
        )
        assert sorted((a.testimony_id, a.start) for a in found) == expected
        assert expected or theme == themes[1]
