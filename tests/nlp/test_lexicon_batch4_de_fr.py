"""German and French terms of the fourth batch (issue 16, point 4): written from the codebook's
definitions and criteria for what the shipped lexicon missed in forty new development stories
(written before the lexicon was run on them). Each new term with a case the shipped lexicon (with
its least evidence per theme) must find, and near misses it must leave. Our own sentences, none
from the labelled sets."""

import pytest

from tests.nlp.lexicon_helpers import shipped_suggests

FOUND = [
    # Not looked at, not believed: concerns not heard.
    ("de", "Der Chirurg hat mich nicht einmal angeschaut.", "not_listened_to"),
    ("de", "Die Ärztin hat mich gar nicht angeschaut, nur den Bildschirm.", "not_listened_to"),
    ("de", "Die Schwester sah mich an, als würde ich lügen.", "not_listened_to"),
    ("fr", "J'ai répété pendant des semaines que j'avais mal.", "not_listened_to"),
    ("fr", "J'ai eu beau répéter que ce n'était pas normal, rien.", "not_listened_to"),
    ("fr", "Mes allergies, personne ne l'a noté.", "not_listened_to"),
    # Bias not meant, not noticed.
    ("de", "Ich glaube nicht, dass sie es böse meinen.", "unconscious_bias"),
    ("de", "Die Pfleger denken gar nicht daran, dass wir anders leben.", "unconscious_bias"),
    ("fr", "Le chirurgien ne se rend pas compte de ce qu'il dit.", "unconscious_bias"),
    ("fr", "Elle n'était pas méchante, mais elle avait ses idées.", "unconscious_bias"),
    # Assumptions about age, mental illness, drinking, who a child's mother is.
    ("de", "In Ihrem Alter braucht man keine Physiotherapie mehr, hieß es.", "judged"),
    ("de", "Wegen meiner Diagnose nimmt mich kein Zahnarzt ernst.", "judged"),
    ("de", "Welche von Ihnen ist denn die echte Mutter?", "judged"),
    ("fr", "Le pharmacien m'a dit : à votre âge, c'est normal.", "judged"),
    ("fr", "Pour l'infirmier, j'avais trop bu, point.", "judged"),
    ("fr", "Il m'a regardé des pieds à la tête avant de répondre.", "judged"),
    ("fr", "Pour eux, j'étais forcément un alcoolique.", "judged"),
    # Sent out, looked down on.
    ("de", "Mein Bruder musste draußen warten, die ganze Nacht.", "not_welcome"),
    ("de", "Als Partnerin durfte ich nicht bleiben.", "not_welcome"),
    ("fr", "L'accueil m'a regardée de haut.", "not_welcome"),
    # Time taken.
    ("de", "Die Ärztin hat sich hingesetzt und zugehört.", "time_with_professional"),
    ("de", "Das Gespräch dauerte eine Dreiviertelstunde.", "time_with_professional"),
    # Documents one cannot read, one's own language.
    ("de", "Die Klinik schickt nichts, was mein Handy vorlesen kann.", "accessible_information"),
    ("de", "Das Portal der Kasse ist nicht barrierefrei.", "accessible_information"),
    ("fr", "Le courrier était écrit en français compliqué.", "accessible_information"),
    ("fr", "Personne ne nous l'a expliqué dans notre langue.", "accessible_information"),
    # Careers: interviews, applications, recognition of diplomas, shortages.
    ("de", "Im Vorstellungsgespräch ging es nur um mein Kopftuch.", "workforce"),
    ("de", "Ich wollte Hebamme werden, aber der Platz ging an andere.", "workforce"),
    ("de", "Das Anerkennungsverfahren hat achtzehn Monate gedauert.", "workforce"),
    ("de", "Die Klinik sucht Pflegekräfte und stellt uns nicht ein.", "workforce"),
    # Communities not asked.
    ("de", "Die Stadt hat das Ambulatorium geschlossen, uns hat keiner gefragt.", "community"),
    ("de", "Es gab eine Versammlung im Rathaus über das neue Zentrum.", "community"),
    # Training asked for.
    ("fr", "Les internes pourraient apprendre à parler aux personnes âgées.", "education"),
    ("fr", "Il faudrait apprendre aux secrétaires à accueillir les familles.", "education"),
]


@pytest.mark.parametrize(("lang", "text", "code"), FOUND)
def test_the_term_finds_its_code(lang, text, code):
    assert code in shipped_suggests(lang, text)


LEFT = [
    # Looking at an X-ray is not looking at the patient.
    ("de", "Er hat sich das Röntgenbild lange angeschaut.", "not_listened_to"),
    # A child's age in passing is not an assumption about the patient.
    ("de", "Meine Tochter war damals in dem Kindergarten um die Ecke.", "judged"),
    ("fr", "Mon fils avait six ans à l'époque.", "judged"),
    # Repeating a dose is not repeating an unheard complaint.
    ("fr", "L'infirmière a répété la dose deux fois pour être sûre.", "not_listened_to"),
    # A kind nurse is not a remark that bias was unintended.
    ("fr", "L'infirmière était très gentille avec moi.", "unconscious_bias"),
    # A meeting with one's own doctor is not a job interview.
    ("de", "Das Gespräch mit dem Arzt war sehr freundlich.", "workforce"),
]


@pytest.mark.parametrize(("lang", "text", "code"), LEFT)
def test_the_near_miss_is_left(lang, text, code):
    assert code not in shipped_suggests(lang, text)
