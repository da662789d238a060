"""Bidi controls in what people wrote stay inside it: a story holding U+202E (right-to-left
override) is shown in an isolating element (``<bdi>``, ``dir`` or ``.story-text``) on every page
that shows it, so it cannot reorder the interface around it."""

from html.parser import HTMLParser
from pathlib import Path

import pytest

from accounts.roles import Role
from tests.analysis.factories import apply, codebook_with_themes
from tests.factories import UserFactory, open_event, story_submit

pytestmark = pytest.mark.django_db

RLO, PDF = "\u202e", "\u202c"
TEXT = f"Before {RLO}gnirts desrever{PDF} after: the doctor did not listen to me at all."
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class BidiCheck(HTMLParser):
    """Every text node holding a bidi control: is one of its ancestors isolating?"""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.seen = 0
        self.loose: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        # NOTE: a form control's text (option, textarea) and the page title are drawn apart from
        # the page's text: a bidi control there cannot reach the interface around it.
        isolating = (
            tag in {"bdi", "textarea", "option", "title"}
            or "dir" in attrs
            or "story-text" in (attrs.get("class") or "").split()
        )
        self.stack.append((tag, isolating))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if RLO not in data:
            return
        self.seen += 1
        if not any(isolating for _tag, isolating in self.stack):
            self.loose.append(" > ".join(tag for tag, _ in self.stack) + f": {data.strip()[:60]}")


def check(html: str) -> BidiCheck:
    parser = BidiCheck()
    parser.feed(html)
    return parser


def test_the_check_tells_isolated_from_loose_text():
    assert check(f"<p>Hello <bdi>{RLO}x</bdi> there</p>").loose == []
    assert check(f'<div class="story-text"><p>{RLO}x</p></div>').loose == []
    assert check(f'<blockquote dir="auto"><p>{RLO}x</p></blockquote>').loose == []
    loose = check(f"<p>Hello <b>{RLO}x</b> there</p>")
    assert loose.seen == 1 and loose.loose


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    researcher = UserFactory(roles=[Role.RESEARCHER])
    facilitator = UserFactory(roles=[Role.FACILITATOR])
    participant = UserFactory(roles=[Role.PARTICIPANT])
    event = open_event(title=f"Clinic {RLO}dialogue{PDF}")
    submission = story_submit(
        event=event,
        text=TEXT,
        title=f"A {RLO}title{PDF} of mine",
        restore_trust=f"To be {RLO}heard{PDF}.",
        scopes=("research", "quote_anonymous"),
        participant=participant,
        entered_by=facilitator,
        detected_language="en",
    )
    story = submission.testimony
    _book, themes = codebook_with_themes(1)
    apply(story, themes[0], start=0, end=40, coder=researcher)
    return {
        "story": story,
        "code": themes[0],
        Role.RESEARCHER: researcher,
        Role.FACILITATOR: facilitator,
        Role.PARTICIPANT: participant,
    }


def pages(w) -> list[tuple[str, str]]:
    story = w["story"]
    pid = story.public_id
    return [
        (Role.RESEARCHER, "/research/stories/"),
        (Role.RESEARCHER, f"/research/stories/{pid}/"),
        (Role.RESEARCHER, "/coding/"),
        (Role.RESEARCHER, f"/coding/stories/{story.pk}/"),
        (Role.RESEARCHER, f"/coding/codes/{w['code'].pk}/"),
        (Role.RESEARCHER, "/analysis/search/?q=doctor"),
        (Role.RESEARCHER, "/analysis/quotes/"),
        (Role.FACILITATOR, f"/stories/{pid}/original/"),
        (Role.PARTICIPANT, "/my/stories/"),
        (Role.PARTICIPANT, f"/my/stories/{pid}/"),
        (Role.PARTICIPANT, f"/my/stories/{pid}/withdraw/"),
    ]


def test_story_text_sits_in_an_isolating_element_on_every_page(world, client_for):
    for role, url in pages(world):
        response = client_for(world[role]).get(url)
        assert response.status_code == 200, url
        result = check(response.content.decode())
        assert result.seen, f"{url}: the story (or its event) is not on the page"
        assert result.loose == [], url


def test_the_quote_sheet_isolates_quotes():
    from django.template.loader import render_to_string

    html = render_to_string(
        "analysis/quote_sheet_export.html",
        {
            "title": "Quotes",
            "generated_at": "today",
            "quotes": [{"code": "Theme", "quoted_text": TEXT, "attribution": f"{RLO}Zoé"}],
        },
    )
    result = check(html)
    assert result.seen == 2 and result.loose == []


def test_the_stylesheet_isolates_story_text():
    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "app.css").read_text("utf-8")
    assert ".story-text, bdi" in css and "unicode-bidi: isolate" in css
