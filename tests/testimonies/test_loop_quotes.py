"""Issue 20, point 3: per-quote approval. A researcher asks for one passage and a named purpose;
with "ask me before each quote" the participant approves or declines; quote sheets include the
passage only once approved; a declined passage is never asked again for that purpose; bad input
changes nothing."""

import pytest

from accounts.roles import Role
from analysis import exporters, selectors
from analysis.selectors import AnalysisFilters
from core.exceptions import ApplicationError, NotFoundError
from testimonies import services
from testimonies.models import ConsentChange, QuoteRequest
from testimonies.services import quote_request_answer, quote_request_create
from tests.analysis.factories import apply, codebook_with_themes, story
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEXT = "The nurse was kind. The wait was long."
KIND = (0, 19)


def sheet(user):
    qs = selectors.quotes_for_user(user=user, filters=AnalysisFilters())
    return sorted(q.text for q in exporters.quotes_from(qs))


def ask(user, s, span=KIND, purpose="report", detail="Annual report 2027"):
    return quote_request_create(
        user=user,
        public_id=s.public_id,
        start=span[0],
        end=span[1],
        purpose=purpose,
        purpose_detail=detail,
    )


@pytest.fixture
def asked():
    researcher = UserFactory(roles=[Role.RESEARCHER])
    _book, themes = codebook_with_themes(1)
    s = story(text=TEXT, scopes=("quote_anonymous", "quote_ask"))
    apply(s, themes[0], start=0, end=19, coder=researcher)
    apply(s, themes[0], start=20, end=38, coder=researcher)
    return researcher, s


def test_an_asked_for_story_is_on_no_sheet_until_approved(asked):
    researcher, s = asked
    assert sheet(researcher) == []
    quote = ask(researcher, s)
    assert quote.status == "pending" and quote.passage == "The nurse was kind."
    assert quote.attribution == "anonymous"
    assert sheet(researcher) == []
    quote_request_answer(
        testimony=s, quote_id=quote.pk, approve=True, actor=ConsentChange.Actor.CODE
    )
    assert sheet(researcher) == ["The nurse was kind."]
    kinds = list(s.changes.values_list("kind", flat=True))
    assert kinds[-2:] == ["quote_requested", "quote_approved"]
    from testimonies.receipts import testimony_receipt

    decisions = testimony_receipt(testimony=s)["entendu"]["quoteDecisions"]
    assert [d["kind"] for d in decisions] == ["quote_requested", "quote_approved"]
    assert decisions[1]["by"] == "code" and decisions[1]["request"] == [f"quote:{quote.pk}:report"]


def test_a_declined_passage_never_appears_and_cannot_be_asked_again(asked):
    researcher, s = asked
    quote = ask(researcher, s)
    quote_request_answer(
        testimony=s, quote_id=quote.pk, approve=False, actor=ConsentChange.Actor.CODE
    )
    assert sheet(researcher) == []
    with pytest.raises(ApplicationError, match="declined"):
        ask(researcher, s)
    # Another purpose may still be asked.
    assert ask(researcher, s, purpose="presentation").status == "pending"
    assert s.changes.filter(kind="quote_declined").count() == 1


def test_without_the_ask_scope_the_request_is_approved_at_once():
    researcher = UserFactory(roles=[Role.RESEARCHER])
    s = story(text=TEXT, scopes=("quote_named",), first_name="Ana")
    quote = ask(researcher, s)
    assert quote.status == "approved" and quote.attribution == "named"


@pytest.mark.parametrize(
    "span,message",
    [((30, 90), "not in the story"), ((5, 5), "not in the story"), ((-1, 4), "not in the story")],
)
def test_a_passage_outside_the_story_is_refused(asked, span, message):
    researcher, s = asked
    with pytest.raises(ApplicationError) as error:
        ask(researcher, s, span=span)
    assert message in str(error.value.field_errors)
    assert not QuoteRequest.objects.exists()


def test_a_story_whose_scopes_forbid_quoting_is_refused():
    researcher = UserFactory(roles=[Role.RESEARCHER])
    s = story(text=TEXT, scopes=())
    with pytest.raises(ApplicationError, match="not agreed to be quoted"):
        ask(researcher, s)
    assert not QuoteRequest.objects.exists()
    assert not s.changes.filter(kind="quote_requested").exists()


def test_only_the_research_team_may_ask(asked):
    _researcher, s = asked
    facilitator = UserFactory(roles=[Role.FACILITATOR])
    with pytest.raises(NotFoundError):
        ask(facilitator, s)


def test_an_answer_is_given_once_and_withdrawal_erases_the_requests(asked):
    researcher, s = asked
    quote = ask(researcher, s)
    quote_request_answer(testimony=s, quote_id=quote.pk, approve=True, actor="code")
    with pytest.raises(ApplicationError, match="already answered"):
        quote_request_answer(testimony=s, quote_id=quote.pk, approve=False, actor="code")
    services.testimony_withdraw(testimony=s, scopes=None, actor="code")
    assert not QuoteRequest.objects.filter(testimony=s).exists()


def test_narrowing_the_ask_scope_cancels_waiting_requests(asked):
    researcher, s = asked
    quote = ask(researcher, s)
    services.testimony_withdraw(testimony=s, scopes={"quote_ask"}, actor="code")
    quote.refresh_from_db()
    assert quote.status == "cancelled"


def test_the_request_page_refuses_bad_input_and_saves_a_good_request(asked, client_for):
    researcher, s = asked
    c = client_for(researcher)
    url = f"/research/stories/{s.public_id}/quote-request/"
    assert c.get(f"{url}?start=0&end=19").status_code == 200
    outside = {"start": 30, "end": 900, "purpose": "report", "purpose_detail": "Annual report"}
    response = c.post(url, outside)
    assert response.status_code == 400
    assert "This passage is not in the story" in response.content.decode()
    assert not QuoteRequest.objects.exists()
    good = {**outside, "start": 0, "end": 19}
    assert c.post(url, good).status_code == 302
    body = c.get(url).content.decode()
    assert "The nurse was kind." in body and "Waiting for your answer" in body


def test_the_research_copy_shows_the_participants_own_reading(asked, client_for):
    researcher, s = asked
    services.own_reading_save(
        testimony=s,
        themes=[],
        trust_change="lower",
        what_should_change="Call me at +44 20 7946 0958",
    )
    body = client_for(researcher).get(f"/research/stories/{s.public_id}/").content.decode()
    assert "I trust health services less" in body
    assert "7946" not in body  # the sentence is redacted as the research copy is
    assert f"/research/stories/{s.public_id}/quote-request/" in body


def test_the_quote_finder_offers_to_ask_for_a_passage(asked, client_for):
    researcher, s = asked
    body = client_for(researcher).get("/analysis/quotes/").content.decode()
    assert "Passages to ask for first" in body
    assert f"/research/stories/{s.public_id}/quote-request/?start=0&amp;end=19" in body
    assert "0 quotes" in body


def test_the_coding_screen_shows_the_own_reading_once_the_coder_is_done(asked, client_for):
    from coding.services import coding_complete

    researcher, s = asked
    services.own_reading_save(testimony=s, themes=[], trust_change="higher")
    c = client_for(researcher)
    assert "I trust health services more" not in c.get(f"/coding/stories/{s.pk}/").content.decode()
    coding_complete(testimony=s, coder=researcher)
    assert "I trust health services more" in c.get(f"/coding/stories/{s.pk}/").content.decode()
