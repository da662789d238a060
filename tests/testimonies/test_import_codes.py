"""Issue 17.3: imported and on-behalf stories are withdrawable by the participant."""

import csv
import io
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from testimonies import importers
from testimonies import services as testimony_services
from testimonies.importers import import_file
from testimonies.models import Testimony
from testimonies.services.import_codes import CODES_HEADER
from testimonies.withdrawal_codes import code_parse
from tests.factories import EventFacilitatorFactory, UserFactory
from tests.testimonies.factories import open_event
from tests.testimonies.test_importers import GOOD, csv_file

pytestmark = pytest.mark.django_db

CONTACT = {
    **GOOD,
    "external_id": "s-2",
    "consent_contact": "yes",
    "contact_email": "amina@example.org",
    "contact_name": "Amina Diallo",
}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def story_for(code):
    return testimony_services.testimony_for_withdrawal_code(code=code, client_key="test-client")


def test_each_new_imported_story_gets_a_working_code(facilitator):
    event = open_event()
    report = import_file(
        event=event,
        upload=csv_file([GOOD, {**GOOD, "external_id": "", "text": "No id"}]),
        user=facilitator,
    )
    assert report.saved == 2 and len(report.codes) == 2
    first, second = report.codes
    assert (first.line, first.external_id) == (2, "s-1")
    assert second.external_id == ""
    for imported in report.codes:
        assert code_parse(imported.code).code is not None  # the new format
    assert story_for(first.code).text == "Imported story"
    assert story_for(second.code).text == "No id"


def test_reimported_rows_get_no_code_again(facilitator):
    event = open_event()
    import_file(event=event, upload=csv_file([GOOD]), user=facilitator)
    again = import_file(event=event, upload=csv_file([GOOD]), user=facilitator)
    assert again.skipped_duplicates == 1 and again.codes == []


def test_codes_are_emailed_only_with_the_contact_scope_and_an_address(facilitator):
    event = open_event()
    phone = "+33 1 23 45 67 89"
    no_address = {**GOOD, "external_id": "s-3", "consent_contact": "yes", "contact_phone": phone}
    report = import_file(
        event=event,
        upload=csv_file([GOOD, CONTACT, no_address]),
        user=facilitator,
        withdraw_url="https://entendu.example/withdraw/",
    )
    assert report.saved == 3
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    emailed = [c for c in report.codes if c.emailed]
    assert [c.external_id for c in emailed] == ["s-2"]
    assert emailed[0].code in message.body
    assert "https://entendu.example/withdraw/" in message.body
    assert event.title in message.body
    assert "Imported story" not in message.body  # never the story itself
    assert report.emailed == 1 and report.emails_failed == 0


def test_the_email_is_in_the_language_of_the_consent_text(facilitator):
    from testimonies.models import ConsentText

    if not ConsentText.objects.filter(language__iexact="fr", version=1).exists():
        pytest.skip("no French consent text in the test data")
    event = open_event()
    import_file(
        event=event,
        upload=csv_file([{**CONTACT, "consent_language": "fr"}]),
        user=facilitator,
    )
    assert len(mail.outbox) == 1
    assert "code" in mail.outbox[0].body and "Bonjour" in mail.outbox[0].body


def test_a_failing_mail_server_does_not_break_the_import(facilitator, settings):
    settings.EMAIL_BACKEND = "tests.testimonies.test_import_codes.BrokenBackend"
    event = open_event()
    report = import_file(event=event, upload=csv_file([CONTACT]), user=facilitator)
    assert report.saved == 1 and report.emailed == 0 and report.emails_failed == 1
    assert Testimony.objects.count() == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        raise OSError("down")

    def close(self):
        pass


def import_page(client, event, rows):
    return client.post(f"/facilitate/events/{event.pk}/stories/import/", {"file": csv_file(rows)})


