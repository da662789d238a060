"""The pages ``test_no_english`` reads: every participant page, and the main facilitator and
researcher pages, with data enough that their tables, lists and messages show."""

import re

from django.test import Client

from accounts.roles import Role
from analysis.models import ExportJob
from coding import services as coding_services
from coding.models import Code
from events.services import new_submission_token
from nlp.models import NlpJob
from tests.coding.factories import story as coding_story
from tests.events.factories import CommitmentFactory, SessionFactory, SessionLogFactory
from tests.factories import EventFacilitatorFactory, EventFactory, open_event, story_submit

LANGUAGES = ("pt-br", "es", "de", "ja")
# NOTE: user data in these pages is made of words that are no msgid (codes, names, places).
STORY = "Zxq wrote this story: the clinic kept them waiting for hours and nobody explained why."


def page_world(users) -> dict:
    """One event led by the facilitator, with a session, its log, a commitment, stories, a
    story coded by the researcher and an NLP job and an export job of theirs."""
    facilitator, researcher = users[Role.FACILITATOR], users[Role.RESEARCHER]
    participant = users[Role.PARTICIPANT]
    book = coding_services.codebook_default_seed()
    event = open_event(
        title="Zxq dialogue",
        slug="zxq-dialogue",
        is_public=True,
        languages=["en", "fr", "pt-BR", "es", "de", "ja"],
    )
    EventFacilitatorFactory(event=event, user=facilitator)
    session = SessionFactory(event=event, title="Zxq circle")
    SessionLogFactory(session=session)
    CommitmentFactory(event=event, description="Zxq commitment", organisation="Zxq hospital")
    closed = EventFactory(
        title="Zxq closed", slug="zxq-closed", submission_token=new_submission_token()
    )
    mine = story_submit(
        event=event, participant=participant, scopes=["research", "quote_anonymous"]
    )
    coded = coding_story(text=STORY, event=event)
    code = Code.objects.filter(codebook=book, parent__isnull=False).first()
    coding_services.application_create(testimony=coded, code=code, coder=researcher, start=0, end=3)
    coding_services.memo_create(author=researcher, title="Zxq memo", body="Zxq")
    job = NlpJob.objects.create(kind="retag", status="done", total=0)
    export = ExportJob.objects.create(user=researcher, dataset="codes", format="csv")
    return {
        "users": users,
        "event": event,
        "closed": closed,
        "session": session,
        "mine": mine.testimony,
        "coded": coded,
        "book": book,
        "code": code,
        "job": job,
        "export": export,
    }


def _client(user, language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language
    if user is not None:
        client.force_login(user)
    return client


def _get(client, url: str, label: str = "") -> tuple[str, str]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return label or url, response.content.decode()


def _post(client, url: str, data: dict, label: str, status: int = 200) -> tuple[str, str]:
    response = client.post(url, data)
    assert response.status_code == status, (label, response.status_code, _errors(response))
    return label, response.content.decode()


def _errors(response) -> list[str]:
    return re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)', response.content.decode())


def participant_flow(client, world) -> list[tuple[str, str]]:
    """Link → consent (refused, then given) → story (with errors, then sent) → receipt →
    withdrawal (code, choice, done); then a closed link."""
    event = world["event"]
    link = f"/t/{event.submission_token}/"
    pages = [_get(client, link, "consent")]
    consent_text = pages[0][1].split('name="consent_text" value="')[1].split('"')[0]
    base = {"step": "consent", "consent_text": consent_text}
    pages.append(_post(client, link, base, "consent refused", 400))
    scopes = ["research", "quote_named", "gender", "contact"]
    given = {**base, **{f"scope_{s}": "on" for s in scopes}}
    pages.append(_post(client, link, given, "story"))
    key = pages[-1][1].split('name="submission_key" value="')[1].split('"')[0]
    story = {"step": "story", "consent_text": consent_text, "scopes": scopes, "submission_key": key}
    bad = {**story, "text": "", "contact_email": "not-an-email"}
    pages.append(_post(client, link, bad, "story with errors", 400))
    sent = {**story, "text": STORY, "first_name": "Zxq", "contact_email": "z@example.org"}
    receipt = _post(client, link, sent, "receipt")
    pages.append(receipt)
    code = receipt[1].split('id="withdrawal-code"')[1].split(">")[1].split("<")[0].strip()
    pages.append(_get(client, "/withdraw/", "withdrawal code form"))
    pages.append(
        _post(client, "/withdraw/", {"code": "wrong-code-0000"}, "withdrawal wrong code", 400)
    )
    pages.append(_post(client, "/withdraw/", {"code": code}, "withdrawal choice"))
    pages.append(_get(client, "/receipt/print/", "printable receipt code form"))
    pages.append(_post(client, "/receipt/print/", {"code": code}, "printable receipt"))
    erase = {"code": code, "step": "confirm", "what": "everything"}
    pages.append(_post(client, "/withdraw/", erase, "withdrawal erase confirmation"))
    done = {"code": code, "step": "confirm", "what": "everything", "erase_confirmed": "yes"}
    pages.append(_post(client, "/withdraw/", done, "withdrawal done"))
    pages.append(_post(client, "/withdraw/", {"code": code}, "withdrawal already done"))
    closed = _get_status(client, f"/t/{world['closed'].submission_token}/", 404, "link closed")
    return [*pages, closed, _get_status(client, "/t/no-such-link/", 404, "no such link")]


