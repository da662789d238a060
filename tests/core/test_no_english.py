"""No English interface string in the pages people read in Brazilian Portuguese, Spanish,
German and Japanese: every participant page, the main facilitator and researcher pages.

An English string is a msgid of our catalogues (``tests/core/english_leaks.py`` says which);
the test names each one it finds and the page it is on.
"""

import re

import pytest

from accounts.roles import Role
from tests.core.english_leaks import (
    catalogue_for,
    catalogue_from_entries,
    english_leaks,
    visible_texts,
)
from tests.core.english_pages import LANGUAGES, page_world, rendered_pages

pytestmark = pytest.mark.django_db


# The extractor -------------------------------------------------------------------------------

SAMPLE = catalogue_from_entries(
    [
        ("Send my story", {"Enviar minha história"}),
        ("Your withdrawal code", {"Seu código de retirada"}),
        ("%(count)s stories waiting", {"%(count)s histórias aguardando"}),
        ("Entendu", {"Entendu"}),
        ("Read the <a href='%(url)s'>consent</a>", {"Leia o consentimento"}),
        ("Age", {"Idade"}),
        ("Close this window", {"Fechar esta janela"}),
        ("Skip to content", {"Ir para o conteúdo"}),
        ("Download the receipt", {"Baixar o recibo"}),
    ]
)


def test_a_translated_page_has_no_leak():
    html = '<html lang="pt-br"><body><button>Enviar minha história</button></body></html>'
    assert english_leaks(html, SAMPLE) == []


def test_a_text_node_in_english_is_a_leak():
    html = "<main><h1>Olá</h1><p>\n  Send   my story\n</p></main>"
    assert english_leaks(html, SAMPLE) == [("Send my story", "Send my story")]


def test_punctuation_around_the_string_does_not_hide_it():
    html = "<label>Your withdrawal code:</label><a>→ Download the receipt</a>"
    assert [msgid for _, msgid in english_leaks(html, SAMPLE)] == [
        "Your withdrawal code",
        "Download the receipt",
    ]


def test_read_aloud_attributes_and_button_values_count():
    html = (
        '<button aria-label="Close this window">×</button>'
        '<input type="search" placeholder="Send my story">'
        '<img alt="Download the receipt" src="r.png">'
        '<input type="submit" value="Skip to content">'
        '<input type="hidden" name="x" value="Close this window">'
    )
    assert [msgid for _, msgid in english_leaks(html, SAMPLE)] == [
        "Close this window",
        "Send my story",
        "Download the receipt",
        "Skip to content",
    ]


def test_a_string_with_a_placeholder_is_found_with_its_value():
    assert english_leaks("<p>12 stories waiting</p>", SAMPLE) == [
        ("12 stories waiting", "%(count)s stories waiting")
    ]


def test_scripts_styles_data_and_names_do_not_count():
    html = (
        "<script>const s = 'Send my story';</script><style>/* Send my story */</style>"
        "<p>Entendu</p><p>Age</p><blockquote>I wanted to Send my story to them</blockquote>"
        "<textarea>Send my story, please</textarea>"
    )
    assert english_leaks(html, SAMPLE) == []


def test_visible_texts_keep_document_order():
    assert visible_texts('<p title="one">two<b>three</b></p>') == ["one", "two", "three"]


def test_the_real_catalogue_holds_interface_strings_but_not_brand_names():
    catalogue = catalogue_for("ja")
    assert catalogue.match("Send my story") == "Send my story"
    assert catalogue.match("Entendu") is None
    assert len(catalogue.exact) > 500


# The pages -----------------------------------------------------------------------------------


@pytest.fixture
def world(role_users):
    return page_world(role_users)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_interface_string_on_the_pages(language, world):
    catalogue = catalogue_for(language.replace("-br", "_BR"))
    found = []
    pages = rendered_pages(language, world)
    for label, html in pages:
        lang = re.search(r'<html[^>]*\blang="([^"]+)"', html)
        assert lang and lang.group(1).lower() == language, f"{label}: <html lang> is {lang}"
        found += [
            f"{label}: {text!r} (msgid {msgid!r})" for text, msgid in english_leaks(html, catalogue)
        ]
    assert len(pages) > 40
    assert found == [], f"{len(found)} English strings in {language}:\n" + "\n".join(found)


def test_the_page_list_covers_every_role(world):
    assert {Role.PARTICIPANT, Role.FACILITATOR, Role.RESEARCHER} <= set(world["users"])
