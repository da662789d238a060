"""The French lexicon: every theme and sub-code, on our own short examples."""

import pytest

from tests.nlp.lexicon_helpers import suggested

CASES = [
    ("Le médecin ne m'écoutait pas et m'a dit que c'était psychologique.", "not_listened_to"),
    ("Personne ne m'a crue, il regardait son écran.", "not_listened_to"),
    ("Il m'a demandé si j'avais bu, à cause de mon accent.", "judged"),
    ("Dix minutes montre en main, il était pressé.", "time_with_professional"),
    ("À l'accueil, on m'a mégenrée devant tout le monde.", "not_welcome"),
    ("Elle m'a traitée comme une personne et a tenu compte de mes choix.", "person_centred"),
    ("Sans s'en rendre compte, ils ont des préjugés.", "unconscious_bias"),
    ("Il faut une formation continue à l'écoute active.", "education"),
    ("Les essais cliniques oublient les femmes âgées.", "research"),
    ("Notre association veut un siège au conseil de surveillance.", "community"),
    ("Les rumeurs sur les réseaux sociaux ont fait peur à tout le monde.", "communication"),
    ("Pas d'interprète, et je n'ai rien compris aux termes médicaux.", "accessible_information"),
    ("Ma fille veut devenir infirmière mais le concours est dur.", "workforce"),
    ("Je n'ai jamais vu de soignante qui me ressemble ou parle ma langue.", "representation"),
]


@pytest.mark.parametrize(("text", "code"), CASES)
def test_each_theme_and_sub_code_is_found(text, code):
    assert code in suggested("fr", text)


def test_a_sub_code_brings_its_theme():
    assert {"not_listened_to", "person_centred"} <= suggested("fr", "Il ne m'a pas écoutée.")


def test_a_plain_visit_suggests_nothing():
    assert suggested("fr", "Mardi, je suis allée au cabinet puis je suis rentrée en bus.") == set()
