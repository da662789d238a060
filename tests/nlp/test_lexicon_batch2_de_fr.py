"""Lexicon terms added after the second development batch (fr, de): each with a case it must
find and a near miss the shipped lexicon (with its least evidence per theme) must leave. Our own
examples, none from the labelled sets."""

import pytest

from tests.nlp.lexicon_helpers import shipped_suggests, suggested

FOUND = [
    ("fr", "Elle répétait qu'elle souffrait, personne ne l'a crue.", "not_listened_to"),
    ("fr", "L'interne a dit qu'elles en rajoutent toujours, nous autres.", "judged"),
    ("fr", "Il me parlait comme à une enfant, lentement et très fort.", "judged"),
    ("de", "Darüber muss in der Ausbildung gesprochen werden.", "education"),
    ("de", "Das muss man den Ärzten beibringen, und zwar allen.", "education"),
    (
        "de",
        "Die Fragebögen wurden mit den Communitys und ihren Selbstorganisationen entwickelt.",
        "community",
    ),
]


@pytest.mark.parametrize(("lang", "text", "code"), FOUND)
def test_the_new_term_finds_its_code(lang, text, code):
    assert code in suggested(lang, text)


LEFT = [
    # Believing something is not being believed; adding salt is not exaggerating.
    ("fr", "Je l'ai crue quand elle m'a dit que tout irait bien.", "not_listened_to"),
    ("fr", "J'en rajoute toujours un peu dans la soupe.", "judged"),
    # Teaching a child is not what professionals learn; talking of training is not enough.
    ("de", "Meiner Tochter musste ich das Radfahren beibringen.", "education"),
    # Self-organisation alone (a weak word) is not a community's say.
    ("de", "Die Selbstorganisation des Körpers ist faszinierend.", "community"),
]


@pytest.mark.parametrize(("lang", "text", "code"), LEFT)
def test_the_near_miss_is_left(lang, text, code):
    assert code not in shipped_suggests(lang, text)


def test_everyday_words_are_weak_alone_and_count_beside_other_evidence():
    # A waiting room, a secretary, a form, job posts: everyday senses besides the codes'.
    assert "time_with_professional" not in shipped_suggests(
        "fr", "J'ai lu dans la salle d'attente."
    )
    assert "not_welcome" not in shipped_suggests("fr", "La secrétaire m'a donné un rendez-vous.")
    assert "accessible_information" not in shipped_suggests("fr", "J'ai rempli le formulaire.")
    assert "workforce" not in shipped_suggests("fr", "Il y a des postes de secours en ville.")
    # Beside a term of the code they still count.
    found = shipped_suggests("fr", "Le formulaire était plein de jargon, je n'ai rien compris.")
    assert "accessible_information" in found
