"""Issue 17, points 2 and 12: the receipt in plain words first, a copy button, a printable
receipt with a QR code of the withdrawal link, and a second step before deleting everything."""

import base64
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings

from core.logging import redact_url
from core.qrcodes import qr_image
from testimonies.models import Testimony
from testimonies.receipt_pages import RECEIPT_QR_MASK
from tests.factories import UserFactory
from tests.testimonies.factories import STORY, open_event, submit

pytestmark = pytest.mark.django_db

CODE_RE = re.compile(r'id="withdrawal-code">([^<]+)<')
QR_RE = re.compile(r'<img src="data:image/svg\+xml;base64,([^"]+)"')


def _submit_online(client, **extra):
    """The participant flow through the pages: the receipt page right after submitting."""
    event = open_event()
    url = f"/t/{event.submission_token}/"
    page = client.get(url).content.decode()
    consent_text = re.search(r'name="consent_text" value="(\d+)"', page).group(1)
    story = client.post(
        url,
        {"step": "consent", "consent_text": consent_text, "scope_research": "on", **extra},
    ).content.decode()
    data = {
        "step": "story",
        "consent_text": consent_text,
        "submission_key": re.search(r'name="submission_key" value="([^"]+)"', story).group(1),
        "scopes": re.findall(r'name="scopes" value="([^"]+)"', story),
        "text": STORY,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    return response.content.decode()


def _expected_qr(code: str) -> bytes:
    link = "http://testserver/withdraw/?" + urlencode({"code": code})
    return qr_image(link, kind="svg", mask=RECEIPT_QR_MASK)[0]


def test_receipt_speaks_plainly_first_and_folds_the_technical_record(client):
    body = _submit_online(client)
    details = body.index('<details class="record-details">')
    plain = body[:details]
    assert "Thank you. Your story is saved." in plain
    assert "You said yes to:" in plain and "You said no to:" in plain
    assert "What to do with your code" in plain
    for jargon in ("SHA-256", "Jurisdiction", "JSON", "UTC", "KI-CR"):
        assert jargon not in plain.split("<main", 1)[1], jargon
    record = body[details:]
    assert "Details for your records" in record
    for technical in ("SHA-256", "Jurisdiction", "Data controller", "Time zone", "KI-CR-v1.1.0"):
        assert technical in record, technical


def test_copy_button_is_added_by_a_static_script_and_the_code_is_selectable(client):
    body = _submit_online(client)
    code = CODE_RE.search(body).group(1)
    assert re.search(r'<code class="withdrawal-code" id="withdrawal-code">', body)
    button = re.search(r"<button[^>]*data-copy-target=\"withdrawal-code\"[^>]*>", body).group(0)
    assert " hidden" in button  # without JS: no dead button, the code box is enough
    assert 'data-copied="Copied"' in button
    assert re.search(r'aria-live="polite" id="copy-status"', body)
    assert '<script src="/static/testimonies/receipt.js" defer></script>' in body
    script = (Path(settings.BASE_DIR) / "testimonies/static/testimonies/receipt.js").read_text()
    assert "navigator.clipboard" in script and "copy-status" in script
    css = (Path(settings.BASE_DIR) / "testimonies/static/testimonies/testimonies.css").read_text()
    assert "user-select: all" in css and "monospace" in css
    assert code


def test_the_receipt_carries_a_qr_code_of_the_withdrawal_link_with_the_code(client):
    body = _submit_online(client)
    code = CODE_RE.search(body).group(1)
    svg = base64.b64decode(QR_RE.search(body).group(1))
    assert svg == _expected_qr(code)  # the very link, drawn here, nothing else in it
    assert b"<script" not in svg and b"style=" not in svg


def test_the_withdrawal_link_fills_in_the_code_and_the_logs_redact_it(client):
    response = client.get("/withdraw/?code=ABCD-EFGH-JKMN")
    assert response.status_code == 200
    assert 'value="ABCD-EFGH-JKMN"' in response.content.decode()
    assert Testimony.objects.count() == 0
    line = '"GET /withdraw/?code=ABCD-EFGH-JKMN HTTP/1.1" 200'
    assert "ABCD" not in redact_url(line)


def test_printable_receipt_with_the_code_and_its_qr(client):
    code = submit(scopes=["research", "quote_anonymous"]).withdrawal_code
    assert client.get("/receipt/print/").status_code == 200
    response = client.post("/receipt/print/", {"code": code})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert CODE_RE.search(body).group(1) == code
    assert base64.b64decode(QR_RE.search(body).group(1)) == _expected_qr(code)
    assert re.search(r"<button type=\"button\" data-print hidden>Print</button>", body)
    assert "Details for your records" in body and "SHA-256" in body
    assert "You said yes to:" in body
    assert "testimonies/testimonies.css" in body
    css = (Path(settings.BASE_DIR) / "testimonies/static/testimonies/testimonies.css").read_text()
    assert "@media print" in css


def test_the_receipt_page_links_to_the_printable_one_with_the_code(client):
    body = _submit_online(client)
    code = CODE_RE.search(body).group(1)
    form = re.search(r'<form method="post" action="/receipt/print/">(.*?)</form>', body, re.S)
    assert f'name="code" value="{code}"' in form.group(1)


def test_printable_receipt_refuses_a_wrong_code_and_shows_nothing(client):
    submit()
    response = client.post("/receipt/print/", {"code": "ABCD-EFGH-JKMN-PQRS"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'withdrawal-code"' not in body and "data:image/svg" not in body
    assert client.post("/receipt/print/", {"code": ""}).status_code == 400


def test_signed_in_printable_receipt_has_no_code_and_no_qr(client_for):
    owner = UserFactory()
    story = submit(participant=owner).testimony
    url = f"/my/stories/{story.public_id}/print/"
    body = client_for(owner).get(url).content.decode()
    assert "Details for your records" in body and "How to withdraw" in body
    assert "data:image/svg" not in body and 'id="withdrawal-code"' not in body
    mine = client_for(owner).get(f"/my/stories/{story.public_id}/").content.decode()
    assert "data:image/svg" not in mine and url in mine
    assert client_for(UserFactory()).get(url).status_code == 404


def test_deleting_everything_by_code_asks_once_more_and_erases_nothing_before(client):
    code = submit(scopes=["research", "quote_anonymous"]).withdrawal_code
    first = client.post("/withdraw/", {"code": code, "step": "confirm", "what": "everything"})
    assert first.status_code == 200
    body = first.content.decode()
    assert "This deletes your story for everyone. It cannot be undone." in body
    assert 'name="erase_confirmed" value="yes"' in body
    story = Testimony.objects.get()
    assert story.status == "active" and story.text == STORY
    # "No, go back": the choice page again, nothing changed.
    back = client.post("/withdraw/", {"code": code})
    assert "What do you want to withdraw?" in back.content.decode()
    # A language switch from the confirmation page never counts as confirming.
    switch = {
        "code": code,
        "step": "confirm",
        "what": "everything",
        "erase_confirmed": "yes",
        "lang": "fr",
        "switch_language": "1",
    }
    client.post("/withdraw/", switch)
    assert Testimony.objects.get().status == "active"
    done = client.post(
        "/withdraw/",
        {"code": code, "step": "confirm", "what": "everything", "erase_confirmed": "yes"},
    )
    assert done.status_code == 200  # in French now: the switch remembered the language
    assert Testimony.objects.get().status == "withdrawn"


def test_narrowing_some_choices_needs_no_second_step(client):
    code = submit(scopes=["research", "quote_anonymous"]).withdrawal_code
    client.post(
        "/withdraw/",
        {"code": code, "step": "confirm", "what": "some", "scopes": ["quote_anonymous"]},
    )
    assert Testimony.objects.get().scopes() == ["research"]
