"""Search hits and quotes lead back to the story: snippets with the matched words marked (escaped,
whatever the story holds), each linking to the coding screen at its passage; the quote finder
with event, country, language and a link, under its consent rules. Runs on SQLite and, with
DATABASE_URL, on PostgreSQL (ts_headline instead of FTS5 highlight())."""

import html
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.analysis.factories import apply, codebook_with_themes, story
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="/coding/stories/(\d+)/\?at=(\d+)-(\d+)#passage"')
HOSTILE = 'Zoé 🙂: nobody listened <script>alert("x")</script> <mark>fake</mark> & <b>bold</b>.'


class Marks(HTMLParser):
    """The text of every <mark> element and of the element with id="passage"."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marks: list[str] = []
        self.passage: str | None = None
        self._mark = self._passage_depth = 0

    def handle_starttag(self, tag, attrs):
        if self._passage_depth:
            self._passage_depth += 1
        elif ("id", "passage") in attrs:
            self._passage_depth, self.passage = 1, ""
        if tag == "mark" and ("id", "passage") not in attrs:
            self._mark += 1
            self.marks.append("")

    def handle_endtag(self, tag):
        if self._passage_depth:
            self._passage_depth -= 1
        if tag == "mark" and self._mark:
            self._mark -= 1

    def handle_data(self, data):
        if self._mark:
            self.marks[-1] += data
        if self._passage_depth:
            self.passage += data


def read(body: str) -> Marks:
    parser = Marks()
    parser.feed(body)
    return parser


def hits_section(body: str) -> str:
    return body.split('id="results-title"', 1)[1]


def test_snippets_escape_the_story_and_mark_only_the_matched_words(client_for, researcher):
    story(text=HOSTILE)
    body = client_for(researcher).get("/analysis/search/", {"q": "listen"}).content.decode()
    section = hits_section(body)
    assert "<script>alert" not in section and "<b>bold" not in section
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in section
    assert "&lt;mark&gt;fake&lt;/mark&gt;" in section
    assert read(section).marks == ["listened"]


def test_each_link_lands_on_the_matched_words(client_for, researcher):
    _book, _themes = codebook_with_themes(1)
    text = "I waited. " + "Nothing happened for hours. " * 12 + "Then the nurse listened, at last."
    s = story(text=text)
    c = client_for(researcher)
    body = c.get("/analysis/search/", {"q": "waited listen"}).content.decode()
    links = [tuple(map(int, m)) for m in LINK.findall(body)]
    assert [(pk, text[a:b]) for pk, a, b in links] == [(s.id, "waited"), (s.id, "listened")]
    for pk, start, end in links:
        page = c.get(f"/coding/stories/{pk}/?at={start}-{end}")
        assert read(page.content.decode()).passage == text[start:end]


def test_a_phrase_lands_on_the_phrase(client_for, researcher):
    codebook_with_themes(1)
    text = "Never again. The doctor never listened to me. I never came back."
    s = story(text=text)
    body = client_for(researcher).get("/analysis/search/", {"q": '"never listened"'})
    (link,) = LINK.findall(body.content.decode())
    assert int(link[0]) == s.id
    assert text[int(link[1]) : int(link[2])] == "never listened"


def test_an_excluded_word_is_not_marked(client_for, researcher):
    story(text="The nurse listened. The porter did not.")
    body = client_for(researcher).get("/analysis/search/", {"q": "listen -doctor"})
    assert read(hits_section(body.content.decode())).marks == ["listened"]
    body = client_for(researcher).get("/analysis/search/", {"q": "listen or -nurse"})
    assert "nurse" not in [m.lower() for m in read(body.content.decode()).marks]


def test_japanese_words_are_marked_where_they_are(client_for, researcher):
    codebook_with_themes(1)
    text = "病院で差別を受けました。誰も説明してくれませんでした。"
    s = story(text=text, language="ja")
    body = client_for(researcher).get("/analysis/search/", {"q": "説明"}).content.decode()
    assert read(hits_section(body)).marks == ["説明"]
    assert LINK.findall(body) == [(str(s.id), "14", "16")]
    assert 'lang="ja"' in body


def test_hits_show_event_country_and_language(client_for, researcher):
    story(
        event=EventFactory(country="FR", title="Dialogue à Lyon"),
        text="Il a écouté.",
        language="fr",
    )
    body = client_for(researcher).get("/analysis/search/", {"q": "écouté"}).content.decode()
    assert "Dialogue à Lyon" in body and "France" in body and "French (fr)" in body


def test_without_a_query_every_story_is_listed_with_a_link(client_for, researcher):
    s = story(text="A plain story.")
    body = client_for(researcher).get("/analysis/search/").content.decode()
    assert "A plain story." in body and f'href="/coding/stories/{s.id}/"' in body
    assert "?at=" not in body


def _queries(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_search_queries_do_not_grow_with_the_hits(client_for, researcher):
    c = client_for(researcher)
    for _ in range(2):
        story(text="The doctor never listened to me.")
    c.get("/analysis/search/", {"q": "listen"})
    few = _queries(c, "/analysis/search/", {"q": "listen"})
    for _ in range(15):
        story(text="The doctor never listened to me.", event=EventFactory())
    assert _queries(c, "/analysis/search/", {"q": "listen"}) == few


# The quote finder ----------------------------------------------------------------------------


@pytest.fixture
def quotable(researcher):
    _book, themes = codebook_with_themes(2)
    text = "Zoé 🙂 said: the nurse listened. The wait was long."
    event = EventFactory(country="FR", title="Dialogue à Lyon")
    quoted = story(event=event, text=text, language="fr", scopes=("quote_anonymous",))
    apply(quoted, themes[0], start=12, end=31, coder=researcher)  # "the nurse listened."
    # Research consent only: coded too, but never to be quoted.
    private = story(event=event, text="A secret passage. " + text, scopes=())
    apply(private, themes[0], start=0, end=17, coder=researcher)
    return quoted, private, text, themes


def test_quotes_show_event_country_language_and_a_link_to_the_passage(
    quotable, client_for, researcher
):
    quoted, _private, text, _themes = quotable
    c = client_for(researcher)
    body = c.get("/analysis/quotes/").content.decode()
    assert "Dialogue à Lyon" in body and "France" in body and "French (fr)" in body
    assert LINK.findall(body) == [(str(quoted.id), "12", "31")]
    page = c.get(f"/coding/stories/{quoted.id}/?at=12-31").content.decode()
    assert read(page).passage == text[12:31] == "the nurse listened."


def test_a_story_without_quote_consent_never_shows(quotable, client_for, researcher):
    _quoted, private, _text, _themes = quotable
    c = client_for(researcher)
    body = c.get("/analysis/quotes/").content.decode()
    assert "A secret passage." not in body
    assert f"/coding/stories/{private.id}/" not in body
    for params in ({"country": "FR"}, {"event": private.event_id}, {"language": "en"}):
        assert "A secret passage." not in c.get("/analysis/quotes/", params).content.decode()
    api = c.get("/api/v1/analysis/quotes/").json()
    assert [q["text"] for q in api["results"]] == ["the nurse listened."]


def test_quote_finder_queries_do_not_grow_with_the_quotes(quotable, client_for, researcher):
    c = client_for(researcher)
    c.get("/analysis/quotes/")
    few = _queries(c, "/analysis/quotes/", {})
    themes = quotable[3]
    for i in range(10):
        s = story(
            event=EventFactory(), text=f"Story {i}: they listened.", scopes=("quote_anonymous",)
        )
        apply(s, themes[0], start=0, end=7, coder=researcher)
    assert _queries(c, "/analysis/quotes/", {}) == few
    assert html.unescape(c.get("/analysis/quotes/").content.decode()).count("?at=") == 11