def test_the_import_page_offers_the_codes_once(client_for, facilitator, caplog):
    event = open_event()
    EventFacilitatorFactory(event=event, user=facilitator)
    c = client_for(facilitator)
    response = import_page(c, event, [GOOD, CONTACT])
    body = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "2 stories imported." in [str(m) for m in response.context["messages"]]
    assert "1 person received their code by e-mail." in body
    url = re.search(r'href="(/facilitate/events/\d+/stories/import/codes/[^"]+)"', body).group(1)
    download = c.get(url)
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
    assert "no-store" in download["Cache-Control"]
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0] == CODES_HEADER
    assert [r[1] for r in rows[1:]] == ["s-1", "s-2"]
    assert [r[4] for r in rows[1:]] == ["no", "yes"]
    assert all(r[2] == event.slug for r in rows[1:])
    assert "Amina" not in download.content.decode()  # no names in the file
    for row in rows[1:]:
        assert story_for(row[3]).event == event
    # Once: a second download gets a message, not the codes.
    again = c.get(url)
    assert again.status_code == 302
    # Never logged.
    for row in rows[1:]:
        assert row[3] not in caplog.text


def test_one_story_is_singular(client_for, facilitator):
    event = open_event()
    EventFacilitatorFactory(event=event, user=facilitator)
    response = import_page(client_for(facilitator), event, [GOOD])
    assert "1 story imported." in [str(m) for m in response.context["messages"]]


def test_the_codes_are_not_for_another_facilitator(client_for, facilitator):
    event = open_event()
    EventFacilitatorFactory(event=event, user=facilitator)
    other = UserFactory(roles=["facilitator"])
    EventFacilitatorFactory(event=event, user=other)
    body = import_page(client_for(facilitator), event, [GOOD]).content.decode()
    url = re.search(r'href="(/facilitate/events/\d+/stories/import/codes/[^"]+)"', body).group(1)
    assert client_for(other).get(url).status_code == 302
    # ... and the owner still has it: a refused attempt does not use up the download.
    assert client_for(facilitator).get(url).status_code == 200


def test_a_stranger_event_is_a_404(client_for, facilitator):
    event = open_event()
    response = client_for(facilitator).get(
        f"/facilitate/events/{event.pk}/stories/import/codes/{'x' * 32}/"
    )
    assert response.status_code == 404


@override_settings(ENTENDU_IMPORT_CODES_MINUTES=1)
def test_the_stored_file_is_encrypted_and_expires(facilitator, settings):
    from testimonies.services import import_codes

    event = open_event()
    token = import_codes.import_codes_store(user=facilitator, event=event, content="secret-ABC")
    key = import_codes._cache_key(token)
    entry = cache.get(key)
    assert "secret-ABC" not in str(entry)
    assert import_codes.import_codes_take(user=facilitator, event=event, token="bad") is None
    assert import_codes.import_codes_take(user=facilitator, event=event, token=token) == (
        "secret-ABC"
    )
    assert import_codes.import_codes_take(user=facilitator, event=event, token=token) is None


def test_the_import_page_explains_the_codes_and_is_translated(client_for, facilitator):
    event = open_event()
    EventFacilitatorFactory(event=event, user=facilitator)
    c = client_for(facilitator)
    english = c.get(f"/facilitate/events/{event.pk}/stories/import/").content.decode()
    assert "withdrawal code" in english and "e-mail" in english
    french = c.get(
        f"/facilitate/events/{event.pk}/stories/import/", HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    for _name, help_text in importers.COLUMNS:
        with translation.override("en"):
            original = str(help_text)
        if original not in ("Optional.",):
            assert original not in french, original


def test_a_story_entered_on_behalf_shows_a_working_code(client_for, facilitator):
    event = open_event()
    EventFacilitatorFactory(event=event, user=facilitator)
    c = client_for(facilitator)
    url = f"/facilitate/events/{event.pk}/stories/new/"
    page = c.get(url).content.decode()
    data = {
        "consent_text": re.search(r'name="consent_text" value="(\d+)"', page).group(1),
        "submission_key": re.search(r'name="submission_key" value="([^"]+)"', page).group(1),
        "consent_method": "spoken",
        "scope_research": "on",
        "witnessed": "on",
        "text": "Told on paper.",
    }
    response = c.post(url, data)
    assert response.status_code == 200
    code = re.search(r'id="withdrawal-code">([^<]+)<', response.content.decode()).group(1)
    assert code_parse(code).code is not None
    assert story_for(code).text == "Told on paper."
