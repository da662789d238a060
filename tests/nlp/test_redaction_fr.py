"""French redaction examples (fr_core_news_sm's NER and the rules)."""

import pytest

from tests.nlp.redaction_cases import redacted

CASES = [
    ("Le docteur Lefebvre m'a reçue.", "Le docteur [PERSON] m'a reçue."),
    ("Mme Diallo était là.", "Mme [PERSON] était là."),
    ("Je m'appelle Nadia Benali.", "Je m'appelle [PERSON]."),
    ("Ma fille Inès m'accompagnait.", "Ma fille [PERSON] m'accompagnait."),
    ("J'ai vu Amadou Diallo aux urgences.", "J'ai vu [PERSON] aux urgences."),
    ("Cordialement, Marie Dupont", "Cordialement, [PERSON]"),
    ("Merci de m'avoir lue.\n— Sophie", "Merci de m'avoir lue.\n— [PERSON]"),
    ("Mon portable : 06 12 34 56 78.", "Mon portable : [PHONE]."),
    ("Appelez le +33 1 42 68 53 00.", "Appelez le [PHONE]."),
    ("Écrivez à jean.dupont+soins@example.fr demain.", "Écrivez à [EMAIL] demain."),
    ("Mon NIR est 2 85 05 75 123 456 23.", "Mon NIR est [ID]."),
    ("Numéro de sécu 1 80 01 2A 123 456 20.", "Numéro de sécu [ID]."),
    ("J'habite 5 bis rue de la Paix, 75002 Paris.", "J'habite [ADDRESS]."),
    ("Au 12 avenue Jean Jaurès, 69007 Lyon.", "Au [ADDRESS]."),
    ("Mon NAS est 130 692 544.", "Mon NAS est [ID]."),
]
UNCHANGED = [
    "En mai, j'ai attendu trois heures à l'hôpital de Lyon.",
    "Je suis noire et handicapée ; le médecin ne m'a pas crue.",
    "J'ai payé 25 euros le 3 mars 2022.",
    "Merci à toute l'équipe.",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_identifiers_are_replaced(text, expected):
    assert redacted(text, "fr") == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_ordinary_words_stay(text):
    assert redacted(text, "fr") == text


# Issue 16: a Quebec address with the city, the province and the postal code.
def test_issue16_quebec_address():
    text = "Nous sommes au 1234, rue Sainte-Catherine, Montréal (Québec) H2X 1K4, au fond."
    assert redacted(text, "fr") == "Nous sommes au [ADDRESS], au fond."
