"""Terms added from the codebook's definitions and criteria (issue 16, point 4) in es, de, en
and fr: calls for training, decisions taken without the people they affect, recruitment,
public-health messages and trust, stereotypes, rushed visits. Our own examples, none from the
labelled sets."""

import pytest

from tests.nlp.lexicon_helpers import suggested

CASES = [
    (
        "en",
        "Staff should be taught to listen properly: diversity training for everyone.",
        "education",
    ),
    ("en", "The council closed the clinic and nobody asked us.", "community"),
    ("en", "We need to hire more nurses from every background.", "workforce"),
    ("en", "People don't trust the vaccine because of the rumours.", "communication"),
    ("en", "She said I was overreacting and told me it was nothing.", "not_listened_to"),
    ("es", "Deberían aprender a escuchar; formación obligatoria para el personal.", "education"),
    ("es", "Cerraron el centro sin contar con nosotros, nadie nos pidió opinión.", "community"),
    (
        "es",
        "Hacen falta más enfermeras y modelos a seguir: que contraten gente del barrio.",
        "workforce",
    ),
    ("es", "Nadie me creyó, me dijo que no era nada.", "not_listened_to"),
    (
        "de",
        "Die Pflegekräfte müssen geschult werden, am besten mit Antirassismus-Inhalten.",
        "education",
    ),
    ("de", "Das wurde über unsere Köpfe hinweg entschieden, niemand hat uns gefragt.", "community"),
    (
        "de",
        "Wir brauchen mehr Ärztinnen, die Vorbilder für Jugendliche aus unserem Viertel sind.",
        "workforce",
    ),
    ("de", "Sie winkte ab und meinte, das sei Einbildung.", "not_listened_to"),
    ("fr", "Ils devraient apprendre à écouter : une formation obligatoire.", "education"),
    ("fr", "Tout a été décidé sans nous consulter, personne ne nous a demandé.", "community"),
    ("fr", "Il faudrait recruter plus de soignants qui viennent des quartiers.", "workforce"),
    ("fr", "Elle ne m'a pas crue, c'est dans votre tête, m'a-t-elle dit.", "not_listened_to"),
]


@pytest.mark.parametrize(("lang", "text", "code"), CASES)
def test_the_codebook_term_is_found(lang, text, code):
    assert code in suggested(lang, text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The letter came with a form and I filled it in at home."),
        ("es", "Me dieron la receta y una carta para el especialista."),
        ("de", "Ich bekam ein Rezept und einen Brief für den Facharzt."),
        ("fr", "J'ai reçu une ordonnance et une lettre pour le spécialiste."),
    ],
)
def test_a_document_alone_is_not_accessible_information(lang, text):
    assert "accessible_information" not in suggested(lang, text)
