"""Issue 20, points 5 and 6: the programme-wide "You said, we did" (public, by theme, country
and status, small cells suppressed, CSV) and the agreement of participants' own reading with
the researchers' coding, per theme."""

import pytest

from accounts.roles import Role
from analysis.programme import own_reading_agreement
from events.services import commitment_status_change
from testimonies.models import QuoteRequest
from testimonies.services import commitment_quotes_set, own_reading_save, quote_request_create
from tests.analysis.factories import apply, codebook_with_themes
from tests.events.factories import CommitmentFactory
from tests.factories import UserFactory
from tests.testimonies.factories import open_event, submit

pytestmark = pytest.mark.django_db
TEXT = "The nurse was kind. The wait was long."


@pytest.fixture
def programme(settings):
    settings.ENTENDU_SMALL_CELL_THRESHOLD = 3
    _book, themes = codebook_with_themes(2)
    coder = UserFactory(roles=[Role.RESEARCHER])
    event = open_event(is_public=True, country="FR")
    hidden = open_event(is_public=False, country="DE")
    stories = [
        submit(event, text=TEXT, scopes={"research", "quote_anonymous"}).testimony for _ in range(3)
    ]
    for s in stories:
        apply(s, themes[0], start=0, end=19, coder=coder)
    apply(stories[0], themes[1], start=20, end=38, coder=coder)
    kept = CommitmentFactory(event=event, description="Longer appointments")
    kept.themes.set([themes[0]])
    commitment_status_change(commitment=kept, user=coder, status="done")
    secret = CommitmentFactory(event=hidden, description="Unpublished promise")
    secret.themes.set([themes[0]])
    quote = quote_request_create(
        user=coder,
        public_id=stories[0].public_id,
        start=0,
        end=19,
        purpose="public_page",
        purpose_detail="Programme page",
    )
    commitment_quotes_set(user=coder, commitment=kept, quote_ids=[quote.pk])
    return themes, stories, quote


def test_the_public_page_lists_published_commitments_by_theme_with_counts(client, programme):
    body = client.get("/you-said-we-did/").content.decode()
    assert "Longer appointments" in body and "Unpublished promise" not in body
    assert "3 stories" in body  # theme 0: three stories
    assert "Fewer than 3 stories" in body  # theme 1: one story, suppressed
    assert "The nurse was kind." in body
    done = client.get("/you-said-we-did/?status=proposed").content.decode()
    assert "Longer appointments" not in done
    french = client.get("/you-said-we-did/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Longer appointments" in french


def test_the_csv_has_one_row_per_commitment_and_theme(client, programme):
    response = client.get("/you-said-we-did.csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().strip().splitlines()
    assert lines[0].startswith("theme,theme_stories,country")
    assert len(lines) == 2 and "Longer appointments" in lines[1] and ",3,FR," in lines[1]


def test_a_withdrawn_quote_scope_takes_the_quote_off_the_page(client, programme):
    from testimonies import services

    _themes, stories, _quote = programme
    services.testimony_withdraw(testimony=stories[0], scopes={"quote_anonymous"}, actor="code")
    assert "The nurse was kind." not in client.get("/you-said-we-did/").content.decode()
    assert QuoteRequest.objects.exists()


def test_agreement_per_theme_with_the_small_cell_rule(programme, settings):
    themes, stories, _quote = programme
    for s in stories:
        own_reading_save(testimony=s, themes=[themes[0].key])
    rows = {r["label"]: r["share"] for r in own_reading_agreement()}
    assert rows["Theme 0"].percent == 100.0 and rows["Theme 0"].denominator == 3
    # Theme 1: researchers coded it on one story, nobody ticked it: 2 of 3 agree.
    assert rows["Theme 1"].percent == pytest.approx(66.7)
    settings.ENTENDU_SMALL_CELL_THRESHOLD = 4
    assert all(r["share"].suppressed for r in own_reading_agreement())


def test_agreement_counts_in_sql_are_those_of_the_python_reading(programme):
    """Issue 22: on PostgreSQL the agreement is one query over the stories' code sets; it must
    count exactly what reading every story's themes in Python counts (withdrawn stories, an
    empty reading and a reading of a story nobody coded left out)."""
    from analysis.programme import _agreement_counts_python, _agreement_counts_sql
    from testimonies import services

    themes, stories, _quote = programme
    own_reading_save(testimony=stories[0], themes=[themes[0].key, themes[1].key])
    own_reading_save(testimony=stories[1], themes=[themes[1].key])
    own_reading_save(testimony=stories[2], themes=[])
    uncoded = submit(stories[0].event, text=TEXT, scopes={"research"}).testimony
    own_reading_save(testimony=uncoded, themes=[themes[0].key])
    keys = [t.key for t in themes]
    expected = _agreement_counts_python(keys)
    assert expected == (2, [1, 1])
    assert _agreement_counts_sql(keys) == expected
    services.testimony_withdraw(testimony=stories[1], scopes=None, actor="code")
    assert _agreement_counts_sql(keys) == _agreement_counts_python(keys) == (1, [1, 1])
