"""The German lexicon: every theme and sub-code, on our own short examples."""

import pytest

from tests.nlp.lexicon_helpers import suggested

CASES = [
    ("Der Arzt hat mir nicht zugehört und sagte, das sei alles psychisch.", "not_listened_to"),
    ("Sie hörte mir nicht zu und schaute auf den Bildschirm.", "not_listened_to"),
    ("Man hat mich nicht ernst genommen.", "not_listened_to"),
    ("Er fragte sofort, ob ich Drogen nehme, wegen meiner Herkunft.", "judged"),
    ("Das Gespräch dauerte fünf Minuten, alles in Eile.", "time_with_professional"),
    ("Am Empfang riefen sie meinen alten Namen vor allen Leuten.", "not_welcome"),
    ("Sie hat mich als Mensch gesehen und nach meinen Wünschen gefragt.", "person_centred"),
    ("Das sind unbewusste Vorurteile, struktureller Rassismus.", "unconscious_bias"),
    ("Alle Ärzte brauchen eine Pflichtfortbildung zu kultursensibler Pflege.", "education"),
    ("In den Medikamentenstudien sind Frauen unterrepräsentiert.", "research"),
    ("Wir wollen einen Patientenbeirat mit Mitsprache.", "community"),
    ("Auf sozialen Medien gab es Gerüchte, und niemand erklärte etwas.", "communication"),
    ("Es gab keinen Dolmetscher und ich habe die Fachbegriffe nicht verstanden.",
     "accessible_information"),
    ("Meine Tochter möchte Ärztin werden und sucht ein Stipendium.", "workforce"),
    ("Ich wünsche mir eine Ärztin, die meine Sprache spricht und wie ich aussieht.",
     "representation"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "code"), CASES)
def test_each_theme_and_sub_code_is_found(text, code):
    assert code in suggested("de", text)


def test_a_sub_code_brings_its_theme():
    assert {"not_listened_to", "person_centred"} <= suggested("de", "Er hat mir nicht zugehört.")


def test_a_plain_visit_suggests_nothing():
    assert suggested("de", "Am Dienstag war ich in der Praxis und fuhr mit dem Bus heim.") == set()