def _get_status(client, url: str, status: int, label: str) -> tuple[str, str]:
    response = client.get(url)
    assert response.status_code == status, (label, response.status_code)
    return label, response.content.decode()


def participant_pages(world) -> list[str]:
    story = world["mine"].public_id
    return [
        "/",
        "/dashboard/",
        "/my/stories/",
        f"/my/stories/{story}/",
        f"/my/stories/{story}/withdraw/",
        f"/events/{world['event'].slug}/public/",
        "/consent/en/v1/",
    ]


def facilitator_pages(world) -> list[str]:
    event, session = world["event"], world["session"]
    return [
        "/dashboard/",
        "/events/",
        "/events/new/",
        "/events/import/",
        f"/events/{event.slug}/",
        f"/events/{event.slug}/edit/",
        f"/events/{event.slug}/facilitators/",
        f"/events/{event.slug}/sessions/new/",
        f"/events/{event.slug}/sessions/{session.pk}/edit/",
        f"/events/{event.slug}/sessions/{session.pk}/log/",
        f"/events/{event.slug}/commitments/",
        f"/events/{event.slug}/commitments/new/",
        f"/events/{event.slug}/link/",
        "/facilitate/stories/",
        f"/facilitate/events/{event.pk}/stories/",
        f"/facilitate/events/{event.pk}/stories/new/",
        f"/facilitate/events/{event.pk}/stories/import/",
        "/account/api-token/",
    ]


def researcher_pages(world) -> list[str]:
    coded, book = world["coded"], world["book"]
    return [
        "/dashboard/",
        "/coding/",
        f"/coding/stories/{coded.pk}/",
        "/coding/codebooks/",
        f"/coding/codebooks/{book.slug}/",
        f"/coding/codes/{world['code'].pk}/",
        f"/coding/codebooks/{book.slug}/versions/",
        "/coding/memos/",
        "/coding/agreement/",
        "/coding/agreement/disagreements/",
        "/research/stories/",
        f"/research/stories/{coded.public_id}/",
        "/analysis/",
        "/analysis/?by=event",
        "/analysis/time/",
        "/analysis/cooccurrence/",
        "/analysis/trust/",
        "/analysis/search/?q=clinic",
        "/analysis/quotes/",
        "/analysis/exports/",
        f"/analysis/exports/{world['export'].pk}/",
        "/nlp/",
        f"/nlp/jobs/{world['job'].pk}/",
        "/nlp/lexicons/",
        "/nlp/classifier/",
    ]


def admin_pages(world) -> list[str]:
    """The people pages (issue 17.1): the list, an invitation, a researcher and a facilitator."""
    users = world["users"]
    researcher, facilitator = users[Role.RESEARCHER], users[Role.FACILITATOR]
    return [
        "/manage/people/",
        "/manage/people/?q=zzz-nobody",
        "/manage/people/invite/",
        f"/manage/people/{researcher.pk}/",
        f"/manage/people/{facilitator.pk}/",
        f"/manage/people/{users[Role.ADMIN].pk}/",
        f"/manage/people/{facilitator.pk}/events/",
    ]


def rendered_pages(language: str, world) -> list[tuple[str, str]]:
    """(label, HTML) of every page, rendered in ``language``."""
    users = world["users"]
    pages = participant_flow(_client(None, language), world)
    pages.append(_get(_client(None, language), "/accounts/login/", "sign in"))
    for role, urls in (
        (Role.PARTICIPANT, participant_pages(world)),
        (Role.FACILITATOR, facilitator_pages(world)),
        (Role.RESEARCHER, researcher_pages(world)),
        (Role.ADMIN, admin_pages(world)),
    ):
        client = _client(users[role], language)
        pages += [_get(client, url, f"{role} {url}") for url in urls]
    return pages
