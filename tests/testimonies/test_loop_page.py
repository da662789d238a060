"""Issue 20, points 1, 2, 4 and 5: the participant's own page (with the code or signed in),
commitments with their history, follow-up e-mails by consent with one-click unsubscribe, the
storyteller's own reading, and quotes shown beside the commitment they motivated."""

import pytest
from django.core import mail

from accounts.roles import Role
from events.services import commitment_status_change
from testimonies.models import FollowUp, OwnReading, QuoteRequest
from testimonies.services import quote_request_create
from testimonies.services.follow_up import unsubscribe_token
from tests.analysis.factories import apply, codebook_with_themes
from tests.events.factories import CommitmentFactory
from tests.factories import UserFactory
from tests.testimonies.factories import open_event, submit

pytestmark = pytest.mark.django_db
TEXT = "The nurse was kind. The wait was long."


@pytest.fixture
def told():
    event = open_event(is_public=True)
    submission = submit(
        event,
        text=TEXT,
        scopes={"research", "quote_anonymous", "quote_ask", "contact"},
        contact={"email": "ana@example.org"},
    )
    return event, submission


def page(client, code, **data):
    return client.post("/my-story/", {"code": code, **data})


def test_the_code_opens_the_page_with_state_themes_and_commitments(client, told):
    event, submission = told
    _book, themes = codebook_with_themes(1)
    body = page(client, submission.withdrawal_code).content.decode()
    assert "Researchers have not read it yet" in body
    apply(
        submission.testimony, themes[0], start=0, end=19, coder=UserFactory(roles=[Role.RESEARCHER])
    )
    commitment = CommitmentFactory(event=event, description="Longer appointments")
    commitment_status_change(commitment=commitment, user=UserFactory(), status="done")
    response = page(client, submission.withdrawal_code)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Researchers are reading your story" in body
    assert "Longer appointments" in body and "Done" in body
    assert f"/events/{event.slug}/public/" in body
    assert "withdraw" in body
    assert "no-store" in response["Cache-Control"]
    assert "Theme 0" in body


@pytest.mark.parametrize("code", ["", "WRONG-CODE", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH-JJJJ"])
def test_a_wrong_code_gets_a_clear_message_and_changes_nothing(client, told, code):
    _event, submission = told
    response = page(client, code, action="own_reading", themes=["education"])
    assert response.status_code == 400
    assert not OwnReading.objects.exists()
    assert "What happened to your story" in response.content.decode()


def test_a_waiting_quote_is_approved_on_the_page(client, told):
    _event, submission = told
    s = submission.testimony
    quote = quote_request_create(
        user=UserFactory(roles=[Role.RESEARCHER]),
        public_id=s.public_id,
        start=0,
        end=19,
        purpose="public_page",
        purpose_detail="Programme page",
    )
    body = page(client, submission.withdrawal_code).content.decode()
    assert "The nurse was kind." in body and "Programme page" in body
    response = page(
        client, submission.withdrawal_code, action="answer", quote=quote.pk, answer="approve"
    )
    assert response.status_code == 200
    quote.refresh_from_db()
    assert quote.status == "approved"
    assert s.changes.filter(kind="quote_approved", actor="code").exists()


def test_follow_up_mail_on_a_commitment_change_and_one_click_unsubscribe(
    client, told, django_capture_on_commit_callbacks
):
    event, submission = told
    response = page(client, submission.withdrawal_code, action="follow_up", commitments="on")
    assert response.status_code == 200
    assert FollowUp.objects.get().commitments
    commitment = CommitmentFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        commitment_status_change(commitment=commitment, user=UserFactory(), status="in_progress")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    token = unsubscribe_token(submission.testimony)
    assert f"/my-story/unsubscribe/{token}/" in message.body
    assert "List-Unsubscribe" in message.extra_headers
    assert client.get(f"/my-story/unsubscribe/{token}/").status_code == 200
    assert FollowUp.objects.exists()  # opening the link changes nothing
    client.post(f"/my-story/unsubscribe/{token}/")
    assert not FollowUp.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        commitment_status_change(commitment=commitment, user=UserFactory(), status="done")
    assert len(mail.outbox) == 1


def test_nothing_is_sent_without_the_choice_or_the_contact_scope(
    client, django_capture_on_commit_callbacks
):
    event = open_event()
    submission = submit(event, text=TEXT, scopes={"research"})
    response = page(client, submission.withdrawal_code, action="follow_up", commitments="on")
    assert response.status_code == 400
    assert not FollowUp.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        commitment_status_change(
            commitment=CommitmentFactory(event=event), user=UserFactory(), status="done"
        )
    assert mail.outbox == []


def test_the_own_reading_is_saved_and_goes_with_a_withdrawal(client, told):
    _event, submission = told
    codebook_with_themes(1)
    response = page(
        client,
        submission.withdrawal_code,
        action="own_reading",
        trust_change="lower",
        what_should_change="Listen first.",
    )
    assert response.status_code == 200
    reading = OwnReading.objects.get()
    assert reading.trust_change == "lower" and reading.what_should_change == "Listen first."
    bad = page(client, submission.withdrawal_code, action="own_reading", trust_change="nope")
    assert bad.status_code == 400
    reading.refresh_from_db()
    assert reading.trust_change == "lower"
    from testimonies import services

    services.testimony_withdraw(testimony=submission.testimony, scopes=None, actor="code")
    assert not OwnReading.objects.exists() and not FollowUp.objects.exists()
    body = page(client, submission.withdrawal_code).content.decode()
    assert "You withdrew your story" in body


def test_a_commitment_shows_its_approved_anonymous_quote_on_the_public_page(
    client, client_for, told
):
    event, submission = told
    facilitator = UserFactory(roles=[Role.FACILITATOR])
    event.facilitators.add(facilitator)
    commitment = CommitmentFactory(event=event)
    quote = quote_request_create(
        user=UserFactory(roles=[Role.RESEARCHER]),
        public_id=submission.testimony.public_id,
        start=0,
        end=19,
        purpose="public_page",
        purpose_detail="Event page",
    )
    url = f"/facilitate/events/{event.pk}/commitments/{commitment.pk}/quotes/"
    c = client_for(facilitator)
    assert c.post(url, {"quotes": [quote.pk]}).status_code == 400  # not approved yet
    QuoteRequest.objects.filter(pk=quote.pk).update(status="approved")
    assert c.post(url, {"quotes": [quote.pk]}).status_code == 302
    body = client.get(f"/events/{event.slug}/public/").content.decode()
    assert "The nurse was kind." in body


def test_a_waiting_quote_request_is_e_mailed_in_the_participants_language(
    client, told, django_capture_on_commit_callbacks
):
    _event, submission = told
    client.post(
        "/my-story/",
        {"code": submission.withdrawal_code, "action": "follow_up", "quote_requests": "on"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert FollowUp.objects.get().language == "fr"
    with django_capture_on_commit_callbacks(execute=True):
        quote_request_create(
            user=UserFactory(roles=[Role.RESEARCHER]),
            public_id=submission.testimony.public_id,
            start=0,
            end=19,
            purpose="report",
            purpose_detail="Rapport annuel",
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Une demande de citation attend votre réponse"
    assert "The nurse" not in mail.outbox[0].body  # never the story in an e-mail
