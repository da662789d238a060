"""Django's JavaScript catalogue: served per interface language, holding the scripts' strings."""

import json
import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

# One string from each app's scripts, and how each language says it.
SELECT_FIRST = "Select a passage in the story first, or apply the code to the whole story."
EXPECTED = {
    "fr": ("Sélectionnez d’abord un passage", "%(percent)s\u00a0%"),
    "pt-br": ("Primeiro selecione", "%(percent)s%"),
    "es": ("Primero seleccione", "%(percent)s\u00a0%"),
    "de": ("Markieren Sie zuerst", "%(percent)s\u00a0%"),
    "ja": ("先に", "%(percent)s%"),
}


def _catalogue(client, code):
    response = client.get(f"/jsi18n/{code}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    body = response.content.decode("utf-8")
    assert "django.gettext = function" in body and "django.interpolate" in body
    found = re.search(r"const newcatalog = (\{.*?\n  \});", body, re.S)
    return response, json.loads(found.group(1)) if found else {}


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_the_catalogue_speaks_the_language_its_url_names(client, code):
    response, catalogue = _catalogue(client, code)
    assert response["Content-Language"] == code
    phrase, percent = EXPECTED[code]
    assert catalogue[SELECT_FIRST].startswith(phrase)
    assert catalogue["%(percent)s%"] == percent
    assert "%(start)s" in catalogue["Selected characters %(start)s to %(end)s: “%(text)s”"]


def test_english_is_the_source_and_has_no_catalogue_entries(client):
    _response, catalogue = _catalogue(client, "en")
    assert SELECT_FIRST not in catalogue


def test_every_page_loads_the_catalogue_of_its_own_language_before_its_scripts(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts[0] == "/jsi18n/de/"
    assert all(settings.STATIC_URL in s for s in scripts[1:])


def test_an_unknown_language_is_a_404(client):
    assert client.get("/jsi18n/xx/").status_code == 404
