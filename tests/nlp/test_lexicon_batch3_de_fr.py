"""German and French terms of the third batch (issue 16, point 4): written from the codebook's
definitions and criteria of the sub-codes whose development recall was lowest (unintended bias
and calls for bias training, stereotyped assumptions, workforce and carers who share one's
background, not being heard) and of person-centred care; French terms narrowed to the sense the
codebook means. Each new term with a case the shipped lexicon (with its least evidence per theme)
must find, and each narrowed term with the everyday use it must now leave. Our own sentences,
none from the labelled sets."""

import pytest

from tests.nlp.lexicon_helpers import shipped_suggests

FOUND = [
    # Unequal treatment described as unintended; bias training asked for.
    (
        "de",
        "Das war sicher unabsichtlich, aber es war eine Ungleichbehandlung.",
        "unconscious_bias",
    ),
    ("de", "Die Ärzte merken es nicht, wenn sie uns anders ansehen.", "unconscious_bias"),
    ("de", "Sie brauchen eine Schulung zu Vorurteilen.", "unconscious_bias"),
    ("fr", "Je pense qu'elle l'a fait involontairement, sans méchanceté.", "unconscious_bias"),
    ("fr", "Ils n'ont pas conscience de cette inégalité de traitement.", "unconscious_bias"),
    ("fr", "Il faudrait une formation aux biais pour tout le service.", "unconscious_bias"),
    # Assumptions about drinking, drugs, culture; treated through who one is.
    ("de", "Die Ärztin hielt mich für eine Trinkerin.", "judged"),
    ("de", "Er fragte zuerst, ob ich trinke.", "judged"),
    ("de", "Das passierte nur, weil ich arm bin.", "judged"),
    ("fr", "Le médecin m'a demandé si je buvais avant même de m'examiner.", "judged"),
    ("fr", "On m'a tout de suite mise dans une case.", "judged"),
    ("fr", "Tout ça parce que je suis noire.", "judged"),
    # Who works in health care: recruitment, careers, shortages.
    ("de", "Meine Bewerbung an der Pflegeschule wurde abgelehnt.", "workforce"),
    ("de", "Im Krankenhaus herrscht Personalmangel.", "workforce"),
    ("fr", "Mon diplôme n'a jamais été reconnu, alors j'ai renoncé à postuler.", "workforce"),
    ("fr", "Il y a une pénurie de soignants dans toute la région.", "workforce"),
    # Carers who share one's background or language.
    ("fr", "Une soignante issue de l'immigration, ça rassure.", "representation"),
    ("fr", "Je n'ai jamais vu de soignante avec mon histoire.", "representation"),
    # Concerns not written down or not acted on.
    ("fr", "Elle n'a rien noté de ce que je disais.", "not_listened_to"),
    ("fr", "Le médecin a fait la sourde oreille.", "not_listened_to"),
    # Person-centred care: looked at, asked, examined.
    ("de", "Er schrieb das Rezept, ohne mich anzusehen.", "person_centred"),
    ("de", "Die Ärzte haben über meinen Kopf hinweg entschieden.", "person_centred"),
    ("fr", "Il a fait l'ordonnance sans m'examiner.", "person_centred"),
    ("fr", "Personne ne m'a demandé mon avis sur le traitement.", "person_centred"),
    # Refused or shouted at at the desk.
    ("de", "Der Pfleger hat mich angebrüllt.", "not_welcome"),
    ("fr", "L'hôpital a refusé de me soigner sans carte vitale.", "not_welcome"),
    # Core words of the themes' definitions that were missing: trials and who is counted,
    # patients' groups and petitions, leaflets, consent, intercultural training.
    ("fr", "Ma mère n'a jamais pu participer à une étude clinique.", "research"),
    ("fr", "En France, il n'y a pas de données ethniques sur la santé.", "research"),
    ("fr", "Notre association de patients a lancé une pétition.", "community"),
    ("fr", "Dans la notice, rien sur les femmes enceintes.", "communication"),
    ("fr", "On m'a posé un stérilet sans mon consentement.", "person_centred"),
    ("fr", "Elle voulait devenir sage-femme mais personne ne l'a encouragée.", "workforce"),
    ("de", "Unter den Probanden war keine einzige Frau.", "research"),
    ("de", "Unsere Bürgerinitiative hat eine Petition gestartet.", "community"),
    ("de", "Sie haben mich operiert, ohne mich zu fragen.", "person_centred"),
    ("de", "Ein interkulturelles Seminar für das ganze Team wäre gut.", "education"),
    # Rushed or long-delayed care, being shut out, cut short, addressed as a group; health
    # literacy, misinformation, training to listen, patients' advocates.
    ("fr", "La consultation était chronométrée, tout a été bâclé.", "time_with_professional"),
    ("fr", "Depuis, je n'ose plus retourner chez le dentiste.", "not_welcome"),
    ("fr", "Il ne m'a pas laissé parler une seule fois.", "not_listened_to"),
    ("fr", "Elle a dit : vous êtes tous pareils.", "judged"),
    ("fr", "Il faut former les soignants à l'écoute.", "education"),
    ("fr", "Mon cousin est devenu complotiste.", "communication"),
    ("de", "Ich kam mir durchgeschleust vor.", "time_with_professional"),
    ("de", "Seitdem traue mich nicht mehr in die Praxis.", "not_welcome"),
    ("de", "Sie schrieb das Rezept, ohne mir zuzuhören.", "not_listened_to"),
    ("de", "Die Patientenfürsprecherin hat uns nie eingeladen.", "community"),
    ("de", "Überall kursieren Falschmeldungen über die Impfung.", "communication"),
]


@pytest.mark.parametrize(("lang", "text", "code"), FOUND)
def test_the_term_finds_its_code(lang, text, code):
    assert code in shipped_suggests(lang, text)


LEFT = [
    # "würde" is also the German conditional: not dignity.
    ("de", "Ich würde gern am Dienstag kommen.", "person_centred"),
    # Something that looks like something else is not a carer who looks like oneself.
    ("fr", "Ça ressemblait à une grippe au début.", "representation"),
    ("fr", "Les deux salles d'attente se ressemblent.", "representation"),
    # A talk with the doctor is not a job interview.
    ("fr", "J'ai eu un long entretien avec le médecin après l'opération.", "workforce"),
    # Her own culture told about is not "your culture" said to the patient.
    ("de", "Sie erzählte mir viel über ihre Kultur und ihre Familie.", "judged"),
]


@pytest.mark.parametrize(("lang", "text", "code"), LEFT)
def test_the_near_miss_is_left(lang, text, code):
    assert code not in shipped_suggests(lang, text)
