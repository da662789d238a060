import re

import pytest
from django.contrib.auth.models import Permission

from accounts.roles import Role
from core.models import OutboxMessage
from testimonies.models import OriginalTextAccess, Testimony
from tests.factories import EventFacilitatorFactory, UserFactory
from tests.testimonies.factories import STORY, open_event, submit

pytestmark = pytest.mark.django_db

ANON, P, F, R, A = "anonymous", Role.PARTICIPANT, Role.FACILITATOR, Role.RESEARCHER, Role.ADMIN
ROLES = (ANON, P, F, R, A)


@pytest.fixture
def world(role_users):
    """An open event facilitated by the facilitator fixture, with a story by the participant."""
    event = open_event()
    EventFacilitatorFactory(event=event, user=role_users[F])
    story = submit(event, participant=role_users[P]).testimony
    entered = submit(
        event,
        channel="facilitator",
        consent_method="paper",
        entered_by=role_users[F],
        text="Entered on paper.",
    ).testimony
    return {"event": event, "story": story, "entered": entered}


def matrix(world):
    event, story, entered = world["event"], world["story"], world["entered"]
    sid, eid = story.public_id, event.pk
    return {
        f"/t/{event.submission_token}/": (200, 200, 200, 200, 200),
        "/t/not-a-real-token-at-all-000000/": (404, 404, 404, 404, 404),
        "/withdraw/": (200, 200, 200, 200, 200),
        "/receipt/print/": (200, 200, 200, 200, 200),
        "/consent/en/v1/": (200, 200, 200, 200, 200),
        "/my/stories/": (302, 200, 200, 200, 200),
        f"/my/stories/{sid}/": (302, 200, 404, 404, 404),
        f"/my/stories/{sid}/receipt.json": (302, 200, 404, 404, 404),
        f"/my/stories/{sid}/withdraw/": (302, 200, 404, 404, 404),
        f"/my/stories/{sid}/print/": (302, 200, 404, 404, 404),
        "/my/data.json": (302, 200, 200, 200, 200),
        "/research/stories/": (302, 403, 403, 200, 200),
        f"/research/stories/{sid}/": (302, 403, 403, 200, 200),
        f"/stories/{sid}/original/": (302, 403, 404, 404, 404),
        f"/stories/{entered.public_id}/original/": (302, 403, 200, 404, 404),
        "/facilitate/stories/": (302, 403, 200, 403, 200),
        "/facilitate/stories/import-template.csv": (302, 403, 200, 403, 200),
        f"/facilitate/events/{eid}/stories/": (302, 403, 200, 403, 200),
        f"/facilitate/events/{eid}/stories/new/": (302, 403, 200, 403, 200),
        f"/facilitate/events/{eid}/stories/import/": (302, 403, 200, 403, 200),
        f"/facilitate/events/{eid}/stories/import/codes/{'x' * 32}/": (302, 403, 302, 403, 302),
        "/manage/consent-texts/": (302, 403, 403, 403, 200),
        f"/manage/consent-texts/{story.consent_text_id}/": (302, 403, 403, 403, 200),
        "/manage/original-text-log/": (302, 403, 403, 403, 200),
    }


def test_every_role_on_every_page(world, role_users, client_for):
    for url, expected in matrix(world).items():
        for index, role in enumerate(ROLES):
            response = client_for(role_users[role]).get(url)
            assert response.status_code == expected[index], (url, role, response.status_code)


def test_another_facilitators_event_is_a_404(world, client_for):
    other = UserFactory(roles=[Role.FACILITATOR])
    c = client_for(other)
    for suffix in ("", "new/", "import/"):
        assert c.get(f"/facilitate/events/{world['event'].pk}/stories/{suffix}").status_code == 404


# --- the participant flow ----------------------------------------------------------------------


def _start(client, event, **scopes):
    url = f"/t/{event.submission_token}/"
    page = client.get(url)
    consent_text = re.search(rb'name="consent_text" value="(\d+)"', page.content).group(1)
    data = {"step": "consent", "consent_text": consent_text.decode()}
    data.update({f"scope_{k}": "on" for k, v in scopes.items() if v})
    return url, page, client.post(url, data)


