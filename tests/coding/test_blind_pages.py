"""Blind coding hides other coders on the agreement and disagreement pages too, until the coder
leaves blind mode (from the page itself)."""

import pytest

from accounts.roles import Role
from coding import services
from coding.views.common import BLIND_SESSION_KEY
from tests.coding.factories import CodebookFactory, CodeFactory, story
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGES = ("/coding/agreement/", "/coding/agreement/disagreements/")


@pytest.fixture
def pair():
    ana = UserFactory(roles=[Role.RESEARCHER], display_name="Ana Coder")
    ben = UserFactory(roles=[Role.RESEARCHER], display_name="Ben Coder")
    book = CodebookFactory(is_default=True)
    code = CodeFactory(codebook=book, label_en="Waiting times")
    s = story()
    services.application_create(testimony=s, code=code, coder=ana)
    services.coding_complete(testimony=s, coder=ben)
    return ana, ben, book, s


def test_pages_name_the_coders_when_not_blind(pair, client_for):
    ana, _ben, book, s = pair
    c = client_for(ana)
    for url in PAGES:
        body = c.get(f"{url}?codebook={book.pk}").content.decode()
        assert "Ben Coder" in body, url
        assert "You are coding blind" not in body


def test_blind_mode_hides_coders_and_codes_on_both_pages(pair, client_for):
    ana, _ben, book, s = pair
    c = client_for(ana)
    c.post(f"/coding/stories/{s.id}/blind/", {"blind": "on"})
    for url in PAGES:
        response = c.get(f"{url}?codebook={book.pk}")
        assert response.status_code == 200
        body = response.content.decode()
        assert "You are coding blind" in body, url
        assert "Ben Coder" not in body and "Ana Coder" not in body, url
        assert "Waiting times" not in body, url
        assert f"Story {s.id}" not in body, url
        assert 'action="/coding/blind/"' in body
    # The CSV of the figures (which names the coders) is not handed out either.
    response = c.get(f"/coding/agreement/?codebook={book.pk}&download=csv")
    assert response["Content-Type"].startswith("text/html")
    assert "Ben Coder" not in response.content.decode()


def test_leaving_blind_mode_from_the_page_shows_them_again(pair, client_for):
    ana, _ben, book, s = pair
    c = client_for(ana)
    c.post(f"/coding/stories/{s.id}/blind/", {"blind": "on"})
    url = f"/coding/agreement/disagreements/?codebook={book.pk}"
    response = c.post("/coding/blind/", {"blind": "off", "next": url})
    assert response.status_code == 302
    assert response["Location"] == url
    assert c.session[BLIND_SESSION_KEY] is False
    body = c.get(url).content.decode()
    assert "Ben Coder" in body
    assert f"Story {s.id}" in body


def test_blind_mode_url_goes_to_the_queue_and_refuses_other_sites(pair, client_for):
    ana = pair[0]
    c = client_for(ana)
    response = c.post("/coding/blind/", {"blind": "on", "next": "https://evil.example/"})
    assert response["Location"] == "/coding/"
    assert c.session[BLIND_SESSION_KEY] is True
    assert c.get("/coding/blind/").status_code == 405


def test_blind_mode_url_is_for_coders_only(client_for, participant, facilitator):
    for user in (participant, facilitator):
        response = client_for(user).post("/coding/blind/", {"blind": "on"})
        assert response.status_code == 403