def _story_data(response, **extra):
    body = response.content.decode()
    data = {
        "step": "story",
        "consent_text": re.search(r'name="consent_text" value="(\d+)"', body).group(1),
        "submission_key": re.search(r'name="submission_key" value="([^"]+)"', body).group(1),
        "scopes": re.findall(r'name="scopes" value="([^"]+)"', body),
        "text": STORY,
    }
    data.update(extra)
    return data


def test_consent_page_shows_the_text_and_nothing_is_ticked(client):
    event = open_event()
    page = client.get(f"/t/{event.submission_token}/").content.decode()
    assert "Sharing your story with Entendu" in page
    assert "checked" not in page
    for scope in ("research", "quote_anonymous", "gender", "lgbtq", "contact"):
        assert f'name="scope_{scope}"' in page


def test_consent_page_is_in_french(client):
    event = open_event()
    page = client.get(f"/t/{event.submission_token}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Partager votre histoire avec Entendu" in page
    assert 'lang="fr"' in page


def test_without_research_consent_the_story_step_is_not_reached(client):
    event = open_event()
    _url, _page, response = _start(client, event, quote_anonymous=True)
    assert response.status_code == 400
    assert "To send a story, tick this box" in response.content.decode()
    assert 'name="text"' not in response.content.decode()


def test_story_step_shows_only_the_fields_the_scopes_allow(client):
    event = open_event()
    _url, _page, response = _start(client, event, research=True, gender=True)
    body = response.content.decode()
    assert 'name="gender"' in body
    assert 'name="lgbtq"' not in body
    assert 'name="contact_email"' not in body


def test_full_participant_flow_and_double_post(client, django_capture_on_commit_callbacks):
    event = open_event()
    url, _page, response = _start(client, event, research=True, contact=True)
    data = _story_data(response, contact_email="me@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data)
    assert first.status_code == 200
    assert "no-store" in first["Cache-Control"]
    body = first.content.decode()
    code = re.search(r'id="withdrawal-code">([^<]+)<', body).group(1)
    assert "Receipt number" in body and "SHA-256" in body
    second = client.post(url, data)
    assert code in second.content.decode()
    assert Testimony.objects.count() == 1
    t = Testimony.objects.get()
    assert t.processed_at is not None
    from testimonies.hooks import submission_tasks

    assert OutboxMessage.objects.filter(status="sent").count() == len(submission_tasks())


def test_a_value_without_its_scope_is_refused_on_the_form(client):
    event = open_event()
    url, _page, response = _start(client, event, research=True)
    response = client.post(url, _story_data(response, lgbtq="yes", contact_email="a@b.org"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "did not agree to share it" in body
    assert "did not agree to be contacted" in body
    assert Testimony.objects.count() == 0


def test_invalid_utf8_in_the_form_is_refused(client):
    event = open_event()
    url, _page, response = _start(client, event, research=True)
    data = _story_data(response)
    from urllib.parse import urlencode

    data.pop("scopes")
    data.pop("text")
    raw = urlencode(data) + "&text=%ED%A0%80broken&scopes=research"
    response = client.post(url, raw, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "not valid Unicode" in response.content.decode()
    assert Testimony.objects.count() == 0


def test_a_forged_consent_text_id_is_refused_not_a_crash(client):
    event = open_event()
    url, _page, response = _start(client, event, research=True)
    response = client.post(url, _story_data(response, consent_text="1 OR 1=1"))
    assert response.status_code == 400
    assert Testimony.objects.count() == 0


def test_html_in_a_story_is_inert_everywhere(world, role_users, client_for):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    t = submit(world["event"], text=evil, title=evil, participant=role_users[P]).testimony
    grant = Permission.objects.get(codename="view_original_text")
    role_users[R].user_permissions.add(grant)
    pages = [
        (role_users[R], "/research/stories/"),
        (role_users[R], f"/research/stories/{t.public_id}/"),
        (UserFactory(roles=[Role.RESEARCHER]), "/research/stories/"),
        (role_users[P], f"/my/stories/{t.public_id}/"),
    ]
    researcher = UserFactory(roles=[Role.RESEARCHER])
    researcher.user_permissions.add(grant)
    pages.append((researcher, f"/stories/{t.public_id}/original/"))
    for user, url in pages:
        body = client_for(user).get(url).content.decode()
        assert "<script>alert" not in body, url
        assert "<img src=x" not in body, url
    body = client_for(researcher).get(f"/stories/{t.public_id}/original/").content.decode()
    assert "&lt;script&gt;" in body


def test_withdraw_by_code_some_then_everything(client):
    submission = submit(scopes=["research", "quote_anonymous"])
    code = submission.withdrawal_code
    found = client.post("/withdraw/", {"code": code})
    assert found.status_code == 200
    assert "What do you want to withdraw?" in found.content.decode()
    narrowed = client.post(
        "/withdraw/",
        {"code": code, "step": "confirm", "what": "some", "scopes": ["quote_anonymous"]},
    )
    assert narrowed.status_code == 200
    t = Testimony.objects.get()
    assert t.scopes() == ["research"]
    asked = client.post("/withdraw/", {"code": code, "step": "confirm", "what": "everything"})
    assert "It cannot be undone." in asked.content.decode()
    assert Testimony.objects.get().status == "active"
    confirmed = {"code": code, "step": "confirm", "what": "everything", "erase_confirmed": "yes"}
    done = client.post("/withdraw/", confirmed)
    assert "Your story is deleted" in done.content.decode()
    t.refresh_from_db()
    assert t.status == "withdrawn"
    again = client.post("/withdraw/", {"code": code})
    assert "already withdrawn" in again.content.decode()


def test_wrong_codes_are_rate_limited_on_the_page(client):
    for _ in range(10):
        assert client.post("/withdraw/", {"code": "w" * 32}).status_code == 400
    assert client.post("/withdraw/", {"code": "w" * 32}).status_code == 429


def test_signed_in_participant_sees_receipts_and_withdraws(world, role_users, client_for):
    c = client_for(role_users[P])
    listing = c.get("/my/stories/").content.decode()
    assert f"/my/stories/{world['story'].public_id}/" in listing
    receipt = c.get(f"/my/stories/{world['story'].public_id}/receipt.json").json()
    assert receipt["version"] == "KI-CR-v1.1.0"
    assert receipt["consentReceiptID"] == str(world["story"].public_id)
    url = f"/my/stories/{world['story'].public_id}/withdraw/"
    asked = c.post(url, {"what": "everything"})
    assert "It cannot be undone." in asked.content.decode()
    world["story"].refresh_from_db()
    assert world["story"].status == "active"
    response = c.post(url, {"what": "everything", "erase_confirmed": "yes"})
    assert response.status_code == 200
    world["story"].refresh_from_db()
    assert world["story"].status == "withdrawn"


def test_participant_data_export_holds_their_stories_only(world, role_users, client_for):
    submit(world["event"], text="Someone else's story")
    response = client_for(role_users[P]).get("/my/data.json")
    import json

    data = json.loads(b"".join(response.streaming_content))
    assert data["account"]["email"] == role_users[P].email
    assert [s["story"]["text"] for s in data["stories"]] == [STORY]
    assert data["stories"][0]["consentHistory"][0]["kind"] == "given"


def test_researcher_sees_redacted_text_only(world, role_users, client_for):
    t = submit(world["event"], text="Write to ana@example.org or 06 12 34 56 78").testimony
    c = client_for(role_users[R])
    body = c.get(f"/research/stories/{t.public_id}/").content.decode()
    assert "[EMAIL]" in body and "[PHONE]" in body
    assert "ana@example.org" not in body
    assert "Read the original text" not in body
    assert c.get(f"/stories/{t.public_id}/original/").status_code == 404
    assert not OriginalTextAccess.objects.exists()


def test_original_text_with_the_grant_is_logged(world, role_users, client_for):
    researcher = role_users[R]
    researcher.user_permissions.add(Permission.objects.get(codename="view_original_text"))
    t = world["story"]
    body = client_for(researcher).get(f"/stories/{t.public_id}/original/").content.decode()
    assert STORY in body
    access = OriginalTextAccess.objects.get()
    assert (access.user, access.testimony) == (researcher, t)


def test_withdrawn_story_is_gone_from_researcher_pages(world, role_users, client_for):
    from testimonies.services import testimony_withdraw

    t = world["story"]
    c = client_for(role_users[R])
    assert f"/research/stories/{t.public_id}/" in c.get("/research/stories/").content.decode()
    testimony_withdraw(testimony=t, actor="code")
    assert f"/research/stories/{t.public_id}/" not in c.get("/research/stories/").content.decode()
    assert c.get(f"/research/stories/{t.public_id}/").status_code == 404


def test_facilitator_sees_counts_not_texts_except_their_own(world, role_users, client_for):
    c = client_for(role_users[F])
    body = c.get(f"/facilitate/events/{world['event'].pk}/stories/").content.decode()
    assert STORY not in body
    assert "Entered on paper." not in body  # read on its own page, logged
    assert f"/stories/{world['entered'].public_id}/original/" in body
    own = c.get(f"/stories/{world['entered'].public_id}/original/").content.decode()
    assert "Entered on paper." in own
    assert c.get(f"/stories/{world['story'].public_id}/original/").status_code == 404


def test_facilitator_enters_a_story_with_paper_consent(world, role_users, client_for):
    c = client_for(role_users[F])
    url = f"/facilitate/events/{world['event'].pk}/stories/new/"
    page = c.get(url).content.decode()
    data = {
        "consent_text": re.search(r'name="consent_text" value="(\d+)"', page).group(1),
        "submission_key": re.search(r'name="submission_key" value="([^"]+)"', page).group(1),
        "consent_method": "spoken",
        "scope_research": "on",
        "witnessed": "on",
        "text": "Told at the dialogue.",
    }
    response = c.post(url, data)
    assert response.status_code == 200, response.content.decode()
    t = Testimony.objects.get(text="Told at the dialogue.")
    assert (t.channel, t.consent_method, t.entered_by) == ("facilitator", "spoken", role_users[F])
    assert "withdrawal-code" in response.content.decode()


def test_research_list_query_count_does_not_grow(
    world, role_users, client_for, django_assert_max_num_queries
):
    for _ in range(30):
        submit(world["event"])
    c = client_for(role_users[R])
    with django_assert_max_num_queries(12):
        assert c.get("/research/stories/").status_code == 200


def test_facilitator_overview_query_count_does_not_grow_with_events(
    world, role_users, client_for, django_assert_max_num_queries
):
    for _ in range(20):
        event = open_event()
        EventFacilitatorFactory(event=event, user=role_users[F])
        submit(event)
    c = client_for(role_users[F])
    with django_assert_max_num_queries(10):
        body = c.get("/facilitate/stories/").content.decode()
    assert body.count("/facilitate/events/") == 21


def test_facilitator_overview_query_count(
    world, role_users, client_for, django_assert_max_num_queries
):
    c = client_for(role_users[F])
    with django_assert_max_num_queries(15):
        assert c.get("/facilitate/stories/").status_code == 200


# --- administrators ------------------------------------------------------------------------------


def test_admin_publishes_a_new_version_and_participants_get_it(client_for, admin_user, client):
    from testimonies.models import ConsentText

    c = client_for(admin_user)
    before = ConsentText.objects.filter(language="en").order_by("-version").first().version
    response = c.post(
        "/manage/consent-texts/",
        {"language": "en", "title": "Sharing, v2", "body": "New wording."},
    )
    assert response.status_code == 302
    text = ConsentText.objects.get(language="en", version=before + 1)
    assert text.created_by == admin_user
    event = open_event()
    assert "New wording." in client.get(f"/t/{event.submission_token}/").content.decode()


def test_a_used_version_cannot_be_edited_from_the_admin_page(world, client_for, admin_user):
    text = world["story"].consent_text
    before = (text.title, text.body, text.sha256)
    c = client_for(admin_user)
    page = c.get(f"/manage/consent-texts/{text.pk}/").content.decode()
    assert "read-only" in page
    response = c.post(
        f"/manage/consent-texts/{text.pk}/",
        {"language": "en", "title": "Changed", "body": "Changed"},
    )
    assert response.status_code == 409
    text.refresh_from_db()
    assert (text.title, text.body, text.sha256) == before


def test_an_unused_version_can_be_corrected(client_for, admin_user):
    from testimonies.models import ConsentText
    from testimonies.services import consent_text_create

    text = consent_text_create(language="de", title="Titel", body="Tippfeler", user=admin_user)
    response = client_for(admin_user).post(
        f"/manage/consent-texts/{text.pk}/",
        {"language": "de", "title": "Titel", "body": "Tippfehler"},
    )
    assert response.status_code == 302
    assert ConsentText.objects.get(pk=text.pk).body == "Tippfehler"


def test_the_audit_page_lists_reads_without_text(world, role_users, client_for, admin_user):
    researcher = role_users[R]
    researcher.user_permissions.add(Permission.objects.get(codename="view_original_text"))
    client_for(researcher).get(f"/stories/{world['story'].public_id}/original/")
    body = client_for(admin_user).get("/manage/original-text-log/").content.decode()
    assert researcher.email in body
    assert str(world["story"].public_id) in body
    assert STORY not in body


def test_nav_links_follow_roles(role_users, client_for):
    researcher_nav = client_for(role_users[R]).get("/dashboard/").content.decode()
    assert 'href="/research/stories/"' in researcher_nav
    assert 'href="/facilitate/stories/"' not in researcher_nav
    participant_nav = client_for(role_users[P]).get("/dashboard/").content.decode()
    assert 'href="/my/stories/"' in participant_nav
    assert 'href="/research/stories/"' not in participant_nav


def test_admin_grants_and_revokes_the_original_text_grant(world, role_users, client_for):
    from accounts.models import User

    admin = client_for(role_users[A])
    researcher = role_users[R]
    url = f"/stories/{world['story'].public_id}/original/"
    assert client_for(researcher).get(url).status_code == 404
    response = admin.post(
        "/manage/original-text-log/", {"action": "grant", "email": researcher.email}
    )
    assert response.status_code == 302
    assert client_for(User.objects.get(pk=researcher.pk)).get(url).status_code == 200
    assert OriginalTextAccess.objects.filter(user=researcher).count() == 1
    admin.post("/manage/original-text-log/", {"action": "revoke", "user": researcher.pk})
    assert client_for(User.objects.get(pk=researcher.pk)).get(url).status_code == 404


def test_the_grant_is_for_researchers_only(role_users, client_for):
    admin = client_for(role_users[A])
    response = admin.post(
        "/manage/original-text-log/", {"action": "grant", "email": role_users[P].email}
    )
    assert response.status_code == 400
    assert "Only researchers" in response.content.decode()
    assert not role_users[P].user_permissions.exists()


def test_only_what_can_be_narrowed_is_offered(client):
    code = submit(scopes=["research"]).withdrawal_code
    body = client.post("/withdraw/", {"code": code}).content.decode()
    assert 'value="everything"' in body
    assert 'value="some"' not in body


def test_if_the_event_closes_while_writing_the_words_are_given_back(client):
    from events.models import Event

    event = open_event()
    url, _page, response = _start(client, event, research=True)
    data = _story_data(response, text="Words I do not want to lose <b>x</b>")
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CLOSED)
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 404
    assert "Words I do not want to lose &lt;b&gt;x&lt;/b&gt;" in body
    assert Testimony.objects.count() == 0


def test_story_text_carries_its_own_language(client_for, role_users):
    """A story in French on an English page is marked lang="fr", for screen readers and fonts."""
    event = open_event()
    EventFacilitatorFactory(event=event, user=role_users[F])
    story = submit(
        event,
        channel="facilitator",
        consent_method="paper",
        entered_by=role_users[F],
        text="Le médecin ne m'a pas écoutée.",
        declared_language="fr",
        detected_language="fr",
    ).testimony
    researcher_page = client_for(role_users[R]).get(f"/research/stories/{story.public_id}/")
    assert 'class="story-text" lang="fr"' in researcher_page.content.decode()
    listing = client_for(role_users[R]).get("/research/stories/").content.decode()
    assert 'lang="fr">Le médecin' in listing
    original = client_for(role_users[F]).get(f"/stories/{story.public_id}/original/")
    assert 'class="story-text" lang="fr"' in original.content.decode()
